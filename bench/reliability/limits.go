package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jiuxiao/jiuxiao/bench/internal/latency"
)

// limits: resources no client can exhaust. Twenty supervisors download the
// city's CSV ledger over links that read almost nothing while another user
// reads /me; then, on a fresh replica, ten city XLSX ledgers at once with
// sixty slow downloads of one 9.7 MB photo, /me read all along, and the
// peak memory of the process.
func limits(ctx context.Context, h *harness) error {
	const db = "rel_limits"
	venues := envInt("JX_LIMITS_VENUES", 100_000)
	hold := time.Duration(envInt("JX_LIMITS_SECONDS", 15)) * time.Second
	h.logf("limits: %d venues", venues)
	if err := h.freshDB(ctx, db, venues); err != nil {
		return err
	}
	if _, err := h.runBin(ctx, map[string]string{"DATABASE_URL": h.dbURL(db), "LOG_LEVEL": "warn"}, "schedule", "generate"); err != nil {
		return err
	}
	conn, err := h.connect(ctx, db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	// Twenty supervisors of the city (the seed's password; tokens are
	// signed here, as in load).
	if _, err := conn.Exec(ctx, `INSERT INTO users (username, name, role, org_unit_id, password_hash)
		SELECT 'sup-city-' || k, '市督导' || k, 'supervisor', (SELECT id FROM org_units WHERE kind = 'city' ORDER BY code LIMIT 1),
		  (SELECT password_hash FROM users WHERE username = 'admin')
		FROM generate_series(1, 20) k`); err != nil {
		return err
	}
	var sups []string
	for k := 1; k <= 20; k++ {
		tok, err := mintToken(ctx, conn, fmt.Sprintf("sup-city-%d", k))
		if err != nil {
			return err
		}
		sups = append(sups, tok)
	}
	reader, err := mintToken(ctx, conn, "off-dcf-1-g1")
	if err != nil {
		return err
	}
	rows, _ := scalar[int64](ctx, conn, "SELECT count(*) FROM inspections WHERE status <> 'cancelled'")

	// 1. Twenty slow CSV ledgers.
	r1, err := h.startReplica(ctx, "slow", db, map[string]string{"LOG_LEVEL": "warn"})
	if err != nil {
		return err
	}
	hc := httpClient(40 * time.Second)
	me := sample(ctx, hc, r1.base+"/api/v1/me", reader)
	ready := sample(ctx, hc, r1.base+"/readyz", "")
	var wg sync.WaitGroup
	slow := make([]slowResult, len(sups))
	for i, tok := range sups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slow[i] = slowDownload(ctx, r1.port, "/api/v1/exports/inspections.csv", tok, 4<<10, 250*time.Millisecond, hold)
		}()
	}
	wg.Wait()
	meLat, meBad := me.stop()
	_, readyBad := ready.stop()
	codes := map[int]int{}
	var withoutRetry int
	for _, s := range slow {
		codes[s.status]++
		if s.status != 200 && s.retryAfter == "" {
			withoutRetry++
		}
	}
	var c1 checks
	c1.expect(meBad == 0, "%d GET /me answers were not 200 (or failed)", meBad)
	c1.expect(len(meLat) > 0 && latency.Percentile(meLat, 99) < 100*time.Millisecond, "GET /me p99 %s (target < 100 ms)", ms(latency.Percentile(meLat, 99)))
	c1.expect(readyBad == 0, "/readyz answered other than 200 %d times", readyBad)
	c1.expect(codes[200] > 0 && codes[200]+codes[429]+codes[503] == len(sups), "slow ledgers answered %v (want 200, 429 or 503)", codes)
	c1.expect(withoutRetry == 0, "%d refusals without Retry-After", withoutRetry)
	replicaChecks(&c1, r1)
	h.record(result{Test: "limits: slow ledgers", Fault: fmt.Sprintf("20 supervisors GET the city's CSV ledger (%d rows) reading 16 KB/s for %s; another user GETs /me every 20 ms", rows, hold),
		Figure: fmt.Sprintf("ledgers answered %v; GET /me ×%d: p50 %s, p99 %s, max %s, %d not 200; /readyz not 200: %d", codes, len(meLat),
			ms(latency.Percentile(meLat, 50)), ms(latency.Percentile(meLat, 99)), ms(latency.Percentile(meLat, 100)), meBad, readyBad),
		Lost: "n/a", OK: c1.ok(), Details: c1.failed})
	r1.stop(syscall.SIGTERM, 25*time.Second)

	// 2. Ten XLSX ledgers and sixty slow photo downloads, on a fresh
	// replica so that its peak memory is theirs.
	r2, err := h.startReplica(ctx, "memory", db, map[string]string{"LOG_LEVEL": "warn"})
	if err != nil {
		return err
	}
	body, ct := form("IMG_0001.jpg", "image/jpeg", padded(9_700_000), "")
	up, err := call(ctx, hc, "POST", r2.base+"/api/v1/photos", reader, body, map[string]string{"Content-Type": ct})
	if err != nil || up.Status != 201 {
		return fmt.Errorf("photo upload: %v %d %s", err, up.Status, tail(up.Body, 300))
	}
	photo := "/api/v1/photos/" + jsonField(up.Body, "id")
	base := rssKB(r2.cmd.Process.Pid, "VmRSS")
	me = sample(ctx, hc, r2.base+"/api/v1/me", reader)
	var (
		mu      sync.Mutex
		xlsx    []string
		xlsxLat []time.Duration
	)
	photos := make([]slowResult, 60)
	xc := httpClient(5 * time.Minute)
	for i := range photos {
		wg.Add(1)
		go func() {
			defer wg.Done()
			photos[i] = slowDownload(ctx, r2.port, photo, reader, 32<<10, 100*time.Millisecond, hold)
		}()
	}
	t0 := time.Now()
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := call(ctx, xc, "GET", r2.base+"/api/v1/exports/inspections.xlsx", sups[i], nil, nil)
			mu.Lock()
			defer mu.Unlock()
			xlsxLat = append(xlsxLat, time.Since(t0))
			switch {
			case err != nil:
				xlsx = append(xlsx, err.Error())
			case res.Status != 200:
				xlsx = append(xlsx, fmt.Sprintf("%d %s", res.Status, tail(res.Body, 200)))
			default:
				if _, err := zip.NewReader(bytes.NewReader(res.Body), int64(len(res.Body))); err != nil {
					xlsx = append(xlsx, fmt.Sprintf("200 but not a whole workbook (%d bytes): %v", len(res.Body), err))
				} else {
					xlsx = append(xlsx, fmt.Sprintf("200 %.1f MB", float64(len(res.Body))/(1<<20)))
				}
			}
		}()
	}
	wg.Wait()
	meLat, meBad = me.stop()
	peak := rssKB(r2.cmd.Process.Pid, "VmHWM")
	var photoBytes int64
	photoCodes := map[int]int{}
	for _, p := range photos {
		photoCodes[p.status]++
		photoBytes += p.read
	}
	whole := 0
	for _, x := range xlsx {
		if strings.HasPrefix(x, "200 ") && !strings.Contains(x, "not a whole") {
			whole++
		}
	}
	var c2 checks
	c2.expect(whole == 10, "XLSX ledgers: %v", xlsx)
	c2.expect(photoCodes[200] == 60, "photo downloads answered %v", photoCodes)
	c2.expect(peak < 300*1024, "peak RSS %d MB (target < 300 MB)", peak/1024)
	c2.expect(meBad == 0, "%d GET /me answers were not 200 (or failed)", meBad)
	c2.expect(len(meLat) > 0 && latency.Percentile(meLat, 99) < 100*time.Millisecond, "GET /me p99 %s (target < 100 ms)", ms(latency.Percentile(meLat, 99)))
	replicaChecks(&c2, r2)
	h.record(result{Test: "limits: memory", Fault: fmt.Sprintf("10 city XLSX ledgers (%d rows each) at once, by 10 supervisors, with 60 downloads of a 9.7 MB photo reading 320 KB/s for %s; /me every 20 ms", rows, hold),
		Figure: fmt.Sprintf("XLSX: %d of 10 whole, the last after %s; photos answered %v, %.0f MB sent; peak RSS %d MB (%d MB before); GET /me ×%d: p50 %s, p99 %s, max %s, %d not 200",
			whole, ms(latency.Percentile(xlsxLat, 100)), photoCodes, float64(photoBytes)/(1<<20), peak/1024, base/1024, len(meLat), ms(latency.Percentile(meLat, 50)), ms(latency.Percentile(meLat, 99)), ms(latency.Percentile(meLat, 100)), meBad),
		Lost: "n/a", OK: c2.ok(), Details: c2.failed})
	return nil
}

