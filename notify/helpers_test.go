package notify_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/notify"
)

// The tests of this package send real deliveries, to real HTTP receivers
// (httptest) on loopback, which the service reaches through its allow-list,
// from a real database: no mocks.

var chinaTime = time.FixedZone("CST", 8*60*60)

// clock is a service clock a test moves.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock(at time.Time) *clock { return &clock{now: at} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// env is a service on a fresh database that may send to loopback, with its
// clock.
func env(t testing.TB, c *clock) *apptest.Env {
	t.Helper()
	return apptest.New(t, apptest.Options{Config: func(cfg *app.Config) {
		cfg.WebhookAllow, _ = models.ParseAllowList([]string{"127.0.0.1/32"})
		if c != nil {
			cfg.Now = c.Now
		}
	}})
}

// dispatcher is a dispatcher of e's database with fast retries and short
// timeouts, on e's clock.
func dispatcher(e *apptest.Env, mod func(*notify.Options)) *notify.Dispatcher {
	o := notify.Options{
		Timeout: 300 * time.Millisecond, RetryFor: 24 * time.Hour, Poll: 10 * time.Millisecond,
		Backoff: notify.Backoff{Base: time.Millisecond, Max: time.Millisecond},
		Allow:   e.Cfg.WebhookAllow, Now: e.Cfg.Now,
	}
	if mod != nil {
		mod(&o)
	}
	return notify.New(e.DB, o)
}

// got is one request a receiver was sent.
type got struct {
	ID, Timestamp, Signature string
	Body                     []byte
	Event                    models.Event
}

// receiver is an HTTP receiver whose answer to its n-th request (from 1)
// is behave's; nil behave answers 204.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	all    []got
	behave func(n int, w http.ResponseWriter, r *http.Request)
}

func newReceiver(t testing.TB, behave func(n int, w http.ResponseWriter, r *http.Request)) *receiver {
	t.Helper()
	rc := &receiver{behave: behave}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		g := got{ID: r.Header.Get("webhook-id"), Timestamp: r.Header.Get("webhook-timestamp"),
			Signature: r.Header.Get("webhook-signature"), Body: body}
		_ = json.Unmarshal(body, &g.Event)
		rc.mu.Lock()
		rc.all = append(rc.all, g)
		n := len(rc.all)
		rc.mu.Unlock()
		if rc.behave != nil {
			rc.behave(n, w, r)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) requests() []got {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]got{}, rc.all...)
}

// subscribe makes an admin's subscription of url to the types (every type
// when none), and returns its id and secret.
func subscribe(t testing.TB, e *apptest.Env, url string, types ...models.EventType) (string, string) {
	t.Helper()
	if len(types) == 0 {
		types = models.EventTypes
	}
	r := e.Post("admin", "/api/v1/webhooks", map[string]any{"url": url, "event_types": types}).Must(t, http.StatusCreated).Map(t)
	return r["id"].(string), r["secret"].(string)
}

// verify checks a request's signature with the Standard Webhooks algorithm,
// written here on its own: HMAC-SHA256, keyed by the base64 after whsec_,
// of "{webhook-id}.{webhook-timestamp}.{body}", as "v1,<base64>" among the
// space-separated signatures, and a webhook-timestamp of now (the
// service's clock).
func verify(t *testing.T, secret string, g got, now time.Time) {
	t.Helper()
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		t.Fatal(err)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(g.ID + "." + g.Timestamp + "." + string(g.Body)))
	want := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, s := range strings.Fields(g.Signature) {
		if hmac.Equal([]byte(s), []byte(want)) {
			ts, err := strconv.ParseInt(g.Timestamp, 10, 64)
			if err != nil || now.Sub(time.Unix(ts, 0)).Abs() > 5*time.Minute {
				t.Errorf("webhook-timestamp %q is not now", g.Timestamp)
			}
			return
		}
	}
	t.Errorf("webhook-signature %q does not hold %s (id %s)", g.Signature, want, g.ID)
}

// deliveries are a subscription's deliveries by status.
func deliveries(t testing.TB, e *apptest.Env, webhook string) map[string]int {
	t.Helper()
	var rows []struct {
		Status string
		N      int
	}
	if err := e.DB.Raw("SELECT status, count(*) AS n FROM deliveries WHERE webhook_id = ? GROUP BY status", webhook).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out
}

// venue makes a venue in a grid, with a mobile number on file.
func venue(t *testing.T, e *apptest.Env, grid, name string) map[string]any {
	t.Helper()
	return e.Post("admin", "/api/v1/venues", map[string]any{
		"name": name, "category": "shop", "risk_level": "yellow", "grid_id": e.Unit(grid),
		"address": "聊城市东昌路12号", "lat": 36.45, "lng": 115.98, "contact_name": "王先生", "contact_phone": "13800000000",
	}).Must(t, http.StatusCreated).Map(t)
}

// checklist passes every item of a shop's checklist.
func checklist(t *testing.T, e *apptest.Env) ([]map[string]any, []string) {
	t.Helper()
	var items struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}
	e.Get("admin", "/api/v1/checklist-items?category=shop").Must(t, http.StatusOK).JSON(t, &items)
	var answers []map[string]any
	var codes []string
	for _, it := range items.Items {
		answers = append(answers, map[string]any{"item_code": it.Code, "result": "pass"})
		codes = append(codes, it.Code)
	}
	return answers, codes
}

// visit is an ad hoc inspection of v by an officer, started on site and
// submitted with the hazards; it returns the inspection's id.
func visit(t *testing.T, e *apptest.Env, officer string, v map[string]any, hazards ...map[string]any) string {
	t.Helper()
	id := e.Post(officer, "/api/v1/inspections", map[string]any{"venue_id": v["id"]}).Must(t, http.StatusCreated).Map(t)["id"].(string)
	e.Post(officer, "/api/v1/inspections/"+id+"/start", map[string]any{"lat": v["lat"], "lng": v["lng"]}).Must(t, http.StatusOK)
	answers, _ := checklist(t, e)
	if hazards == nil {
		hazards = []map[string]any{}
	}
	e.Post(officer, "/api/v1/inspections/"+id+"/submit", map[string]any{"checklist": answers, "hazards": hazards}).Must(t, http.StatusOK)
	return id
}

// hazard is a hazard of a submission.
func hazard(code, severity, fixMode, deadline string, photos ...string) map[string]any {
	h := map[string]any{"id": uuid.NewString(), "code": code, "severity": severity, "description": "发现隐患：" + code,
		"fix_mode": fixMode, "photo_ids": append([]string{}, photos...)}
	if deadline != "" {
		h["deadline"] = deadline
	}
	return h
}

// apptestPut is a PUT of body as admin.
func apptestPut(path string, body any) apptest.Request {
	return apptest.Request{Method: http.MethodPut, Path: path, As: "admin", Body: body}
}

// apptestPatch is a PATCH of body as admin.
func apptestPatch(path string, body any) apptest.Request {
	return apptest.Request{Method: http.MethodPatch, Path: path, As: "admin", Body: body}
}

// apptestDelete is a DELETE as admin.
func apptestDelete(path string) apptest.Request {
	return apptest.Request{Method: http.MethodDelete, Path: path, As: "admin"}
}
