package handlers_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The helpers in this file serve the field-work tests: visits, photos,
// idempotency, sync and review.

// chinaTime is the service's zone (Asia/Shanghai has had no DST since 1991).
var chinaTime = time.FixedZone("CST", 8*60*60)

// testClock is a service clock that a test moves from day to day.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

// newTestClock is a clock standing at 10:00 in China on the given day.
func newTestClock(y int, m time.Month, d int) *testClock {
	return &testClock{now: time.Date(y, m, d, 10, 0, 0, 0, chinaTime)}
}

// Now is the clock's time, for app.Config.Now.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// SetDay moves the clock to 10:00 in China on the given day.
func (c *testClock) SetDay(y int, m time.Month, d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = time.Date(y, m, d, 10, 0, 0, 0, chinaTime)
}

// fieldEnv is a fresh service whose clock is c, with venues seeded venues
// and more changes to the configuration.
func fieldEnv(t *testing.T, c *testClock, venues int, more func(*app.Config)) *apptest.Env {
	t.Helper()
	return apptest.New(t, apptest.Options{Venues: venues, Config: func(cfg *app.Config) {
		cfg.Now = c.Now
		if more != nil {
			more(cfg)
		}
	}})
}

// testImage is a small picture whose pixels depend on seed.
func testImage(seed int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 16, 12))
	for x := range 16 {
		for y := range 12 {
			img.Set(x, y, color.RGBA{uint8(seed * 37), uint8(x * 16), uint8(y*20 + seed), 255})
		}
	}
	return img
}

// pngPhoto is a real PNG; different seeds give different bytes.
func pngPhoto(t *testing.T, seed int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, testImage(seed)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// jpegPhoto is a real JPEG; different seeds give different bytes.
func jpegPhoto(t *testing.T, seed int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(seed), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// photoForm is a multipart body with data in the field "file" and, when id
// is not empty, a client-made id; it returns the body and its content type.
func photoForm(t *testing.T, data []byte, id string) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if id != "" {
		if err := w.WriteField("id", id); err != nil {
			t.Fatal(err)
		}
	}
	part, err := w.CreateFormFile("file", "IMG_0001.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := part.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), w.FormDataContentType()
}

// postForm sends a multipart body to POST /photos, with more headers.
func postForm(e *apptest.Env, as string, body []byte, contentType string, header map[string]string) *apptest.Response {
	e.T.Helper()
	h := map[string]string{"Content-Type": contentType}
	for k, v := range header {
		h[k] = v
	}
	return e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/photos", As: as, Body: body, Header: h})
}

// postPhoto uploads data as a photo.
func postPhoto(t *testing.T, e *apptest.Env, as string, data []byte) *apptest.Response {
	t.Helper()
	body, ct := photoForm(t, data, "")
	return postForm(e, as, body, ct, nil)
}

// uploadPhoto uploads data as a photo and returns its id.
func uploadPhoto(t *testing.T, e *apptest.Env, as string, data []byte) string {
	t.Helper()
	return postPhoto(t, e, as, data).Must(t, http.StatusCreated).Map(t)["id"].(string)
}

// passAll answers every checklist item of a category with "pass", except
// the codes given, which fail.
func passAll(t *testing.T, e *apptest.Env, category string, fail ...string) []map[string]any {
	t.Helper()
	var items struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}
	e.Get("admin", "/api/v1/checklist-items?category="+category).Must(t, http.StatusOK).JSON(t, &items)
	if len(items.Items) < 5 {
		t.Fatalf("the %s checklist has %d items", category, len(items.Items))
	}
	out := make([]map[string]any, len(items.Items))
	for i, it := range items.Items {
		res := "pass"
		if slices.Contains(fail, it.Code) {
			res = "fail"
		}
		out[i] = map[string]any{"item_code": it.Code, "result": res, "note": ""}
	}
	return out
}

// newHazard is a hazard of a submission with a fresh client id; deadline
// is left out when empty.
func newHazard(code, severity, fixMode, deadline string, photos ...string) map[string]any {
	h := map[string]any{
		"id": uuid.NewString(), "code": code, "severity": severity, "description": "发现隐患：" + code,
		"fix_mode": fixMode, "photo_ids": append([]string{}, photos...),
	}
	if deadline != "" {
		h["deadline"] = deadline
	}
	return h
}

// newAdHoc makes an ad hoc inspection of a venue as the given user.
func newAdHoc(t *testing.T, e *apptest.Env, as, venueID string) map[string]any {
	t.Helper()
	return e.Post(as, "/api/v1/inspections", map[string]any{"venue_id": venueID}).Must(t, http.StatusCreated).Map(t)
}

// startAt starts an inspection from a position.
func startAt(e *apptest.Env, as, id string, lat, lng float64) *apptest.Response {
	e.T.Helper()
	return e.Post(as, "/api/v1/inspections/"+id+"/start", map[string]any{"lat": lat, "lng": lng, "accuracy_m": 15})
}

// submitVisit submits an inspection.
func submitVisit(e *apptest.Env, as, id string, body any) *apptest.Response {
	e.T.Helper()
	return e.Post(as, "/api/v1/inspections/"+id+"/submit", body)
}

// startedAdHoc is an ad hoc inspection of the venue, started on site by as.
func startedAdHoc(t *testing.T, e *apptest.Env, as string, venue map[string]any) string {
	t.Helper()
	id := newAdHoc(t, e, as, venue["id"].(string))["id"].(string)
	startAt(e, as, id, venue["lat"].(float64), venue["lng"].(float64)).Must(t, http.StatusOK)
	return id
}

// strs are the strings of a JSON array.
func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// fieldTables are the tables that field work writes.
var fieldTables = []string{"inspections", "hazards", "hazard_photos", "photos", "audit_log", "reclassifications", "venues"}

// The venue of venueBody stands at 36.45, 115.98. A thousandth of a degree
// of latitude is about 111 m.
const venueLat, venueLng = 36.45, 115.98
