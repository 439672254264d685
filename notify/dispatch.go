package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Options tune a Dispatcher. The zero value of each field is its default.
type Options struct {
	Timeout     time.Duration // per request (10 s)
	Concurrency int           // requests in flight (128)
	PerReceiver int           // requests in flight to one subscription (64)
	RetryFor    time.Duration // retries go on at least this long (24 h), then failed
	Backoff     Backoff       // between retries
	Poll        time.Duration // how often an idle dispatcher looks for work (200 ms)
	Batch       int           // events relayed, deliveries claimed per statement (500)
	Allow       models.AllowList
	SMS         SMSSender // where text messages go (LogSMS when nil)
	Now         func() time.Time
	Metrics     *Metrics
	Log         *slog.Logger
}

// Backoff is exponential with jitter: the n-th retry waits between half and
// all of Base × 2^(n-1), at most Max.
type Backoff struct {
	Base, Max time.Duration
	Rand      func() float64 // in [0, 1); math/rand when nil
}

// Delay is the wait before retry n (1 for the first).
func (b Backoff) Delay(n int) time.Duration {
	base, most := b.Base, b.Max
	if base <= 0 {
		base = 5 * time.Second
	}
	if most <= 0 {
		most = time.Hour
	}
	d := most
	if n < 1 {
		n = 1
	}
	if n < 40 && base<<(n-1) > 0 && base<<(n-1) < most {
		d = base << (n - 1)
	}
	r := rand.Float64
	if b.Rand != nil {
		r = b.Rand
	}
	return d/2 + time.Duration(r()*float64(d/2))
}

// maxAnswer is how much of a receiver's answer is read; the rest is not.
const maxAnswer = 4 << 10

// Dispatcher relays events to deliveries and sends the deliveries due, in
// every replica: SKIP LOCKED shares the rows out, and a lease (a claimed
// delivery is not due again until its request's timeout has passed, with a
// margin) makes a dispatcher that dies mid-delivery lose nothing.
type Dispatcher struct {
	db     *gorm.DB
	o      Options
	client *http.Client
	lease  time.Duration

	slots   chan struct{}
	wake    chan struct{}
	results chan models.DeliveryResult
	sends   sync.WaitGroup

	mu       sync.Mutex
	inFlight map[uuid.UUID]int // by subscription
}

// New makes a Dispatcher on db.
func New(db *gorm.DB, o Options) *Dispatcher {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 128
	}
	if o.PerReceiver <= 0 {
		o.PerReceiver = 64
	}
	if o.RetryFor <= 0 {
		o.RetryFor = 24 * time.Hour
	}
	if o.Poll <= 0 {
		o.Poll = 200 * time.Millisecond
	}
	if o.Batch <= 0 {
		o.Batch = 500
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.SMS == nil {
		o.SMS = LogSMS{Log: o.Log}
	}
	return &Dispatcher{
		db: db, o: o, client: newClient(o.Allow, o.PerReceiver),
		lease:    o.Timeout + 30*time.Second,
		slots:    make(chan struct{}, o.Concurrency),
		wake:     make(chan struct{}, 1),
		inFlight: map[uuid.UUID]int{},
	}
}

// Run relays and sends until ctx ends; then it claims nothing more, lets the
// requests in flight finish (each within its timeout), records their
// outcomes and returns.
//
// Relaying and sending are two loops. Were they one, each turn would relay a
// batch of events (tens of milliseconds for 500) before it could claim more
// deliveries, and a turn claims at most WEBHOOK_PER_RECEIVER to one
// receiver: with a backlog of events the rate fell to 64 per relay, about
// 300 events/s (docs/BENCHMARKS.md).
func (d *Dispatcher) Run(ctx context.Context) {
	d.results = make(chan models.DeliveryResult, d.o.Concurrency)
	recorded := make(chan struct{})
	go func() { d.record(); close(recorded) }()
	relaying := make(chan struct{})
	go func() { d.relayLoop(ctx); close(relaying) }()
	for ctx.Err() == nil {
		busy, err := d.send(ctx)
		if err != nil && ctx.Err() == nil {
			d.o.Log.Warn("dispatch", "error", err)
			busy = false
		}
		if busy {
			continue
		}
		select {
		case <-ctx.Done():
		case <-d.wake: // a slot freed, or the relay made deliveries
		case <-time.After(d.o.Poll):
		}
	}
	<-relaying
	d.sends.Wait()
	close(d.results)
	<-recorded
}

