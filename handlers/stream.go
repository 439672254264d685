package handlers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/replica"
)

// Streamed answers (the ledgers and the map's points) are long: a city's
// ledger is tens of megabytes, and a supervisor on a slow link reads it for
// minutes. Two rules keep them from starving everyone else:
//
//   - the rows are read at the database's pace into a temporary file (a
//     spool) and sent from it at the client's: a database connection is
//     held for as long as the query runs, never for as long as a client
//     reads;
//   - Streams bounds how many are in flight per user and in all (429 or
//     503 with Retry-After beyond), and how many read the database at once
//     (the others wait their turn).

// Streams bounds the streamed answers. The zero value allows nothing; New
// gives the defaults.
type Streams struct {
	// PerUser is how many answers of one kind a user may have in flight.
	PerUser int
	// InFlight is how many answers may be in flight in all, being read
	// from the database or sent.
	InFlight int
	// Builds is how many may read from the database at once (each holds a
	// pool connection and, for XLSX, its workbook's buffers).
	Builds int
	// Dir is where spools are kept ("" for the system's temporary folder).
	Dir string

	once    sync.Once
	mu      sync.Mutex
	perUser map[streamKey]int
	total   int
	builds  chan struct{}
}

type streamKey struct {
	kind string
	user uuid.UUID
}

// LimitError is a streamed answer refused for now: 429 when the caller has
// too many in flight, 503 when the service has.
type LimitError struct {
	Status     int
	RetryAfter time.Duration
	Detail     string
}

func (e *LimitError) Error() string { return e.Detail }

// Stats is what is in flight now, for /readyz and the metrics.
func (s *Streams) Stats() (inFlight, building int) {
	s.init()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total, len(s.builds)
}

func (s *Streams) init() {
	s.once.Do(func() {
		s.perUser = map[streamKey]int{}
		s.builds = make(chan struct{}, max(s.Builds, 1))
	})
}

// acquire takes a slot in flight for user's answer of kind, or refuses.
func (s *Streams) acquire(kind string, user uuid.UUID) (release func(), err error) {
	s.init()
	k := streamKey{kind, user}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.perUser[k] >= s.PerUser:
		return nil, &LimitError{Status: fiber.StatusTooManyRequests, RetryAfter: 10 * time.Second,
			Detail: "you have " + strconv.Itoa(s.PerUser) + " of these in flight already; wait until one has arrived"}
	case s.total >= s.InFlight:
		return nil, &LimitError{Status: fiber.StatusServiceUnavailable, RetryAfter: 10 * time.Second,
			Detail: "the service is sending as many ledgers and maps as it may; try again shortly"}
	}
	s.perUser[k]++
	s.total++
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			if s.perUser[k]--; s.perUser[k] <= 0 {
				delete(s.perUser, k)
			}
			s.total--
		})
	}, nil
}

// build waits for a turn to read the database, until ctx ends.
func (s *Streams) build(ctx context.Context) (release func(), err error) {
	s.init()
	select {
	case s.builds <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-s.builds }) }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// stream answers c with what write produces, through a spool: write runs in
// its own goroutine, as soon as a turn to read the database is free, on a
// context of its own that ends after ExportTimeout or when the client goes
// away; the client is sent what it has written so far, and waits for the
// rest. An error of write after the
// status is sent cuts the answer short (a broken chunked body), which a
// client cannot take for a whole one.
func (a *API) stream(c *fiber.Ctx, kind string, write func(ctx context.Context, w io.Writer) error) error {
	release, err := a.Streams.acquire(kind, actor(c).UserID)
	if err != nil {
		return err
	}
	sp, err := newSpool(a.Streams.Dir)
	if err != nil {
		release()
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), ExportTimeout)
	log := slog.Default()
	rid, _ := c.Locals("request_id").(string)
	// From the replica, the answer is held back until it is whole: a
	// replica lost midway makes it again on the primary, and the client
	// gets one whole answer, not a cut one.
	fromReplica, _ := c.Locals(fromReplicaKey).(bool)
	sp.held = fromReplica
	go func() {
		defer cancel()
		backgroundThread()
		// Queued answers wait here, their status and headers sent; the
		// slots in flight bound how many wait.
		endBuild, err := a.Streams.build(ctx)
		if err == nil {
			err = write(ctx, sp)
			if err != nil && fromReplica && replica.Unavailable(err) && sp.restart() == nil {
				log.Warn("streamed answer made again on the primary: the replica failed", "kind", kind, "request_id", rid, "error", err)
				err = write(replica.PrimaryOnly(ctx), sp)
			}
			endBuild()
		}
		sp.finish(err)
		if err != nil && !errors.Is(err, errClientGone) && !errors.Is(err, context.Canceled) {
			log.Error("streamed answer stopped", "kind", kind, "request_id", rid, "error", err)
		}
	}()
	c.Context().SetBodyStream(&spoolReader{sp: sp, onClose: func() { cancel(); release() }}, -1)
	return nil
}

