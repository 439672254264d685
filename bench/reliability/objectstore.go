package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/seed"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// objectStore is an S3 protocol server (gofakes3) on a fixed port, which
// can be stopped (its listener closed: connections refused), started again
// on the same port with the same objects, and stalled (requests accepted
// and never answered).
type objectStore struct {
	addr    string
	backend *s3mem.Backend
	handler http.Handler
	stalled atomic.Bool
	release chan struct{}

	mu  sync.Mutex
	srv *http.Server
}

const storeBucket = "jiuxiao-photos"

func newObjectStore(port int) (*objectStore, error) {
	s := &objectStore{addr: "127.0.0.1:" + strconv.Itoa(port), backend: s3mem.New(), release: make(chan struct{})}
	if err := s.backend.CreateBucket(storeBucket); err != nil {
		return nil, err
	}
	s.handler = gofakes3.New(s.backend, gofakes3.WithTimeSkewLimit(time.Hour)).Server()
	return s, s.start()
}

func (s *objectStore) start() error {
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.stalled.Load() {
			select {
			case <-r.Context().Done():
			case <-s.release:
			}
			return
		}
		s.handler.ServeHTTP(w, r)
	})}
	s.mu.Lock()
	s.srv = srv
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return nil
}

func (s *objectStore) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		_ = s.srv.Close()
		s.srv = nil
	}
}

func (s *objectStore) env() map[string]string {
	return map[string]string{"BLOB_STORE": "s3", "S3_ENDPOINT": s.addr, "S3_BUCKET": storeBucket, "S3_ACCESS_KEY": "reliability",
		"S3_SECRET_KEY": "reliability-secret", "S3_USE_TLS": "false", "S3_PATH_STYLE": "true", "S3_TIMEOUT": "2s"}
}

func (s *objectStore) has(sha string) bool {
	_, err := s.backend.HeadObject(storeBucket, sha)
	return err == nil
}