// relayLoop relays events to deliveries, a batch after another while
// batches come full, else once per poll, and wakes the sending loop when it
// made deliveries.
func (d *Dispatcher) relayLoop(ctx context.Context) {
	for ctx.Err() == nil {
		n, made, err := d.relay(ctx)
		if err != nil && ctx.Err() == nil {
			d.o.Log.Warn("relay events", "error", err)
		}
		if made > 0 {
			d.kick()
		}
		if err == nil && n == d.o.Batch {
			continue
		}
		select {
		case <-ctx.Done():
		case <-time.After(d.o.Poll):
		}
	}
}

// relay relays one batch of events: how many, and the deliveries made.
func (d *Dispatcher) relay(ctx context.Context) (int, int, error) {
	relayed, made, err := models.RelayEvents(ctx, d.db, d.o.Now(), d.o.Batch)
	if err != nil {
		return 0, 0, err
	}
	n := 0
	for t, k := range relayed {
		n += k
		d.o.Metrics.eventsRelayed(t, k)
	}
	return n, made, nil
}

// send starts the deliveries due that it has slots for. busy says it
// started some, so there may be more at once; when every slot is taken the
// wake channel says when one frees.
func (d *Dispatcher) send(ctx context.Context) (bool, error) {
	free := cap(d.slots) - len(d.slots)
	if free == 0 {
		return false, nil
	}
	claimed, err := models.ClaimDeliveries(ctx, d.db, d.o.Now(), d.lease, min(free, d.o.Batch), d.o.PerReceiver, d.counts())
	if err != nil {
		return false, err
	}
	for _, c := range claimed {
		d.take(c.WebhookID)
		d.slots <- struct{}{}
		d.sends.Add(1)
		go d.deliver(c)
	}
	return len(claimed) > 0, nil
}

// kick wakes the sending loop, unless a wake-up is pending already.
func (d *Dispatcher) kick() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// take counts a request to a subscription in flight.
func (d *Dispatcher) take(w *uuid.UUID) {
	if w != nil {
		d.mu.Lock()
		d.inFlight[*w]++
		d.mu.Unlock()
	}
}

func (d *Dispatcher) done(w *uuid.UUID) {
	if w != nil {
		d.mu.Lock()
		if d.inFlight[*w]--; d.inFlight[*w] <= 0 {
			delete(d.inFlight, *w)
		}
		d.mu.Unlock()
	}
	<-d.slots
	d.kick()
}

// counts are the requests in flight here, by subscription.
func (d *Dispatcher) counts() map[uuid.UUID]int {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[uuid.UUID]int, len(d.inFlight))
	for w, n := range d.inFlight {
		out[w] = n
	}
	return out
}

// deliver makes one attempt and hands its outcome to record.
func (d *Dispatcher) deliver(c models.Claimed) {
	defer d.sends.Done()
	defer d.done(c.WebhookID)
	// Not cancelled when Run's context ends: a request in flight finishes
	// (within its timeout) rather than leave its outcome unknown.
	ctx, cancel := context.WithTimeout(context.Background(), d.o.Timeout)
	defer cancel()
	var code *int
	var err error
	if c.SMS != nil {
		code, err = d.o.SMS.Send(ctx, c.ID.String(), *c.SMS)
	} else {
		code, err = d.post(ctx, c)
	}
	d.results <- d.outcome(c, code, err)
}

// post sends an event to its subscription, signed.
func (d *Dispatcher) post(ctx context.Context, c models.Claimed) (*int, error) {
	body, err := json.Marshal(c.Event)
	if err != nil {
		return nil, err
	}
	return postSigned(ctx, d.client, c.URL, c.Secrets, c.Event.ID.String(), d.o.Now(), body)
}