// slowResult is what a slow client got.
type slowResult struct {
	status     int
	retryAfter string
	read       int64
	err        error
}

// slowDownload GETs path and reads the answer's body chunk bytes every
// tick, with a receive buffer of 16 KB, for at most d; then hangs up.
func slowDownload(ctx context.Context, port int, path, token string, chunk int, tick, d time.Duration) slowResult {
	c, err := (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, "tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return slowResult{err: err}
	}
	defer c.Close()
	_ = c.(*net.TCPConn).SetReadBuffer(16 << 10)
	end := time.Now().Add(d)
	_ = c.SetDeadline(end.Add(30 * time.Second))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: jiuxiao\r\nAuthorization: Bearer %s\r\n\r\n", path, token)
	resp, err := http.ReadResponse(bufio.NewReaderSize(c, 4096), nil)
	if err != nil {
		return slowResult{err: err}
	}
	out := slowResult{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After")}
	buf := make([]byte, chunk)
	for time.Now().Before(end) && ctx.Err() == nil {
		n, err := io.ReadFull(resp.Body, buf)
		out.read += int64(n)
		if err != nil {
			break
		}
		time.Sleep(tick)
	}
	return out
}

// sampler GETs a URL every 20 ms until stopped.
type sampler struct {
	stopc chan struct{}
	done  chan struct{}
	lat   []time.Duration
	bad   int
}

func sample(ctx context.Context, hc *http.Client, url, token string) *sampler {
	s := &sampler{stopc: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for {
			select {
			case <-s.stopc:
				return
			case <-ctx.Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
			t0 := time.Now()
			res, err := call(ctx, hc, "GET", url, token, nil, nil)
			s.lat = append(s.lat, time.Since(t0))
			if err != nil || res.Status != 200 {
				s.bad++
			}
		}
	}()
	return s
}

func (s *sampler) stop() ([]time.Duration, int) {
	close(s.stopc)
	<-s.done
	return s.lat, s.bad
}
