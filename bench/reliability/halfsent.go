package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The replica's settings that halfSent checks (the defaults, set explicitly).
const (
	halfReadTimeout = 10 * time.Second
	halfConnCap     = 256
)

// halfSent: JX_HALF_SENT (5,000) connections from one address each send
// part of a request's headers and stop. Those past MAX_CONNS_PER_IP must be
// answered 429 at once, the others closed by the server within
// READ_TIMEOUT (and a little), none left open; meanwhile a client from
// another address is answered as usual.
func halfSent(ctx context.Context, h *harness, r *replica, token string) {
	n := envInt("JX_HALF_SENT", 5000)
	addr := strings.TrimPrefix(r.base, "http://")
	h.logf("hostile: %d half-sent requests from one address", n)
	var (
		refused, closed, open, dialFailed, other atomic.Int64
		slowest                                  atomic.Int64 // ns from the write to the server's close
		wg                                       sync.WaitGroup
	)
	sem := make(chan struct{}, 64) // dials at once
	for range n {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.DialTimeout("tcp", addr, 5*time.Second)
			<-sem
			if err != nil {
				dialFailed.Add(1)
				return
			}
			defer c.Close()
			sent := time.Now()
			_, _ = c.Write([]byte("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Slow: "))
			_ = c.SetReadDeadline(sent.Add(halfReadTimeout + 10*time.Second))
			line, err := bufio.NewReader(c).ReadString('\n')
			switch {
			case strings.HasPrefix(line, "HTTP/1.1 429"):
				refused.Add(1)
			case err != nil && isTimeout(err):
				open.Add(1)
			case line != "":
				other.Add(1)
				closed.Add(1)
			default:
				closed.Add(1)
			}
			if !strings.HasPrefix(line, "HTTP/1.1 429") {
				d := int64(time.Since(sent))
				for {
					cur := slowest.Load()
					if d <= cur || slowest.CompareAndSwap(cur, d) {
						break
					}
				}
			}
		}()
	}
	// Meanwhile, another address (127.0.0.2 reaches the same loopback).
	time.Sleep(time.Second)
	elsewhere := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		DialContext: (&net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}}).DialContext}}
	t0 := time.Now()
	res, err := call(ctx, elsewhere, "GET", r.base+"/api/v1/me", token, nil, nil)
	took := time.Since(t0)
	wg.Wait()

	var c checks
	c.expect(err == nil && res.Status == 200, "GET /me from another address during the attack: %v %d", err, res.Status)
	c.expect(open.Load() == 0, "%d half-sent requests were still open %s after they were sent", open.Load(), halfReadTimeout+10*time.Second)
	c.expect(dialFailed.Load() == 0, "%d connections could not be made", dialFailed.Load())
	c.expect(refused.Load() >= int64(n-halfConnCap)-dialFailed.Load(), "only %d of %d were refused over the cap of %d", refused.Load(), n, halfConnCap)
	c.expect(time.Duration(slowest.Load()) < halfReadTimeout+3*time.Second, "the slowest half-sent request was closed after %s", time.Duration(slowest.Load()).Round(time.Millisecond))
	replicaChecks(&c, r)
	h.record(result{Test: "hostile: half-sent requests", Fault: fmt.Sprintf("%d connections from one address, each sending part of a request's headers and stopping (`MAX_CONNS_PER_IP=%d`, `READ_TIMEOUT=%s`)", n, halfConnCap, halfReadTimeout),
		Figure: fmt.Sprintf("%d answered 429 at once, %d closed by the server (the slowest %s after its bytes; %d of them with an answer), %d left open; GET /me from another address meanwhile: %d in %s",
			refused.Load(), closed.Load(), time.Duration(slowest.Load()).Round(100*time.Millisecond), other.Load(), open.Load(), res.Status, took.Round(time.Millisecond)),
		Lost: "n/a", OK: c.ok(), Details: c.failed})
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}
