package apptest

import (
	"bytes"
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
)

// The builders below make what tests need through the API, one builder per
// thing, so that a test says what it needs and not how it is made.

// Clock is a service clock that a test moves (Options.At starts one); the
// access tokens keep the real clock.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock is a clock standing at an RFC 3339 instant.
func NewClock(t testing.TB, at string) *Clock {
	t.Helper()
	c := &Clock{}
	c.Set(t, at)
	return c
}

// Now is the clock's time, for app.Config.Now.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to an RFC 3339 instant.
func (c *Clock) Set(t testing.TB, at string) {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, at)
	if err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	c.now = tm
	c.mu.Unlock()
}

// VenueLat and VenueLng are where VenueBody's venue stands. A thousandth of
// a degree of latitude is about 111 m.
const VenueLat, VenueLng = 36.45, 115.98

// ValidUSCC is a unified social credit code with the right check character.
const ValidUSCC = "91350100M000100Y43"

// VenueBody is a valid POST /venues body: a yellow shop in the grid with
// the given id, at VenueLat, VenueLng.
func VenueBody(gridID string) map[string]any {
	return map[string]any{
		"name": "鑫源便利店", "category": "shop", "risk_level": "yellow", "grid_id": gridID,
		"address": "聊城市东昌路12号", "lat": VenueLat, "lng": VenueLng,
		"contact_name": "王先生", "contact_phone": "13800000000", "license_no": ValidUSCC,
	}
}

// With is a copy of body with the given fields changed (nil deletes one):
// With(b, "name", "x", "license_no", nil).
func With(body map[string]any, kv ...any) map[string]any {
	out := make(map[string]any, len(body))
	for k, v := range body {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(out, kv[i].(string))
		} else {
			out[kv[i].(string)] = kv[i+1]
		}
	}
	return out
}

// Venue creates a venue as admin in the grid with the given code: VenueBody
// with the fields given changed (as for With). It returns the answer.
func (e *Env) Venue(t testing.TB, grid string, kv ...any) map[string]any {
	t.Helper()
	return e.Post("admin", "/api/v1/venues", With(VenueBody(e.Unit(grid)), kv...)).Must(t, http.StatusCreated).Map(t)
}

// VenueID is Venue's id.
func (e *Env) VenueID(t testing.TB, grid string, kv ...any) string {
	t.Helper()
	return e.Venue(t, grid, kv...)["id"].(string)
}

// picture is a small image whose pixels depend on seed.
func picture(seed int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 16, 12))
	for x := range 16 {
		for y := range 12 {
			img.Set(x, y, color.RGBA{uint8(seed * 37), uint8(x * 16), uint8(y*20 + seed), 255})
		}
	}
	return img
}

// PNG is a real PNG photo; different seeds give different bytes.
func PNG(seed int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, picture(seed)); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// JPEG is a real JPEG photo; different seeds give different bytes.
func JPEG(seed int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(seed), &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// PhotoForm is a multipart body with data in the field "file" and, when id
// is not empty, a client-made id; it returns the body and its content type.
func PhotoForm(t testing.TB, data []byte, id string) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if id != "" {
		if err := w.WriteField("id", id); err != nil {
			t.Fatal(err)
		}
	}
	part, err := w.CreateFormFile("file", "IMG_0001.jpg")
	if err == nil {
		_, err = part.Write(data)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), w.FormDataContentType()
}

// PostForm sends a multipart body to POST /photos, with more headers.
func (e *Env) PostForm(as string, body []byte, contentType string, header map[string]string) *Response {
	e.T.Helper()
	h := map[string]string{"Content-Type": contentType}
	for k, v := range header {
		h[k] = v
	}
	return e.Do(Request{Method: http.MethodPost, Path: "/api/v1/photos", As: as, Body: body, Header: h})
}

// PostPhoto uploads data as a photo.
func (e *Env) PostPhoto(t testing.TB, as string, data []byte) *Response {
	t.Helper()
	body, ct := PhotoForm(t, data, "")
	return e.PostForm(as, body, ct, nil)
}

