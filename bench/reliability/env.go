package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// secret is the JWT_SECRET of every replica the harness starts.
const secret = "reliability-secret-0123456789abcdef"

// password is the demo accounts' password (the seed's default).
const password = "jiuxiao-demo"

// harness is one subcommand's view of the cluster and the binaries.
type harness struct {
	root, bin, out       string
	pgDir, pgPort        string
	pgMode, pgSpeed      string
	mu                   sync.Mutex
	replicas             []*replica
	results              string
	currentTest, command string
}

func newHarness() (*harness, error) {
	h := &harness{root: os.Getenv("JX_ROOT"), bin: os.Getenv("JX_BIN"), out: os.Getenv("JX_OUT"),
		pgDir: os.Getenv("JX_PG_DIR"), pgPort: os.Getenv("JX_PG_PORT"), pgMode: os.Getenv("JX_PG_MODE"), pgSpeed: os.Getenv("JX_PG_SPEED")}
	if h.root == "" || h.bin == "" || h.out == "" || h.pgDir == "" || h.pgPort == "" {
		return nil, errors.New("JX_ROOT, JX_BIN, JX_OUT, JX_PG_DIR and JX_PG_PORT must be set: run it through scripts/reliability.sh (make reliability)")
	}
	if h.pgMode == "" {
		h.pgMode = "socket"
	}
	h.results = filepath.Join(h.out, "results.jsonl")
	return h, os.MkdirAll(h.out, 0o755)
}

func (h *harness) logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "\033[1;34m==>\033[0m "+format+"\n", args...)
}

// dbURL is the URL of a database of the cluster (through its socket).
func (h *harness) dbURL(name string) string {
	return fmt.Sprintf("postgres://jiuxiao@/%s?host=%s/run&port=%s&sslmode=disable", name, h.pgDir, h.pgPort)
}

// connect opens one connection to a database of the cluster.
func (h *harness) connect(ctx context.Context, name string) (*pgx.Conn, error) {
	return pgx.Connect(ctx, h.dbURL(name))
}

// scalar runs a query that returns one value.
func scalar[T any](ctx context.Context, c *pgx.Conn, sql string, args ...any) (T, error) {
	var v T
	err := c.QueryRow(ctx, sql, args...).Scan(&v)
	if err != nil {
		err = fmt.Errorf("%s: %w", firstLine(sql), err)
	}
	return v, err
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i > 0 {
		s = s[:i]
	}
	return s
}

// freshDB drops and creates a database, migrates it and seeds the demo
// city with the given number of venues, with the real binary.
func (h *harness) freshDB(ctx context.Context, name string, venues int) error {
	admin, err := h.connect(ctx, "postgres")
	if err != nil {
		return err
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return err
	}
	env := map[string]string{"DATABASE_URL": h.dbURL(name), "LOG_LEVEL": "warn"}
	if _, err := h.runBin(ctx, env, "migrate", "up"); err != nil {
		return err
	}
	_, err = h.runBin(ctx, env, "seed", "--venues", strconv.Itoa(venues))
	return err
}

// runBin runs the jiuxiao binary to the end and returns its output.
func (h *harness) runBin(ctx context.Context, env map[string]string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, h.bin, args...)
	cmd.Env = mergeEnv(env)
	cmd.Dir = h.out
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("jiuxiao %s: %w: %s", strings.Join(args, " "), err, tail(out, 800))
	}
	return string(out), nil
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// mergeEnv is this process's environment with env on top (and no .env
// file's settings: the binary runs in h.out, where there is none).
func mergeEnv(env map[string]string) []string {
	out := []string{}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := env[k]; !ok && !strings.HasPrefix(k, "JX_") {
			out = append(out, kv)
		}
	}
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// pgctl stops or starts the cluster through scripts/pg.sh, as the user the
// cluster runs as.
func (h *harness) pgctl(ctx context.Context, action string) error {
	var script string
	switch action {
	case "stop":
		script = fmt.Sprintf(". scripts/pg.sh && pg_stop %q", h.pgDir)
	case "start":
		script = fmt.Sprintf(". scripts/pg.sh && pg_start %q %s %s %s", h.pgDir, h.pgPort, h.pgMode, h.pgSpeed)
	default:
		return fmt.Errorf("pgctl %s", action)
	}
	cmd := exec.CommandContext(ctx, "bash", "-c", script)
	cmd.Dir = h.root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg %s: %w: %s", action, err, out)
	}
	return nil
}

