package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/seed"
	"gorm.io/gorm"
)

// Password is the demo accounts' password in tests.
const Password = "jiuxiao-demo"

// Env is one test's service: its own database with the demo city seeded
// (accounts named as `jiuxiao seed` names them, and Venues venues), and the
// app built on it.
type Env struct {
	T   testing.TB
	DB  *gorm.DB
	Cfg app.Config
	App *fiber.App
	// Clock is the service's clock when Options.At started one.
	Clock *Clock

	tokens map[string]string
}

// Options tune New.
type Options struct {
	Venues int               // demo venues to seed (default 0)
	Config func(*app.Config) // changes to the configuration
	At     string            // when set, an RFC 3339 instant: the service runs on Env.Clock, starting there
}

// New makes an Env. Call it at the start of a test.
func New(t testing.TB, opts ...Options) *Env {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	db, cfg := DB(t)
	var clock *Clock
	if o.At != "" {
		clock = NewClock(t, o.At)
		cfg.Now = clock.Now
	}
	if o.Config != nil {
		o.Config(&cfg)
	}
	err := seed.Run(context.Background(), db, seed.Options{Venues: o.Venues, Password: Password, Location: cfg.Location}, io.Discard)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	e := &Env{T: t, DB: db, Cfg: cfg, App: app.New(cfg, db), Clock: clock, tokens: map[string]string{}}
	if cfg.DatabaseReplicaURL != "" {
		// Stops the replica's checks and closes its pool.
		t.Cleanup(func() { _ = e.App.Shutdown() })
	}
	return e
}

// Response is an answer from the app.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test when it is not JSON.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("response %d is not JSON (%v): %s", r.Status, err, r.Body)
	}
}

// Map decodes the body as a JSON object.
func (r *Response) Map(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	r.JSON(t, &m)
	return m
}

// Request is one HTTP request for Do.
type Request struct {
	Method string
	Path   string
	As     string // the demo username to authenticate as ("" for none)
	Token  string // a raw bearer token, used when As is empty
	Body   any    // marshalled as JSON; a string or []byte is sent as is
	Header map[string]string
}

// Do sends a request through the whole app (middleware, routes, error handler).
func (e *Env) Do(r Request) *Response {
	e.T.Helper()
	var body io.Reader
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = bytes.NewBufferString(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.T.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(r.Method, r.Path, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	token := r.Token
	if r.As != "" {
		token = e.Token(r.As)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	resp, err := e.App.Test(req, -1)
	if err != nil {
		e.T.Fatalf("%s %s: %v", r.Method, r.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.T.Fatal(err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}
}

// Get is Do for a GET as the given user.
func (e *Env) Get(as, path string) *Response {
	e.T.Helper()
	return e.Do(Request{Method: http.MethodGet, Path: path, As: as})
}

// Post is Do for a POST of body as the given user.
func (e *Env) Post(as, path string, body any) *Response {
	e.T.Helper()
	return e.Do(Request{Method: http.MethodPost, Path: path, As: as, Body: body})
}

// Must fails the test unless the response has the status wanted.
func (r *Response) Must(t testing.TB, status int) *Response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	return r
}

// Token logs in as a demo user (once per Env) and returns the access token.
func (e *Env) Token(username string) string {
	e.T.Helper()
	if tok, ok := e.tokens[username]; ok {
		return tok
	}
	resp := e.Do(Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"username": username, "password": Password}})
	var s struct {
		AccessToken string `json:"access_token"`
	}
	resp.Must(e.T, http.StatusOK).JSON(e.T, &s)
	e.tokens[username] = s.AccessToken
	return s.AccessToken
}

// ID returns the id of a seeded org unit by code, or of a user by username.
func (e *Env) ID(table, column, value string) string {
	e.T.Helper()
	var id string
	if err := e.DB.Raw("SELECT id::text FROM "+table+" WHERE "+column+" = ?", value).Scan(&id).Error; err != nil || id == "" {
		e.T.Fatalf("no %s with %s = %q (%v)", table, column, value, err)
	}
	return id
}

// Unit is the id of the org unit with the given code.
func (e *Env) Unit(code string) string { e.T.Helper(); return e.ID("org_units", "code", code) }

// User is the id of the user with the given username.
func (e *Env) User(username string) string { e.T.Helper(); return e.ID("users", "username", username) }
