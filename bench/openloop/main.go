// Command openloop sends GET requests at a fixed rate over a fixed number
// of connections, each with the next bearer token of a file, and prints
// the latency percentiles. Each request's latency is counted from the
// moment it was due, not from when a connection was free to send it, so a
// queue behind one slow answer shows in the tail (wrk, a closed loop,
// hides it: a slow answer only delays the next request).
//
// Two builds of the service compared at one offered rate show which has
// the lower tail for the same work; compared in a closed loop, the faster
// build also sends the database more work, and its tail reflects that.
//
//	go run ./bench/openloop -tokens load-tokens.txt -rate 1200 -for 10s http://127.0.0.1:18080/api/v1/inspections?mine=true
//
// bench/tasklist-ab.sh uses it when JX_AB_RATE is set.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/jiuxiao/jiuxiao/bench/internal/latency"
)

func main() {
	tokens := flag.String("tokens", "", "file of bearer tokens, one a line, used in turn")
	rate := flag.Int("rate", 1000, "requests a second")
	conns := flag.Int("c", 8, "connections")
	dur := flag.Duration("for", 10*time.Second, "how long to send")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: openloop [flags] URL")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *rate <= 0 || *conns <= 0 || *dur <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	toks, err := readLines(*tokens)
	if err != nil {
		fmt.Fprintln(os.Stderr, "openloop:", err)
		os.Exit(2)
	}
	res, err := run(flag.Arg(0), toks, *rate, *conns, *dur)
	if err != nil {
		fmt.Fprintln(os.Stderr, "openloop:", err)
		os.Exit(1)
	}
	fmt.Println(res)
	if res.failed > 0 {
		os.Exit(1)
	}
}

func readLines(path string) ([]string, error) {
	if path == "" {
		return []string{""}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if s.Text() != "" {
			lines = append(lines, s.Text())
		}
	}
	if len(lines) == 0 && s.Err() == nil {
		return nil, fmt.Errorf("%s: no tokens", path)
	}
	return lines, s.Err()
}

type result struct {
	n, failed          int
	elapsed            time.Duration
	p50, p90, p99, max time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("%d requests (%d failed) at %.0f/s: p50 %v, p90 %v, p99 %v, max %v",
		r.n, r.failed, float64(r.n)/r.elapsed.Seconds(), round(r.p50), round(r.p90), round(r.p99), round(r.max))
}

func round(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }

// run sends rate×dur requests, the i-th due at start + i/rate, over conns
// connections: a connection takes the next due request when it is free and
// waits for its time if it is early.
func run(url string, toks []string, rate, conns int, dur time.Duration) (result, error) {
	n := int(int64(rate) * int64(dur) / int64(time.Second))
	if n == 0 {
		return result{}, fmt.Errorf("no request to send in %v at %d/s", dur, rate)
	}
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns},
	}
	step := time.Second / time.Duration(rate)
	start := time.Now().Add(20 * time.Millisecond)
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	lat := make([]time.Duration, n)
	failed := make([]bool, n)
	var wg sync.WaitGroup
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				due := start.Add(time.Duration(i) * step)
				time.Sleep(time.Until(due))
				failed[i] = get(client, url, toks[i%len(toks)]) != nil
				lat[i] = time.Since(due)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	r := result{n: n, elapsed: elapsed}
	for _, f := range failed {
		if f {
			r.failed++
		}
	}
	r.p50, r.p90, r.p99, r.max = latency.Percentile(lat, 50), latency.Percentile(lat, 90), latency.Percentile(lat, 99), latency.Percentile(lat, 100)
	return r, nil
}

func get(client *http.Client, url, token string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s", resp.Status)
	}
	return nil
}
