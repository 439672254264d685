package handlers_test

import (
	"bufio"
	"net"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

func TestNosniff(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	// Ensure API answers, problems included, tell browsers not to sniff.
	for _, r := range []*apptest.Response{
		e.Get("admin", "/api/v1/me"),
		e.Get("", "/api/v1/me"),
		e.Get("admin", "/api/v1/nothing-here"),
		e.Post("", "/api/v1/auth/login", "{"),
	} {
		if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("status %d: X-Content-Type-Options = %q", r.Status, got)
		}
	}
}

func TestMetricsAccess(t *testing.T) {
	t.Parallel()
	get := func(e *apptest.Env, token string) int {
		return e.Do(apptest.Request{Method: "GET", Path: "/metrics", Token: token}).Status
	}
	// Ensure METRICS_TOKEN guards /metrics with a bearer token.
	guarded := apptest.New(t, apptest.Options{Config: func(c *app.Config) { c.MetricsToken = "metrics-token-1" }})
	if got := get(guarded, ""); got != 401 {
		t.Errorf("/metrics without the token: %d, want 401", got)
	}
	if got := get(guarded, "wrong"); got != 401 {
		t.Errorf("/metrics with another token: %d, want 401", got)
	}
	if got := get(guarded, "metrics-token-1"); got != 200 {
		t.Errorf("/metrics with the token: %d, want 200", got)
	}
	// Ensure that outside development and test, with neither METRICS_ADDR
	// nor METRICS_TOKEN, /metrics is not served on the API's port; with
	// METRICS_ADDR it is served there (by serve) and not here.
	for _, set := range []func(*app.Config){
		func(c *app.Config) { c.Env = "" },
		func(c *app.Config) { c.MetricsAddr = "127.0.0.1:18089" },
	} {
		if got := get(apptest.New(t, apptest.Options{Config: set}), ""); got != 404 {
			t.Errorf("/metrics: %d, want 404", got)
		}
	}
}

func TestHalfSentRequestsClosed(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Config: func(c *app.Config) {
		c.ReadTimeout, c.UploadTimeout = 300*time.Millisecond, 30*time.Second
	}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = e.App.Listener(ln) }()
	t.Cleanup(func() { _ = e.App.Shutdown() })
	send := func(raw string) net.Conn {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		if _, err := c.Write([]byte(raw)); err != nil {
			t.Fatal(err)
		}
		return c
	}
	// open reports whether the server still holds the connection after wait.
	open := func(c net.Conn, wait time.Duration) bool {
		_ = c.SetReadDeadline(time.Now().Add(wait))
		_, err := bufio.NewReader(c).ReadByte()
		ne, ok := err.(net.Error)
		return ok && ne.Timeout()
	}
	// Ensure a request whose headers never end, or whose body never comes,
	// is closed after READ_TIMEOUT, and that only a photo's body is given
	// UPLOAD_TIMEOUT.
	headers := send("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Slow: ")
	body := send("POST /api/v1/venues HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
	photo := send("POST /api/v1/photos HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b")
	if open(headers, 10*time.Second) {
		t.Error("a request whose headers never end was kept open for 10 s")
	}
	if open(body, 10*time.Second) {
		t.Error("a request whose body never comes was kept open for 10 s")
	}
	if !open(photo, 2*time.Second) {
		t.Error("a photo's slow body was cut before UPLOAD_TIMEOUT")
	}
}
