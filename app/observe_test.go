package app_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// logBuffer is a log sink that tests read while the app writes.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines are the JSON log lines written so far.
func (b *logBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b.buf.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line is not JSON: %s", sc.Bytes())
		}
		out = append(out, m)
	}
	return out
}

// requestLine waits for the request line of the request id: it is written
// once the answer has been sent, which may be just after the client has read it.
func (b *logBuffer) requestLine(t *testing.T, rid string) map[string]any {
	t.Helper()
	for range 500 {
		for _, l := range b.lines(t) {
			if l["msg"] == "request" && l["request_id"] == rid {
				return l
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no request line for %s", rid)
	return nil
}

func newObserved(t *testing.T, venues int) (*apptest.Env, *logBuffer) {
	logs := &logBuffer{}
	e := apptest.New(t, apptest.Options{Venues: venues, Config: func(c *app.Config) {
		c.LogOutput = logs
		c.LogLevel = "info"
		c.Version = "v-test-1"
	}})
	return e, logs
}

// metric is the value of one series in a /metrics text, or -1.
func metric(text, series string) float64 {
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err == nil {
				return f
			}
		}
	}
	return -1
}

func TestStreamedAnswersCountedWhole(t *testing.T) {
	// Ensure a streamed answer is observed once its last byte is sent: the
	// bytes in its request line and in the size histogram are the whole
	// body, which no one knows when the handler returns.
	e, logs := newObserved(t, 300)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = e.App.Listener(app.Listener(ln, e.Cfg)) }()
	t.Cleanup(func() { _ = e.App.Shutdown() })
	base := "http://" + ln.Addr().String()
	token := e.Token("admin")

	for i, path := range []string{"/api/v1/venues/points", "/api/v1/exports/inspections.csv", "/api/v1/exports/hazards.xlsx"} {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("User-Agent", "jiuxiao-test/1.0 (ledger)")
		rid := fmt.Sprintf("stream-%d", i)
		req.Header.Set("X-Request-ID", rid)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %d, %v", path, resp.StatusCode, err)
		}
		if len(resp.TransferEncoding) == 0 || resp.TransferEncoding[0] != "chunked" {
			t.Fatalf("%s was not streamed (Transfer-Encoding %v)", path, resp.TransferEncoding)
		}
		line := logs.requestLine(t, rid)
		sent, _ := line["bytes"].(float64)
		if int(sent) < len(body) || int(sent) > len(body)+4096 {
			t.Errorf("%s: request line says %v bytes; the body alone was %d", path, line["bytes"], len(body))
		}
		if line["user_agent"] != "jiuxiao-test/1.0 (ledger)" {
			t.Errorf("%s: user_agent %v", path, line["user_agent"])
		}
		if _, ok := line["elapsed_ms"].(float64); !ok {
			t.Errorf("%s: no elapsed_ms: %v", path, line)
		}
	}

	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	text := string(raw)
	line := logs.requestLine(t, "stream-0")
	sum := metric(text, `jiuxiao_http_response_size_bytes_sum{method="GET",route="/api/v1/venues/points"}`)
	if sum != line["bytes"].(float64) || sum < 300*40 {
		t.Errorf("size histogram of /venues/points: sum %v, request line %v", sum, line["bytes"])
	}
	if n := metric(text, `jiuxiao_http_request_duration_seconds_count{method="GET",route="/api/v1/exports/inspections.:format",status="200"}`); n != 1 {
		t.Errorf("duration of the CSV ledger observed %v times, want 1", n)
	}
}