// freePort asks the kernel for a port nobody listens on, or, with
// JX_PORTS=first-last (a machine shared with others), the first of that
// range nobody listens on.
func freePort() (int, error) {
	var first, last int
	if _, err := fmt.Sscanf(os.Getenv("JX_PORTS"), "%d-%d", &first, &last); err == nil {
		for p := first; p <= last; p++ {
			if l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p)); err == nil {
				l.Close()
				return p, nil
			}
		}
		return 0, fmt.Errorf("no free port in JX_PORTS %s", os.Getenv("JX_PORTS"))
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// replica is one `jiuxiao serve` process.
type replica struct {
	name, base, logPath string
	port                int
	cmd                 *exec.Cmd
	done                chan struct{}
	exitErr             error
}

// startReplica starts `jiuxiao serve` on a free port with the service
// settings every test shares, plus extra, and waits until /readyz answers.
func (h *harness) startReplica(ctx context.Context, name, db string, extra map[string]string) (*replica, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	env := map[string]string{
		"DATABASE_URL": h.dbURL(db), "PORT": strconv.Itoa(port), "APP_ENV": "development", "JWT_SECRET": secret,
		"LOG_LEVEL": "info", "DATA_DIR": filepath.Join(h.out, "data-"+db), "MIGRATE_ON_START": "false",
	}
	for k, v := range extra {
		env[k] = v
	}
	r := &replica{name: name, port: port, base: "http://127.0.0.1:" + strconv.Itoa(port),
		logPath: filepath.Join(h.out, db+"-"+name+".log"), done: make(chan struct{})}
	logf, err := os.Create(r.logPath)
	if err != nil {
		return nil, err
	}
	r.cmd = exec.Command(h.bin, "serve")
	r.cmd.Env = mergeEnv(env)
	r.cmd.Dir = h.out
	r.cmd.Stdout, r.cmd.Stderr = logf, logf
	r.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // never outlive the harness
	if err := r.cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	go func() {
		r.exitErr = r.cmd.Wait()
		logf.Close()
		close(r.done)
	}()
	h.mu.Lock()
	h.replicas = append(h.replicas, r)
	h.mu.Unlock()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-r.done:
			return nil, fmt.Errorf("replica %s exited at start (%v): %s", name, r.exitErr, r.logTail())
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		resp, err := http.Get(r.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return r, nil
			}
		}
	}
	return nil, fmt.Errorf("replica %s not ready in 60 s: %s", name, r.logTail())
}

func (r *replica) logTail() string {
	b, _ := os.ReadFile(r.logPath)
	return tail(b, 1500)
}

// alive reports whether the process still runs.
func (r *replica) alive() bool {
	select {
	case <-r.done:
		return false
	default:
		return true
	}
}

// signal sends sig and waits up to timeout for the process to end; it
// reports the exit code (-1: still running, then killed).
func (r *replica) stop(sig syscall.Signal, timeout time.Duration) int {
	if r.alive() {
		_ = r.cmd.Process.Signal(sig)
	}
	select {
	case <-r.done:
	case <-time.After(timeout):
		_ = r.cmd.Process.Kill()
		<-r.done
		return -1
	}
	return r.cmd.ProcessState.ExitCode()
}

// logLines are the replica's JSON log lines.
func (r *replica) logLines() []map[string]any {
	f, err := os.Open(r.logPath)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var m map[string]any
		if json.Unmarshal(sc.Bytes(), &m) == nil {
			out = append(out, m)
		}
	}
	return out
}

// logProblems counts what a replica's log should never show: panics, and
// requests answered with a 5xx other than 503.
func (r *replica) logProblems() (panics, serverErrors int, samples []string) {
	for _, l := range r.logLines() {
		msg, _ := l["msg"].(string)
		status, _ := l["status"].(float64)
		switch {
		case msg == "panic" || strings.Contains(fmt.Sprint(l["error"]), "panic"):
			panics++
		case msg == "request failed" && status >= 500 && status != 503:
			serverErrors++
		default:
			continue
		}
		if len(samples) < 3 {
			b, _ := json.Marshal(l)
			samples = append(samples, tail(b, 400))
		}
	}
	return panics, serverErrors, samples
}

// stopAll ends every replica still running (SIGTERM, then SIGKILL).
func (h *harness) stopAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, r := range h.replicas {
		if r.alive() {
			r.stop(syscall.SIGTERM, 25*time.Second)
		}
	}
	h.replicas = nil
}

