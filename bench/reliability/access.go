package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// access: login throttling under parallel attempts. Sixty wrong passwords
// for one account from one address, all at once, spread over three
// replicas: at most LOGIN_MAX_FAILURES of them are checked (401), the rest
// are throttled (429 with Retry-After), and then even the right password
// is throttled for that account, while another account logs in.
func access(ctx context.Context, h *harness) error {
	const db = "rel_access"
	const attempts, maxFailures = 60, 5
	if err := h.freshDB(ctx, db, 0); err != nil {
		return err
	}
	var rs []*replica
	for i := 1; i <= 3; i++ {
		r, err := h.startReplica(ctx, fmt.Sprintf("replica%d", i), db, map[string]string{"LOGIN_MAX_FAILURES": fmt.Sprint(maxFailures)})
		if err != nil {
			return err
		}
		rs = append(rs, r)
	}
	hc := httpClient(60 * time.Second)
	var mu sync.Mutex
	byStatus := map[int]int{}
	noRetryAfter := 0
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < attempts; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := call(ctx, hc, "POST", rs[i%3].base+"/api/v1/auth/login", "",
				map[string]string{"username": "off-dcf-1-g2", "password": fmt.Sprintf("guess-%d", i)}, nil)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				byStatus[0]++
				return
			}
			byStatus[res.Status]++
			if res.Status == 429 && res.Header.Get("Retry-After") == "" {
				noRetryAfter++
			}
		}()
	}
	begin := time.Now()
	close(start)
	wg.Wait()
	burst := time.Since(begin)
	right, err := call(ctx, hc, "POST", rs[1].base+"/api/v1/auth/login", "", map[string]string{"username": "off-dcf-1-g2", "password": password}, nil)
	if err != nil {
		return err
	}
	other, err := call(ctx, hc, "POST", rs[2].base+"/api/v1/auth/login", "", map[string]string{"username": "off-dcf-1-g3", "password": password}, nil)
	if err != nil {
		return err
	}
	var c checks
	c.expect(byStatus[401] <= maxFailures, "%d wrong passwords were checked (401), the limit is %d", byStatus[401], maxFailures)
	c.expect(byStatus[401]+byStatus[429] == attempts, "answers %v, want only 401 and 429", byStatus)
	c.expect(noRetryAfter == 0, "%d 429s without Retry-After", noRetryAfter)
	c.expect(right.Status == 429, "the right password during the lockout: %d, want 429", right.Status)
	c.expect(other.Status == 200, "another account from the same address: %d, want 200", other.Status)
	replicaChecks(&c, rs...)
	h.record(result{Test: "access: login throttling", Fault: fmt.Sprintf("%d wrong passwords for one account at once over 3 replicas (limit %d)", attempts, maxFailures),
		Figure: fmt.Sprintf("%d checked (401), %d throttled (429 + Retry-After) in %s; then the right password: %d; another account: %d",
			byStatus[401], byStatus[429], burst.Round(time.Millisecond), right.Status, other.Status),
		Lost: "n/a", OK: c.ok(), Details: c.failed})
	return nil
}