// photoPNG is a small real PNG, different for each n.
func photoPNG(n uint32) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 12, 12))
	for i := range img.Pix {
		img.Pix[i] = byte(n>>(8*(i%4))) + byte(i)
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

func shaHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// objectstore: three replicas on one S3 bucket and one database. Photos
// uploaded through one replica are read back through the others, the same
// photo uploaded through all three at once is one object; then, under
// photo uploads and reads from 9 officers, the store is stopped (connection
// refused) for some seconds and started again, and later stalled (requests
// never answered): every upload is 201 or 503 with Retry-After within the
// client's timeout, other requests keep answering 200, /readyz says the
// store is unavailable, every photo row names an object the bucket has,
// and uploads succeed again once the store is back.
func objectstore(ctx context.Context, h *harness) error {
	const db = "rel_objectstore"
	down := time.Duration(envInt("JX_S3_DOWN_SECONDS", 6)) * time.Second
	const clientTimeout = 10 * time.Second
	if err := h.freshDB(ctx, db, 200); err != nil {
		return err
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	store, err := newObjectStore(port)
	if err != nil {
		return err
	}
	defer func() { close(store.release); store.stop() }()
	var rs []*replica
	for i := 1; i <= 3; i++ {
		extra := store.env()
		extra["LOG_LEVEL"] = "warn"
		r, err := h.startReplica(ctx, fmt.Sprintf("replica%d", i), db, extra)
		if err != nil {
			return err
		}
		rs = append(rs, r)
	}
	hc := httpClient(clientTimeout)
	var officers []string
	for _, a := range seed.Accounts() {
		if a.Role == vocab.Officer && len(officers) < 9 {
			officers = append(officers, a.Username)
		}
	}
	tokens, err := loginAll(ctx, hc, rs[0].base, officers)
	if err != nil {
		return err
	}
	upload := func(base, officer string, data []byte) (reply, error) {
		body, ct := form("IMG.png", "image/png", data, uuid.NewString())
		return call(ctx, hc, "POST", base+"/api/v1/photos", tokens[officer], body, map[string]string{"Content-Type": ct})
	}

	// Shared: each replica reads what the others stored.
	var c checks
	shared := 0
	for i, o := range officers {
		data := photoPNG(uint32(1000 + i))
		r, err := upload(rs[i%3].base, o, data)
		if err != nil || r.Status != 201 {
			c.fail("upload through %s: %d %v %s", rs[i%3].name, r.Status, err, r.Body)
			continue
		}
		id := jsonField(r.Body, "id")
		for j := 1; j <= 2; j++ {
			g, err := call(ctx, hc, "GET", rs[(i+j)%3].base+"/api/v1/photos/"+id, tokens[o], nil, nil)
			if err != nil || g.Status != 200 || !bytes.Equal(g.Body, data) {
				c.fail("read through %s of a photo stored through %s: %d %v", rs[(i+j)%3].name, rs[i%3].name, g.Status, err)
			} else {
				shared++
			}
		}
	}
	same := photoPNG(7)
	var wg sync.WaitGroup
	var sameOK atomic.Int64
	for i, o := range officers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r, err := upload(rs[i%3].base, o, same); err == nil && r.Status == 201 && jsonField(r.Body, "sha256") == shaHex(same) {
				sameOK.Add(1)
			}
		}()
	}
	wg.Wait()
	c.expect(sameOK.Load() == int64(len(officers)), "the same photo through 3 replicas at once: %d of %d answered 201", sameOK.Load(), len(officers))
	c.expect(store.has(shaHex(same)), "the photo uploaded at once is not in the bucket")

	// The outage and the stall, under load.
	type answer struct {
		start, end time.Time
		status     int
		retryAfter string
		err, path  string
		sha        string
	}
	var mu sync.Mutex
	var results []answer
	stop := make(chan struct{})
	var n atomic.Uint32
	worker := func(i int, officer string) {
		defer wg.Done()
		for k := 0; ; k++ {
			select {
			case <-stop:
				return
			default:
			}
			base := rs[(i+k)%3].base
			res := answer{start: time.Now()}
			var r reply
			var err error
			switch k % 4 {
			case 3:
				res.path = "GET /me"
				r, err = call(ctx, hc, "GET", base+"/api/v1/me", tokens[officer], nil, nil)
			default:
				data := photoPNG(n.Add(1) + 100_000)
				res.path, res.sha = "POST /photos", shaHex(data)
				r, err = upload(base, officer, data)
			}
			res.end = time.Now()
			if err != nil {
				res.err = err.Error()
			} else {
				res.status, res.retryAfter = r.Status, r.Header.Get("Retry-After")
			}
			mu.Lock()
			results = append(results, res)
			mu.Unlock()
			time.Sleep(time.Duration(20+i*5) * time.Millisecond)
		}
	}
	for i, o := range officers {
		wg.Add(1)
		go worker(i, o)
	}
	readyz := map[string]int{}
	probe := func() {
		for _, r := range rs {
			g, err := call(ctx, hc, "GET", r.base+"/readyz", "", nil, nil)
			key := "error"
			if err == nil {
				key = strconv.Itoa(g.Status) + " " + jsonField(g.Body, "status")
			}
			mu.Lock()
			readyz[key]++
			mu.Unlock()
		}
	}
	h.logf("objectstore: 9 officers uploading photos through 3 replicas on one bucket")
	time.Sleep(4 * time.Second)
	stopAt := time.Now()
	store.stop()
	h.logf("objectstore: the store stopped for %s", down)
	for end := time.Now().Add(down); time.Now().Before(end); time.Sleep(time.Second) {
		probe()
	}
	if err := store.start(); err != nil {
		close(stop)
		wg.Wait()
		return err
	}
	upAt := time.Now()
	h.logf("objectstore: the store is back")
	time.Sleep(5 * time.Second)
	probe()
	stallAt := time.Now()
	store.stalled.Store(true)
	h.logf("objectstore: the store stalled for 5 s")
	time.Sleep(5 * time.Second)
	store.stalled.Store(false)
	unstallAt := time.Now()
	time.Sleep(5 * time.Second)
	close(stop)
	wg.Wait()

	byStatus := map[string]int{}
	var acked []string
	during, during503, stalled503, after201 := 0, 0, 0, 0
	var maxLatency, maxStalled time.Duration
	for _, r := range results {
		lat := r.end.Sub(r.start)
		maxLatency = max(maxLatency, lat)
		key := r.path + " " + strconv.Itoa(r.status)
		if r.err != "" {
			key = r.path + " error"
		}
		byStatus[key]++
		inOutage := r.end.After(stopAt) && r.start.Before(upAt)
		inStall := r.end.After(stallAt) && r.start.Before(unstallAt)
		switch {
		case r.err != "":
			c.fail("%s at %s: %s", r.path, r.start.Format("15:04:05.000"), r.err)
		case r.path == "GET /me" && r.status != 200:
			c.fail("GET /me answered %d while the store was %s", r.status, map[bool]string{true: "away", false: "up"}[inOutage || inStall])
		case r.path == "POST /photos" && r.status == 201:
			acked = append(acked, r.sha)
			if r.start.After(upAt) && r.start.Before(stallAt) || r.start.After(unstallAt) {
				after201++
			}
		case r.path == "POST /photos" && r.status == 503:
			if r.retryAfter == "" {
				c.fail("POST /photos: 503 without Retry-After")
			}
			if inOutage {
				during503++
			}
			if inStall {
				stalled503++
				maxStalled = max(maxStalled, lat)
			}
		case r.path == "POST /photos":
			c.fail("POST /photos answered %d", r.status)
		}
		if inOutage {
			during++
		}
		c.expect(lat < clientTimeout, "%s took %s", r.path, lat)
	}
	if len(c.failed) > 20 {
		c.failed = append(c.failed[:20], fmt.Sprintf("… and %d more", len(c.failed)-20))
	}
	c.expect(during503 > 0, "no upload met the outage (%d requests during it)", during)
	c.expect(stalled503 > 0, "no upload met the stall")
	c.expect(after201 > 0, "no upload succeeded after the store came back")
	c.expect(readyz["503 blob store unavailable"] > 0, "/readyz never said the store was unavailable: %v", readyz)
	for _, r := range rs {
		c.expect(r.alive(), "%s died: %s", r.name, r.logTail())
	}
	replicaChecks(&c, rs...)

	// Every photo row names an object of the bucket; every acked upload has a row.
	conn, err := h.connect(ctx, db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "SELECT DISTINCT sha256 FROM photos")
	if err != nil {
		return err
	}
	inDB := map[string]bool{}
	orphans := 0
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		inDB[s] = true
		if !store.has(s) {
			orphans++
		}
	}
	rows.Close()
	missing := 0
	for _, s := range acked {
		if !inDB[s] {
			missing++
		}
	}
	c.expect(orphans == 0, "%d photo rows name objects the bucket does not have", orphans)
	c.expect(missing == 0, "%d uploads answered 201 have no photo row", missing)
	var codes []string
	for k, v := range byStatus {
		codes = append(codes, fmt.Sprintf("%d×%s", v, k))
	}
	sort.Strings(codes)
	var rz []string
	for k, v := range readyz {
		rz = append(rz, fmt.Sprintf("%d×%s", v, k))
	}
	sort.Strings(rz)
	h.record(result{Test: "object store: 3 replicas, one bucket",
		Fault: fmt.Sprintf("gofakes3 over HTTP; 9 officers uploading photos and reading /me through 3 replicas; the store stopped for %s, then stalled for 5 s (S3_TIMEOUT=2s)", down),
		Figure: fmt.Sprintf("%d reads of a photo through another replica than its upload's, all byte for byte; the same photo through 3 replicas at once: %d×201, one object; %d uploads met the outage, %d got 503 + Retry-After (the others a 201 at its edges, a retry reaching the store as it came back); %d met the stall, slowest answer %s; uploads 201 again after it (%d); slowest answer of the run %s (client timeout %s); /readyz: %s; %d uploads acked, %d without a row, %d rows without their object; answers: %s",
			shared, sameOK.Load(), during, during503, stalled503, maxStalled.Round(time.Millisecond), after201, maxLatency.Round(time.Millisecond), clientTimeout,
			strings.Join(rz, " "), len(acked), missing, orphans, strings.Join(codes, " ")),
		Lost: yesNo(missing > 0 || orphans > 0), OK: c.ok(), Details: c.failed})
	return nil
}