// httpClient is a client with a timeout and enough idle connections for
// the concurrency the tests use.
func httpClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, Transport: &http.Transport{
		MaxIdleConns: 512, MaxIdleConnsPerHost: 256, IdleConnTimeout: 60 * time.Second,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	}}
}

// reply is one HTTP answer.
type reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// call sends a JSON request (body is marshalled unless it is []byte).
func call(ctx context.Context, hc *http.Client, method, url, token string, body any, header map[string]string) (reply, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return reply{}, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return reply{}, err
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return reply{Status: resp.StatusCode, Header: resp.Header, Body: b}, err
}

// login logs a demo user in and returns the access token. A 429 (the
// password checks in flight are bounded) is retried after its Retry-After,
// for up to 30 s, as a client should.
func login(ctx context.Context, hc *http.Client, base, username string) (string, error) {
	var r reply
	var err error
	for deadline := time.Now().Add(30 * time.Second); ; {
		r, err = call(ctx, hc, "POST", base+"/api/v1/auth/login", "", map[string]string{"username": username, "password": password}, nil)
		if err != nil {
			return "", err
		}
		if r.Status != http.StatusTooManyRequests || time.Now().After(deadline) {
			break
		}
		wait, _ := strconv.Atoi(r.Header.Get("Retry-After"))
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(time.Duration(max(wait, 1)) * time.Second):
		}
	}
	var s struct {
		AccessToken string `json:"access_token"`
	}
	if r.Status != 200 || json.Unmarshal(r.Body, &s) != nil || s.AccessToken == "" {
		return "", fmt.Errorf("login %s: %d %s", username, r.Status, r.Body)
	}
	return s.AccessToken, nil
}

// loginAll logs several users in at once.
func loginAll(ctx context.Context, hc *http.Client, base string, users []string) (map[string]string, error) {
	out := make(map[string]string, len(users))
	var mu sync.Mutex
	var wg sync.WaitGroup
	var first error
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, err := login(ctx, hc, base, u)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && first == nil {
				first = err
			}
			out[u] = tok
		}()
	}
	wg.Wait()
	return out, first
}

// jsonField reads a string field of a JSON object.
func jsonField(b []byte, name string) string {
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	s, _ := m[name].(string)
	return s
}

// result is one check of the table in docs/RELIABILITY.md.
type result struct {
	Test    string   `json:"test"`
	Fault   string   `json:"fault"`
	Figure  string   `json:"figure"`
	Lost    string   `json:"lost"` // "no", "yes", or "n/a"
	OK      bool     `json:"ok"`
	Command string   `json:"command,omitempty"`
	Details []string `json:"details,omitempty"`
	At      string   `json:"at"`
}

// record appends a result to results.jsonl and prints it.
func (h *harness) record(r result) {
	r.At = time.Now().Format(time.RFC3339)
	if r.Command == "" {
		r.Command = os.Getenv("JX_COMMAND")
	}
	b, _ := json.Marshal(r)
	h.mu.Lock()
	defer h.mu.Unlock()
	f, err := os.OpenFile(h.results, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err == nil {
		_, _ = f.Write(append(b, '\n'))
		f.Close()
	}
	mark := "\033[1;32mPASS\033[0m"
	if !r.OK {
		mark = "\033[1;31mFAIL\033[0m"
	}
	fmt.Fprintf(os.Stderr, "%s %s — %s — %s (lost: %s)\n", mark, r.Test, r.Fault, r.Figure, r.Lost)
	for _, d := range r.Details {
		fmt.Fprintf(os.Stderr, "     %s\n", d)
	}
}

// checks collects the violations of one test.
type checks struct{ failed []string }

func (c *checks) fail(format string, args ...any) {
	c.failed = append(c.failed, fmt.Sprintf(format, args...))
}
func (c *checks) expect(ok bool, format string, args ...any) {
	if !ok {
		c.fail(format, args...)
	}
}
func (c *checks) ok() bool { return len(c.failed) == 0 }

// replicaChecks adds each replica's logged panics and 5xx answers (other
// than 503) to c.
func replicaChecks(c *checks, rs ...*replica) {
	for _, r := range rs {
		p, s, samples := r.logProblems()
		c.expect(p == 0, "%s logged %d panics: %v", r.name, p, samples)
		c.expect(s == 0, "%s logged %d 5xx answers other than 503: %v", r.name, s, samples)
	}
}

// yesNo is "yes" when something was lost.
func yesNo(lost bool) string {
	if lost {
		return "yes"
	}
	return "no"
}
