package main

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// One answer that takes 300 ms on a single connection holds up the
// requests due behind it; their latency counts from when they were due, so
// the tail shows the queue, not only the one slow answer.
func TestQueueShowsInTheTail(t *testing.T) {
	var n atomic.Int64
	var auth atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth.Store(r.Header.Get("Authorization"))
		if n.Add(1) == 10 {
			time.Sleep(300 * time.Millisecond)
		}
	}))
	defer srv.Close()

	res, err := run(srv.URL, []string{"t1"}, 100, 1, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if res.n != 100 || res.failed != 0 {
		t.Fatalf("%d requests, %d failed; want 100, 0", res.n, res.failed)
	}
	// At 100/s, the 30 requests due in the slow answer's 300 ms queue
	// behind it: at least the slowest tenth wait over 100 ms.
	if res.p90 < 100*time.Millisecond || res.max < 290*time.Millisecond {
		t.Errorf("p90 %v, max %v: the queue behind the slow answer does not show", res.p90, res.max)
	}
	if res.p50 > 100*time.Millisecond {
		t.Errorf("p50 %v: the requests after the queue drained should be quick", res.p50)
	}
	if got := auth.Load(); got != "Bearer t1" {
		t.Errorf("Authorization %q, want the token", got)
	}
}

func TestFailuresCounted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	res, err := run(srv.URL, []string{""}, 50, 2, 200*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if res.failed != res.n || res.n != 10 {
		t.Errorf("%d of %d failed; want all of 10", res.failed, res.n)
	}
}