// errClientGone ends a spool's writer whose reader has closed.
var errClientGone = errors.New("the client went away")

// spool is a temporary file written by one goroutine and read, as it
// grows, by another. The file is unlinked at once; it goes when both ends
// have closed it.
type spool struct {
	f    *os.File
	mu   sync.Mutex
	cond *sync.Cond
	size int64 // bytes written so far
	done bool  // the writer has finished
	err  error // why it stopped, if it failed
	gone bool  // the reader has closed
	held bool  // the reader gets nothing until the writer has finished
	refs int
}

func newSpool(dir string) (*spool, error) {
	f, err := os.CreateTemp(dir, "jiuxiao-stream-*")
	if err != nil {
		return nil, err
	}
	_ = os.Remove(f.Name())
	s := &spool{f: f, refs: 2}
	s.cond = sync.NewCond(&s.mu)
	return s, nil
}

// Write appends p; it fails once the reader has gone, so that the writer
// stops and gives its database connection back.
func (s *spool) Write(p []byte) (int, error) {
	s.mu.Lock()
	gone, off := s.gone, s.size
	s.mu.Unlock()
	if gone {
		return 0, errClientGone
	}
	n, err := s.f.WriteAt(p, off)
	s.mu.Lock()
	s.size += int64(n)
	s.cond.Broadcast()
	s.mu.Unlock()
	// A ledger is CPU-bound work beside requests that take a millisecond:
	// let them go first (at most every 64 KB written, with bufio in front).
	runtime.Gosched()
	return n, err
}

// restart empties a held spool for the writer to begin again.
func (s *spool) restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.held || s.done {
		return errors.New("the spool is not held back")
	}
	s.size = 0
	return s.f.Truncate(0)
}

// finish records the writer's end.
func (s *spool) finish(err error) {
	s.mu.Lock()
	s.done, s.err = true, err
	s.cond.Broadcast()
	s.mu.Unlock()
	s.unref()
}

func (s *spool) unref() {
	s.mu.Lock()
	s.refs--
	last := s.refs == 0
	s.mu.Unlock()
	if last {
		s.f.Close()
	}
}

// spoolReader is the client's end of a spool.
type spoolReader struct {
	sp      *spool
	off     int64
	once    sync.Once
	onClose func()
}

func (r *spoolReader) Read(p []byte) (int, error) {
	s := r.sp
	s.mu.Lock()
	for (r.off >= s.size || s.held) && !s.done {
		s.cond.Wait()
	}
	size, done, err := s.size, s.done, s.err
	s.mu.Unlock()
	if r.off >= size {
		if done && err != nil {
			return 0, err
		}
		return 0, io.EOF
	}
	n, rerr := s.f.ReadAt(p[:min(int64(len(p)), size-r.off)], r.off)
	r.off += int64(n)
	if rerr == io.EOF {
		rerr = nil
	}
	return n, rerr
}

// Close is called by fasthttp when the answer is sent or the client has
// gone; a writer still running then stops at its next write.
func (r *spoolReader) Close() error {
	r.once.Do(func() {
		s := r.sp
		s.mu.Lock()
		s.gone = true
		s.mu.Unlock()
		r.onClose()
		s.unref()
	})
	return nil
}