func TestMetricsOps(t *testing.T) {
	e, logs := newObserved(t, 20)
	scrape := func() string {
		return string(e.Do(apptest.Request{Method: "GET", Path: "/metrics"}).Must(t, 200).Body)
	}

	t.Run("UnauthorizedByRoute", func(t *testing.T) {
		// Ensure a 401 of authentication is labelled with the route it was for.
		var venue string
		if err := e.DB.Raw("SELECT id::text FROM venues LIMIT 1").Scan(&venue).Error; err != nil || venue == "" {
			t.Fatalf("no venue: %v", err)
		}
		e.Do(apptest.Request{Method: "GET", Path: "/api/v1/venues/" + venue}).Must(t, 401)
		e.Do(apptest.Request{Method: "POST", Path: "/api/v1/inspections/" + venue + "/start", Body: "{}"}).Must(t, 401)
		e.Do(apptest.Request{Method: "GET", Path: "/api/v1/no-such-thing"}).Must(t, 401)
		text := scrape()
		for _, s := range []string{
			`jiuxiao_http_request_duration_seconds_count{method="GET",route="/api/v1/venues/:id",status="401"}`,
			`jiuxiao_http_request_duration_seconds_count{method="POST",route="/api/v1/inspections/:id/start",status="401"}`,
			`jiuxiao_http_request_duration_seconds_count{method="GET",route="unmatched",status="401"}`,
		} {
			if metric(text, s) != 1 {
				t.Errorf("%s: %v, want 1", s, metric(text, s))
			}
		}
		if strings.Contains(text, `route="/api/v1",status="401"`) {
			t.Errorf("401s still labelled with the /api/v1 prefix")
		}
	})
	t.Run("Logins", func(t *testing.T) {
		// Ensure failed and throttled logins are counted, and a throttled one
		// is logged as a warning.
		e.Token("admin")
		for i := range e.Cfg.LoginMaxFailures + 1 {
			e.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"username": "sup-lc", "password": "wrong"},
				Header: map[string]string{"X-Request-ID": fmt.Sprintf("login-%d", i)}})
		}
		text := scrape()
		if got := metric(text, `jiuxiao_logins_total{result="failed"}`); got != float64(e.Cfg.LoginMaxFailures) {
			t.Errorf("failed logins: %v, want %d", got, e.Cfg.LoginMaxFailures)
		}
		if got := metric(text, `jiuxiao_logins_total{result="throttled"}`); got != 1 {
			t.Errorf("throttled logins: %v, want 1", got)
		}
		if got := metric(text, `jiuxiao_logins_total{result="ok"}`); got < 1 {
			t.Errorf("good logins: %v", got)
		}
		l := logs.requestLine(t, fmt.Sprintf("login-%d", e.Cfg.LoginMaxFailures))
		if l["level"] != "WARN" || l["status"] != float64(429) || l["username"] != "sup-lc" {
			t.Errorf("the throttled login's line: %v", l)
		}
		if l := logs.requestLine(t, "login-0"); l["level"] != "INFO" {
			t.Errorf("a failed login's line: %v", l)
		}
	})
	t.Run("BuildPoolAndScheduleRuns", func(t *testing.T) {
		text := scrape()
		if metric(text, `jiuxiao_schedule_last_run_duration_seconds`) != -1 {
			t.Fatalf("a last run before any run:\n%s", text)
		}
		e.Post("admin", "/api/v1/schedules/generate", map[string]string{}).Must(t, 200)
		text = scrape()
		if !strings.Contains(text, `jiuxiao_build_info{goversion="go`) || !strings.Contains(text, `version="v-test-1"} 1`) {
			t.Errorf("no jiuxiao_build_info of v-test-1")
		}
		if metric(text, `go_sql_max_open_connections{db_name="jiuxiao"}`) != float64(e.Cfg.DBMaxConns) {
			t.Errorf("pool: go_sql_max_open_connections %v, want %d", metric(text, `go_sql_max_open_connections{db_name="jiuxiao"}`), e.Cfg.DBMaxConns)
		}
		if metric(text, `go_sql_in_use_connections{db_name="jiuxiao"}`) < 0 {
			t.Errorf("pool: no go_sql_in_use_connections")
		}
		at := metric(text, `jiuxiao_schedule_last_run_timestamp_seconds`)
		if at < float64(time.Now().Add(-time.Hour).Unix()) {
			t.Errorf("last run at %v", at)
		}
		if metric(text, `jiuxiao_schedule_last_run_duration_seconds`) < 0 {
			t.Errorf("no duration of the last run")
		}
		if got := metric(text, `jiuxiao_schedule_last_run_inspections{outcome="created"}`); got != 20 {
			t.Errorf("last run created %v, want 20", got)
		}
		for _, o := range []string{"skipped", "cancelled", "escalated"} {
			if metric(text, `jiuxiao_schedule_last_run_inspections{outcome="`+o+`"}`) != 0 {
				t.Errorf("last run %s: %v", o, metric(text, `jiuxiao_schedule_last_run_inspections{outcome="`+o+`"}`))
			}
		}
		if metric(text, `jiuxiao_schedule_cron_runs_total{result="failed"}`) != 0 {
			t.Errorf("no cron failure series")
		}
	})
}