// Photo uploads data as a photo and returns its id.
func (e *Env) Photo(t testing.TB, as string, data []byte) string {
	t.Helper()
	return e.PostPhoto(t, as, data).Must(t, http.StatusCreated).Map(t)["id"].(string)
}

// Checklist answers every checklist item of a category with "pass",
// except the codes given, which fail.
func (e *Env) Checklist(t testing.TB, category string, fail ...string) []map[string]any {
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

// Hazard is a hazard of a submission with a fresh client id; deadline is
// left out when empty. fixMode "on_site" is fixed on the spot (当场整改),
// "deadline" by a date (限期整改).
func Hazard(code, severity, fixMode, deadline string, photos ...string) map[string]any {
	h := map[string]any{
		"id": uuid.NewString(), "code": code, "severity": severity, "description": "发现隐患：" + code,
		"fix_mode": fixMode, "photo_ids": append([]string{}, photos...),
	}
	if deadline != "" {
		h["deadline"] = deadline
	}
	return h
}

// AdHoc makes an ad hoc inspection of a venue as the given user and
// returns the answer.
func (e *Env) AdHoc(t testing.TB, as, venueID string) map[string]any {
	t.Helper()
	return e.Post(as, "/api/v1/inspections", map[string]any{"venue_id": venueID}).Must(t, http.StatusCreated).Map(t)
}

// Start starts an inspection from a position.
func (e *Env) Start(as, id string, lat, lng float64) *Response {
	e.T.Helper()
	return e.Post(as, "/api/v1/inspections/"+id+"/start", map[string]any{"lat": lat, "lng": lng, "accuracy_m": 15})
}

// Submit submits an inspection.
func (e *Env) Submit(as, id string, body any) *Response {
	e.T.Helper()
	return e.Post(as, "/api/v1/inspections/"+id+"/submit", body)
}

// Started is an ad hoc inspection of the venue (a venue answer, with its
// id, lat and lng), started on site by as; it returns its id.
func (e *Env) Started(t testing.TB, as string, venue map[string]any) string {
	t.Helper()
	id := e.AdHoc(t, as, venue["id"].(string))["id"].(string)
	e.Start(as, id, venue["lat"].(float64), venue["lng"].(float64)).Must(t, http.StatusOK)
	return id
}

// OnSite is a hazard with the given id fixed on the spot (当场整改), shown
// by the photo given.
func OnSite(id, code, severity, photo string) map[string]any {
	return With(Hazard(code, severity, "on_site", "", photo), "id", id)
}

// Deadline is a hazard with the given id to be fixed by a date (限期整改).
func Deadline(id, code, severity, deadline string) map[string]any {
	return With(Hazard(code, severity, "deadline", deadline), "id", id)
}

// OffSiteLat is about 1.1 km north of VenueLat: a start there is off site.
const OffSiteLat = 36.46

// CheckIn starts the inspection id as the given officer at VenueLat,
// VenueLng, or about 1.1 km north of it, and checks that the start is
// flagged off site or not accordingly.
func (e *Env) CheckIn(t testing.TB, as, id string, offSite bool) *Response {
	t.Helper()
	lat := VenueLat
	if offSite {
		lat = OffSiteLat
	}
	r := e.Start(as, id, lat, VenueLng).Must(t, http.StatusOK)
	Equal(t, "off_site of the started inspection", r.Map(t)["off_site"], offSite)
	return r
}

// SubmitBody is a submission with every checklist item of the category
// passed and the given hazards.
func (e *Env) SubmitBody(t testing.TB, category string, hazards ...map[string]any) map[string]any {
	t.Helper()
	hs := []any{}
	for _, h := range hazards {
		hs = append(hs, h)
	}
	return map[string]any{"checklist": e.Checklist(t, category), "hazards": hs, "notes": "检查完毕"}
}

// Visit starts (at VenueLat, VenueLng) and submits the inspection id of a
// venue of the category as the given officer, with every checklist item
// passed and the hazards given, and returns the submitted inspection.
func (e *Env) Visit(t testing.TB, as, id, category string, hazards ...map[string]any) map[string]any {
	t.Helper()
	e.CheckIn(t, as, id, false)
	return e.SubmitAll(t, as, id, category, hazards...)
}

// SubmitAll submits the started inspection id as Visit does.
func (e *Env) SubmitAll(t testing.TB, as, id, category string, hazards ...map[string]any) map[string]any {
	t.Helper()
	x := e.Submit(as, id, e.SubmitBody(t, category, hazards...)).Must(t, http.StatusOK).Map(t)
	Equal(t, "status of the submitted inspection", x["status"], "submitted")
	return x
}

// Rectify records the fix of a hazard as the given user.
func (e *Env) Rectify(t testing.TB, as, id string) *Response {
	t.Helper()
	return e.Post(as, "/api/v1/hazards/"+id+"/rectify", map[string]any{"description": "已整改完毕", "photo_ids": []string{}}).
		Must(t, http.StatusOK)
}

// Verify is a supervisor's decision on a fix, checked to leave the hazard
// verified (accepted) or open.
func (e *Env) Verify(t testing.TB, as, id string, accepted bool) *Response {
	t.Helper()
	comment := "整改到位"
	if !accepted {
		comment = "整改不到位，重新整改"
	}
	r := e.Post(as, "/api/v1/hazards/"+id+"/verify", map[string]any{"accepted": accepted, "comment": comment}).Must(t, http.StatusOK)
	Equal(t, "status of the decided hazard", r.Map(t)["status"], map[bool]any{true: "verified", false: "open"}[accepted])
	return r
}

// Review approves or returns a submitted inspection.
func (e *Env) Review(t testing.TB, as, id string, approve bool) *Response {
	t.Helper()
	if approve {
		return e.Post(as, "/api/v1/inspections/"+id+"/approve", map[string]any{}).Must(t, http.StatusOK)
	}
	return e.Post(as, "/api/v1/inspections/"+id+"/return", map[string]any{"comment": "请补充照片"}).Must(t, http.StatusOK)
}

// Run is the answer of POST /schedules/generate.
type Run struct {
	AsOf    string `json:"as_of"`
	Periods []struct {
		RiskLevel string `json:"risk_level"`
		Interval  string `json:"interval"`
		Start     string `json:"start"`
		End       string `json:"end"`
	} `json:"periods"`
	Created   *int64 `json:"created"`
	Skipped   *int64 `json:"skipped"`
	Cancelled *int64 `json:"cancelled"`
	Escalated *int64 `json:"escalated"`
	ElapsedMS *int64 `json:"elapsed_ms"`
}

// Period is the period the run used for a level, as "interval start..end".
func (r Run) Period(level string) string {
	for _, p := range r.Periods {
		if p.RiskLevel == level {
			return p.Interval + " " + p.Start + ".." + p.End
		}
	}
	return "none"
}

// Generate runs the schedule generator as admin as of asOf ("" for the
// service's date) and checks that the answer has every count.
func (e *Env) Generate(t testing.TB, asOf string) Run {
	t.Helper()
	var body any
	if asOf != "" {
		body = map[string]string{"as_of": asOf}
	}
	var r Run
	e.Post("admin", "/api/v1/schedules/generate", body).Must(t, http.StatusOK).JSON(t, &r)
	for name, n := range map[string]*int64{"created": r.Created, "skipped": r.Skipped, "cancelled": r.Cancelled, "escalated": r.Escalated, "elapsed_ms": r.ElapsedMS} {
		True(t, "the run answers "+name, n != nil && *n >= 0, r)
	}
	return r
}

// Routine is the id of the venue's routine inspection due on due.
func (e *Env) Routine(t testing.TB, venueID, due string) string {
	t.Helper()
	var p struct {
		Items []map[string]any `json:"items"`
	}
	e.Get("admin", "/api/v1/inspections?kind=routine&limit=200&venue_id="+venueID).Must(t, http.StatusOK).JSON(t, &p)
	for _, it := range p.Items {
		if it["due_date"] == due {
			return it["id"].(string)
		}
	}
	t.Fatalf("venue %s has no routine inspection due %s: %v", venueID, due, p.Items)
	return ""
}