// postSigned POSTs body to url with the Standard Webhooks headers, and
// returns the answer's status: an error unless it is 2xx.
func postSigned(ctx context.Context, client *http.Client, url string, secrets []string, id string, now time.Time, body []byte) (*int, error) {
	sig, err := Sign(secrets, id, now, body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Jiuxiao-Webhooks/1")
	req.Header.Set("webhook-id", id)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("webhook-signature", sig)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	answer, rerr := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	code := resp.StatusCode
	switch {
	case rerr != nil:
		// Cut off or too slow: the receiver may not have taken it, so it is
		// sent again (receivers de-duplicate by webhook-id).
		return &code, fmt.Errorf("answered %d but the answer did not arrive whole: %w", code, rerr)
	case code >= 200 && code < 300:
		return &code, nil
	case code >= 300 && code < 400:
		return &code, fmt.Errorf("answered %d (redirects are not followed) to %s", code, resp.Header.Get("Location"))
	}
	return &code, fmt.Errorf("answered %d: %s", code, excerpt(answer))
}

func excerpt(b []byte) string {
	if len(b) > 200 {
		b = b[:200]
	}
	return string(bytes.ToValidUTF8(b, []byte("?")))
}

// outcome is what an attempt leads to: delivered on a 2xx; otherwise due
// again after the backoff, or failed once the retries' window has passed.
func (d *Dispatcher) outcome(c models.Claimed, code *int, err error) models.DeliveryResult {
	now := d.o.Now()
	r := models.DeliveryResult{ID: c.ID, Lease: c.Lease, Code: code, At: now, Next: now, Status: vocab.DeliveryDelivered, Webhook: "sms"}
	if c.WebhookID != nil {
		r.Webhook = c.WebhookID.String()
	}
	if err == nil {
		return r
	}
	r.Error = err.Error()
	if len(r.Error) > 500 {
		r.Error = r.Error[:500]
	}
	if !now.Before(c.RetryFrom.Add(d.o.RetryFor)) {
		r.Status = vocab.DeliveryFailed
		return r
	}
	r.Status = vocab.DeliveryPending
	r.Next = now.Add(d.o.Backoff.Delay(c.Attempts + 1))
	return r
}

// record writes outcomes in batches: whatever has arrived within 20 ms, or
// a batch's worth.
func (d *Dispatcher) record() {
	var batch []models.DeliveryResult
	flush := func() {
		if len(batch) == 0 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := models.FinishDeliveries(ctx, d.db, batch); err != nil {
			// The leases run out and the deliveries are sent again: at least once.
			d.o.Log.Warn("record deliveries", "error", err, "deliveries", len(batch))
		} else {
			for _, r := range batch {
				d.o.Metrics.delivered(r)
			}
		}
		batch = batch[:0]
	}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case r, ok := <-d.results:
			if !ok {
				flush()
				return
			}
			batch = append(batch, r)
			if len(batch) >= d.o.Batch {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}

// RunOnce relays what is there and sends every delivery due now, waiting
// for their outcomes: for tests and the command line. It returns how many
// deliveries it attempted.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	recorded := make(chan struct{})
	d.results = make(chan models.DeliveryResult, d.o.Concurrency)
	go func() { d.record(); close(recorded) }()
	total := 0
	var err error
	for {
		now := d.o.Now()
		var relayed map[models.EventType]int
		if relayed, _, err = models.RelayEvents(ctx, d.db, now, d.o.Batch); err != nil {
			break
		}
		for t, k := range relayed {
			d.o.Metrics.eventsRelayed(t, k)
		}
		var claimed []models.Claimed
		if claimed, err = models.ClaimDeliveries(ctx, d.db, now, d.lease, d.o.Batch, d.o.Batch, nil); err != nil || len(claimed) == 0 {
			break
		}
		total += len(claimed)
		for _, c := range claimed {
			d.take(c.WebhookID)
			d.slots <- struct{}{}
			d.sends.Add(1)
			go d.deliver(c)
		}
		d.sends.Wait()
	}
	close(d.results)
	<-recorded
	return total, err
}
