package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// chromium is where Debian's chromium package puts the browser.
const chromium = "/usr/bin/chromium"

// browserPath finds Chromium. Without it the browser tests are skipped on a
// developer's machine, but they fail in CI (CI is set), where make test
// installs it.
func browserPath(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("skipping the browser tests: %s is missing (apt-get install chromium, or run make test, which installs it): %v", chromium, err)
		}
		t.Fatalf("CI is set but %s is missing (scripts/browser.sh should have installed it): %v", chromium, err)
	}
	return chromium
}

// console is the real app on a loopback listener and a headless Chromium
// tab that drives it.
type console struct {
	t    *testing.T
	env  *apptest.Env
	base string
	ctx  context.Context

	mu     sync.Mutex
	errors []string // JavaScript exceptions and console errors seen
}

func startConsole(t *testing.T, venues int) *console {
	t.Helper()
	return startConsoleWith(t, apptest.Options{Venues: venues})
}

// startConsoleWith is startConsole with the app's options (a configuration change, say).
func startConsoleWith(t *testing.T, o apptest.Options) *console {
	t.Helper()
	exe := browserPath(t)
	env := apptest.New(t, o)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = env.App.Listener(ln) }()
	t.Cleanup(func() { _ = env.App.ShutdownWithTimeout(5 * time.Second) })

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 960),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)

	c := &console{t: t, env: env, base: "http://" + ln.Addr().String(), ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	// Exceptions and errors in the page fail the test. Failed loads are the
	// API's 4xx answers, which the console shows; anything else in the
	// browser's log (a CSP refusal, say) is a bug.
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if (m.Type == chromedp.ConsoleError || m.IsException()) && !strings.Contains(m.Text, "Failed to load resource") {
				c.addError(fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
			}
		}
	}()
	return c
}

func (c *console) addError(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.errors = append(c.errors, s)
}

// noErrors fails the test if the page threw or logged an error.
func (c *console) noErrors() {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.errors) > 0 {
		c.t.Errorf("the page reported errors:\n%s", strings.Join(c.errors, "\n"))
	}
}

// run runs browser actions, failing the test with what was being done.
func (c *console) run(what string, steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		c.fail(what, err)
	}
}

// get runs one browser action and returns its value.
func get[T any](c *console, what string, a chromedp.Action[T]) T {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		c.fail(what, err)
	}
	return v
}

func (c *console) fail(what string, err error) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, 5*time.Second)
	defer cancel()
	body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t.Fatalf("%s: %v\npage text:\n%s\npage errors: %v", what, err, body, c.errors)
}

// eval evaluates a JavaScript expression, awaiting a promise.
func eval[T any](js string) chromedp.Action[T] {
	return chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise)
}

// goTo changes the console's route.
func goTo(hash string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf("location.hash = %q", hash))
}

// waitJS polls a JavaScript condition until it holds.
func waitJS(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(50*time.Millisecond))
}

// css selects by CSS selector, formatted.
func css(format string, args ...any) chromedp.CSS {
	return chromedp.CSS(fmt.Sprintf(format, args...))
}

func (c *console) login(username string) {
	c.t.Helper()
	c.run("log in as "+username,
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SendKeys(chromedp.CSS("#login-username"), username),
		chromedp.SendKeys(chromedp.CSS("#login-password"), apptest.Password),
		chromedp.Click(chromedp.CSS("#login-submit")),
	)
}

// screenshot saves the whole page to docs/screenshots when
// UPDATE_SCREENSHOTS=1.
func (c *console) screenshot(name string) {
	c.t.Helper()
	if os.Getenv("UPDATE_SCREENSHOTS") != "1" {
		return
	}
	c.run("clear the flash bar", chromedp.Evaluate[chromedp.Void]("document.getElementById('flash').replaceChildren()"))
	buf := get(c, "screenshot "+name, chromedp.FullScreenshot(100))
	path := filepath.Join("..", "docs", "screenshots", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		c.t.Fatal(err)
	}
	c.t.Logf("wrote %s (%d bytes)", path, len(buf))
}

// ---- data made through the API ----------------------------------------------

// fixture is what the test prepares through the API before the browser acts.
type fixture struct {
	returned   string // a submitted inspection, off site, with two hazards, to return
	submitted  string // another submitted inspection, on site
	onSite     string // its on-site hazard (rectified at once)
	deadline   string // a deadline hazard of the first, rectified by the officer
	reclass    string // a pending reclassification filed by the officer
	venue      string // the first inspection's venue
	stationVen int    // venues the station's supervisor sees
}

// testPNG is a small real PNG: a sky, a wall and an extinguisher-red box.
func testPNG(t *testing.T, seed int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 160, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 160; x++ {
			c := color.RGBA{uint8(150 + y/2), uint8(180 + y/3), 230, 255}
			if y > 70 {
				c = color.RGBA{uint8(120 + seed*40), 110, 100, 255}
			}
			if x > 60+seed*10 && x < 90+seed*10 && y > 40 && y < 100 {
				c = color.RGBA{200, 30, 30, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func uploadPhoto(t *testing.T, env *apptest.Env, as string, seed int) string {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", fmt.Sprintf("photo-%d.png", seed))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(testPNG(t, seed))
	_ = mw.Close()
	var p struct{ ID string }
	env.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/photos", As: as, Body: body.Bytes(),
		Header: map[string]string{"Content-Type": mw.FormDataContentType()}}).Must(t, http.StatusCreated).JSON(t, &p)
	return p.ID
}

type venue struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Category string  `json:"category"`
	Lat      float64 `json:"lat"`
	Lng      float64 `json:"lng"`
}

// checklistFor answers every item of the category: pass, but fail for codes.
func checklistFor(t *testing.T, env *apptest.Env, as, category string, fail ...string) ([]map[string]string, []string) {
	t.Helper()
	var items struct {
		Items []struct{ Code string } `json:"items"`
	}
	env.Get(as, "/api/v1/checklist-items?category="+category).Must(t, http.StatusOK).JSON(t, &items)
	var answers []map[string]string
	var codes []string
	for _, it := range items.Items {
		res, note := "pass", ""
		for _, f := range fail {
			if f == it.Code {
				res, note = "fail", "现场发现问题"
			}
		}
		answers = append(answers, map[string]string{"item_code": it.Code, "result": res, "note": note})
		codes = append(codes, it.Code)
	}
	return answers, codes
}

// visit makes an ad hoc inspection of v, starts it at the given distance
// north of the venue, and submits it with the hazards.
func visit(t *testing.T, env *apptest.Env, officer string, v venue, northM float64, hazards func(codes []string) ([]map[string]any, []string), notes string) string {
	t.Helper()
	var in struct{ ID string }
	env.Post(officer, "/api/v1/inspections", map[string]any{"venue_id": v.ID}).Must(t, http.StatusCreated).JSON(t, &in)
	acc := 12.0
	env.Post(officer, "/api/v1/inspections/"+in.ID+"/start",
		map[string]any{"lat": v.Lat + northM/111_320, "lng": v.Lng, "accuracy_m": acc}).Must(t, http.StatusOK)
	_, codes := checklistFor(t, env, officer, v.Category)
	hz, fail := hazards(codes)
	answers, _ := checklistFor(t, env, officer, v.Category, fail...)
	env.Post(officer, "/api/v1/inspections/"+in.ID+"/submit",
		map[string]any{"checklist": answers, "hazards": hz, "notes": notes}).Must(t, http.StatusOK)
	return in.ID
}

func prepare(t *testing.T, env *apptest.Env, today time.Time) fixture {
	t.Helper()
	const officer = "off-dcf-1-g1"
	date := func(d time.Time) string { return d.Format("2006-01-02") }
	// Routine inspections of the previous and the current periods: some
	// are overdue by now, which the dashboard shows.
	for _, asOf := range []time.Time{today.AddDate(0, 0, -45), today} {
		env.Post("admin", "/api/v1/schedules/generate", map[string]any{"as_of": date(asOf)}).Must(t, http.StatusOK)
	}
	var venues struct{ Items []venue }
	env.Get(officer, "/api/v1/venues?limit=10&grid_id="+env.Unit("dcf-1-g1")).Must(t, http.StatusOK).JSON(t, &venues)
	if len(venues.Items) < 3 {
		t.Fatalf("want 3 venues in grid dcf-1-g1, have %d", len(venues.Items))
	}
	var f fixture
	v1, v2, v3 := venues.Items[0], venues.Items[1], venues.Items[2]
	f.venue = v1.ID

	// The first inspection: started 1.2 km away (off site), with a hazard
	// fixed on site and a major one to fix by a deadline, both with photos.
	p1, p2 := uploadPhoto(t, env, officer, 0), uploadPhoto(t, env, officer, 1)
	onSite, deadline := uuid.NewString(), uuid.NewString()
	f.returned = visit(t, env, officer, v1, 1200, func(codes []string) ([]map[string]any, []string) {
		return []map[string]any{
			{"id": onSite, "code": codes[0], "severity": "general", "description": "灭火器压力不足，已当场更换", "fix_mode": "on_site", "photo_ids": []string{p1}},
			{"id": deadline, "code": codes[1], "severity": "major", "description": "安全出口被货物堵塞", "fix_mode": "deadline",
				"deadline": date(today.AddDate(0, 0, 7)), "photo_ids": []string{p2}},
		}, []string{codes[0], codes[1]}
	}, "店主配合检查。")
	f.onSite, f.deadline = onSite, deadline

	// The officer then records the fix of the deadline hazard, with a photo.
	p3 := uploadPhoto(t, env, officer, 2)
	env.Post(officer, "/api/v1/hazards/"+deadline+"/rectify",
		map[string]any{"description": "货物已清走，安全出口畅通", "photo_ids": []string{p3}}).Must(t, http.StatusOK)

	// A second inspection, on site, without hazards.
	f.submitted = visit(t, env, officer, v2, 40, func([]string) ([]map[string]any, []string) { return []map[string]any{}, nil }, "")

	// A reclassification the officer proposes, for a supervisor to decide.
	var v3full struct {
		RiskLevel string `json:"risk_level"`
	}
	env.Get(officer, "/api/v1/venues/"+v3.ID).Must(t, http.StatusOK).JSON(t, &v3full)
	to := "red"
	if v3full.RiskLevel == "red" {
		to = "yellow"
	}
	var r struct{ ID string }
	env.Post(officer, "/api/v1/venues/"+v3.ID+"/reclassifications",
		map[string]any{"to_level": to, "reason": "新增仓储区，人员密集"}).Must(t, http.StatusCreated).JSON(t, &r)
	f.reclass = r.ID

	var all struct {
		Items      []venue `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	env.Get("sup-dcf-1", "/api/v1/venues?limit=200").Must(t, http.StatusOK).JSON(t, &all)
	if all.NextCursor != nil {
		t.Fatal("the station has more than 200 venues; the map check counts one page")
	}
	f.stationVen = len(all.Items)
	return f
}

// ---- the checks ---------------------------------------------------------------

// vocabulary is GET /api/v1/vocabulary: set → value → label, per language.
type vocabulary map[string]map[string]struct{ ZH, EN string }

func getVocabulary(t *testing.T, env *apptest.Env) (vocabulary, []byte) {
	t.Helper()
	r := env.Get("", "/api/v1/vocabulary").Must(t, http.StatusOK)
	var body struct {
		Sets []struct {
			Name  string
			Terms []struct{ Value, ZH, EN string }
		}
	}
	r.JSON(t, &body)
	v := vocabulary{}
	for _, s := range body.Sets {
		v[s.Name] = map[string]struct{ ZH, EN string }{}
		for _, tm := range s.Terms {
			v[s.Name][tm.Value] = struct{ ZH, EN string }{tm.ZH, tm.EN}
		}
	}
	return v, r.Body
}

// checkTerms compares every term the page shows (an element with data-set
// and data-value) with the vocabulary's label in lang ("zh" or "en"), and
// returns how many it compared.
func (c *console) checkTerms(where string, v vocabulary, lang string) int {
	c.t.Helper()
	type shown struct{ Set, Value, Text string }
	terms := get(c, "read the terms "+where, eval[[]shown](
		`[...document.querySelectorAll('#main [data-set][data-value], #user-box [data-set][data-value]')].map(e => ({set: e.dataset.set, value: e.dataset.value, text: e.textContent.trim()}))`))
	for _, s := range terms {
		w, ok := v[s.Set][s.Value]
		want := w.ZH
		if lang == "en" {
			want = w.EN
		}
		if !ok || s.Text != want {
			c.t.Errorf("%s: %s %q shows %q, the vocabulary says %q", where, s.Set, s.Value, s.Text, want)
		}
	}
	if len(terms) == 0 {
		c.t.Errorf("%s: no term on the page to compare with the vocabulary", where)
	}
	return len(terms)
}

// flatten turns the overview JSON into "a.b.c" → value.
func flatten(prefix string, v any, out map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			flatten(key, e, out)
		}
	default:
		out[prefix] = x
	}
}

// checkDashboard compares every figure the dashboard shows with the API's
// overview for the range in the page's inputs.
func (c *console) checkDashboard(as, from, to string) map[string]any {
	t := c.t
	t.Helper()
	c.run("wait for the figures", chromedp.WaitVisible(css(`#figures[data-state="ready"][data-from=%q][data-to=%q]`, from, to)))
	if f, tt := get(c, "read from", chromedp.Value(chromedp.CSS("#range-from"))), get(c, "read to", chromedp.Value(chromedp.CSS("#range-to"))); f != from || tt != to {
		t.Fatalf("the range inputs say %s..%s, want %s..%s", f, tt, from, to)
	}
	type figure struct{ Key, Text, Value string }
	shown := get(c, "read the figures", eval[[]figure](
		`[...document.querySelectorAll('#figures [data-stat]')].map(e => ({key: e.dataset.stat, text: e.textContent.trim(), value: e.dataset.value}))`))
	var overview map[string]any
	c.env.Get(as, "/api/v1/stats/overview?from="+from+"&to="+to).Must(t, http.StatusOK).JSON(t, &overview)
	want := map[string]any{}
	flatten("", overview, want)
	seen := map[string]bool{}
	for _, s := range shown {
		seen[s.Key] = true
		w, ok := want[s.Key]
		if !ok {
			t.Errorf("the dashboard shows %s, which the API does not have", s.Key)
			continue
		}
		n, _ := w.(float64)
		if s.Key == "inspections.completion_rate" {
			v, err := strconv.ParseFloat(s.Value, 64)
			if err != nil || v != n {
				t.Errorf("completion rate: page %q (%s), API %v", s.Value, s.Text, n)
			}
			if !strings.HasSuffix(s.Text, "%") {
				t.Errorf("completion rate shown as %q, want a percentage", s.Text)
			}
			continue
		}
		if s.Text != strconv.FormatFloat(n, 'f', -1, 64) {
			t.Errorf("%s: page %q, API %v", s.Key, s.Text, n)
		}
	}
	for _, k := range []string{"venues.total", "venues.by_level.red", "venues.by_level.yellow", "venues.by_level.green",
		"inspections.due", "inspections.done", "inspections.on_time", "inspections.overdue", "inspections.completion_rate",
		"hazards.found", "hazards.fixed_on_site", "hazards.fixed_by_deadline", "hazards.rectified", "hazards.verified",
		"hazards.open", "hazards.overdue", "venues.by_category.shop", "venues.by_category.workshop"} {
		if !seen[k] {
			t.Errorf("the dashboard does not show %s", k)
		}
	}
	return want
}

// TestConsole drives the supervisors' console in headless Chromium: log
// in, the dashboard against the API, returning an inspection, verifying a
// fix, a reclassification, the venues and their map, a ledger download,
// logging out, and an officer kept out of the supervisor actions.
func TestConsole(t *testing.T) {
	c := startConsole(t, 360)
	env := c.env
	today := time.Now().In(env.Cfg.Location)
	f := prepare(t, env, today)
	const sup = "sup-dcf-1"

	c.run("open the console", chromedp.Navigate(c.base+"/"))
	c.login(sup)

	// The dashboard: this year by default, then a range chosen in the page.
	c.run("wait for the dashboard", chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	vocab, _ := getVocabulary(t, env)
	c.checkTerms("the dashboard", vocab, "zh")
	from := get(c, "read from", chromedp.Value(chromedp.CSS("#range-from")))
	to := get(c, "read to", chromedp.Value(chromedp.CSS("#range-to")))
	c.checkDashboard(sup, from, to)
	from, to = today.AddDate(0, -2, 0).Format("2006-01-02"), today.AddDate(0, 1, 0).Format("2006-01-02")
	c.run("choose a range",
		chromedp.SetValue(chromedp.CSS("#range-from"), from),
		chromedp.SetValue(chromedp.CSS("#range-to"), to),
		chromedp.Click(chromedp.CSS("#range-apply")))
	figures := c.checkDashboard(sup, from, to)
	if figures["inspections.due"].(float64) == 0 || figures["hazards.found"].(float64) == 0 {
		t.Errorf("the chosen range has nothing due or found; the comparison proves little: %v", figures)
	}
	if n := get(c, "grids table", eval[int](`document.querySelectorAll('#grid-table tbody tr').length`)); n != 3 {
		t.Errorf("the station's dashboard lists %d grids, want 3", n)
	}
	c.screenshot("dashboard.png")

	// An access token the API refuses is refreshed once (the refresh token,
	// an httpOnly cookie, rotates) and the request goes through.
	before := c.session()
	if before.Access == "" || before.Refresh == "" {
		t.Fatalf("after logging in the tab has no access token or no refresh cookie: %+v", before)
	}
	c.run("refresh an expired token", c.spoilAccess(), goTo("#/venues"), chromedp.WaitVisible(chromedp.CSS(`#venue-results[data-state="ready"] #venue-table`)))
	if after := c.session(); after.Access == "spoilt" || after.Refresh == before.Refresh || after.Refresh == "" {
		t.Errorf("after a 401 the console did not refresh: %+v", after)
	}

	// The review queue: open the off-site inspection and look at it.
	c.run("open the inspection",
		goTo("#/review"),
		chromedp.WaitVisible(css(`a.qi[data-id=%q]`, f.returned)),
		chromedp.WaitVisible(css(`a.qi[data-id=%q]`, f.deadline)),
		chromedp.WaitVisible(css(`li[data-id=%q]`, f.reclass)),
		chromedp.Click(css(`a.qi[data-id=%q]`, f.returned)),
		chromedp.WaitVisible(css(`#inspection-detail[data-id=%q][data-status="submitted"]`, f.returned)),
		chromedp.WaitVisible(chromedp.CSS(`#inspection-detail [data-test="off-site"]`)),
		// Photos come as blobs fetched with the token.
		waitJS(`(() => { const imgs = [...document.querySelectorAll('#inspection-detail img.photo')];
			return imgs.length >= 3 && imgs.every(i => i.src.startsWith('blob:') && i.complete && i.naturalWidth === 160); })()`),
	)
	type inspectionShown struct {
		Officer, Distance string
		Fails, Hazards    int
	}
	detail := get(c, "read the inspection", eval[inspectionShown](`({
		officer: document.querySelector('#inspection-detail [data-test="officer"]').textContent,
		distance: document.querySelector('#inspection-detail [data-test="distance"]').textContent,
		fails: document.querySelectorAll('#checklist tr.result-fail').length,
		hazards: document.querySelectorAll('#inspection-detail article.hazard').length})`))
	if !strings.Contains(detail.Officer, "off-dcf-1-g1") {
		t.Errorf("officer shown as %q", detail.Officer)
	}
	if !strings.HasPrefix(detail.Distance, "1.20 km") {
		t.Errorf("check-in distance shown as %q, want 1.20 km", detail.Distance)
	}
	if detail.Fails != 2 || detail.Hazards != 2 {
		t.Errorf("checklist fails %d, hazards %d; want 2 and 2", detail.Fails, detail.Hazards)
	}
	c.checkTerms("the inspection", vocab, "zh")
	c.screenshot("review.png")

	// Returning needs a comment: the console says so before asking the API.
	c.run("return without a comment",
		chromedp.Click(chromedp.CSS("#return")),
		chromedp.WaitVisible(chromedp.CSS("#review-error")))
	comment := "请补拍灭火器压力表照片 (photo of the gauge)"
	c.run("return the inspection",
		chromedp.SendKeys(chromedp.CSS("#review-comment"), comment),
		chromedp.Click(chromedp.CSS("#return")),
		chromedp.WaitNotPresent(css(`a.qi[data-id=%q]`, f.returned)),
		// After a decision the next item of the queue opens.
		waitJS(fmt.Sprintf(`location.hash.startsWith('#/review/') && !location.hash.endsWith(%q) && !!document.querySelector('a.qi.active')`, f.returned)),
		chromedp.WaitVisible(chromedp.CSS(`#inspection-detail, #hazard-detail`)))
	var ins struct {
		Status        string `json:"status"`
		ReviewComment string `json:"review_comment"`
	}
	env.Get(sup, "/api/v1/inspections/"+f.returned).Must(t, http.StatusOK).JSON(t, &ins)
	if ins.Status != "returned" || ins.ReviewComment != comment {
		t.Errorf("after the console returned it, the inspection is %q with comment %q", ins.Status, ins.ReviewComment)
	}

	// Verify the officer's fix of the deadline hazard.
	c.run("verify the fix",
		chromedp.Click(css(`a.qi[data-id=%q]`, f.deadline)),
		chromedp.WaitVisible(css(`#hazard-detail[data-id=%q][data-status="rectified"]`, f.deadline)),
		waitJS(`[...document.querySelectorAll('#hazard-detail img.photo')].filter(i => i.complete && i.naturalWidth > 0).length === 2`),
		chromedp.SendKeys(chromedp.CSS(`#hazard-detail .verify-comment`), "复核属实"),
		chromedp.Click(chromedp.CSS(`#hazard-detail [data-action="verify-accept"]`)),
		chromedp.WaitNotPresent(css(`a.qi[data-id=%q]`, f.deadline)),
		waitJS(fmt.Sprintf(`!location.hash.endsWith(%q)`, f.deadline)))
	// Who decided and when is shown on the decided item.
	c.run("the verified hazard", goTo("#/review/hazard/"+f.deadline),
		chromedp.WaitVisible(css(`#hazard-detail[data-id=%q][data-status="verified"] [data-test="decided-by"]`, f.deadline)))
	var hz struct{ Status string }
	env.Get(sup, "/api/v1/hazards/"+f.deadline).Must(t, http.StatusOK).JSON(t, &hz)
	if hz.Status != "verified" {
		t.Errorf("after the console verified it, the hazard is %q", hz.Status)
	}

	// Approve the officer's reclassification.
	c.run("approve the reclassification",
		chromedp.SendKeys(css(`li[data-id=%q] .reclass-comment`, f.reclass), "同意"),
		chromedp.Click(css(`li[data-id=%q] [data-action="reclass-approve"]`, f.reclass)),
		chromedp.WaitNotPresent(css(`li[data-id=%q]`, f.reclass)))
	var rc struct{ Status string }
	env.Get(sup, "/api/v1/reclassifications/"+f.reclass).Must(t, http.StatusOK).JSON(t, &rc)
	if rc.Status != "approved" {
		t.Errorf("after the console approved it, the reclassification is %q", rc.Status)
	}

	// Venues: the list, the map (drawn without tiles), a venue's page.
	c.run("venues", goTo("#/venues"), chromedp.WaitVisible(chromedp.CSS(`#venue-results[data-state="ready"] #venue-table`)))
	rows := get(c, "count rows", eval[int](`document.querySelectorAll('#venue-table tbody tr').length`))
	c.checkTerms("the venues", vocab, "zh")
	c.run("the map", chromedp.Click(chromedp.CSS("#view-map")), chromedp.WaitVisible(chromedp.CSS(`#venue-map circle.pt`)))
	dots := get(c, "count points", eval[int](`document.querySelectorAll('#venue-map circle.pt').length`))
	if rows != f.stationVen || dots != f.stationVen {
		t.Errorf("venues: %d rows and %d points, want %d", rows, dots, f.stationVen)
	}
	var reds struct{ Items []venue }
	env.Get(sup, "/api/v1/venues?limit=200&risk_level=red").Must(t, http.StatusOK).JSON(t, &reds)
	if n := get(c, "count red points", eval[int](`document.querySelectorAll('#venue-map circle.pt.lvl-red').length`)); n != len(reds.Items) {
		t.Errorf("the map has %d red points, the API %d red venues", n, len(reds.Items))
	}
	// Zooming in shrinks the points (one CSS variable), and a click on a point opens its venue.
	c.run("zoom in", chromedp.Click(chromedp.CSS(`.map-controls button:first-child`)))
	if r := get(c, "point radius", eval[float64](`parseFloat(getComputedStyle(document.querySelector('#venue-map circle.pt')).r)`)); r <= 0 || r >= 6 {
		t.Errorf("after zooming in, a point's radius is %v, want less than 6", r)
	}
	picked := get(c, "click a point", eval[string](`(() => { const p = document.querySelector('#venue-map circle.pt.lvl-red');
		p.dispatchEvent(new MouseEvent('click', { bubbles: true })); return p.dataset.venueId; })()`))
	c.run("the picked venue's page", chromedp.WaitVisible(chromedp.CSS("#venue-history")))
	if hash := get(c, "location", eval[string](`location.hash`)); hash != "#/venues/"+picked {
		t.Errorf("a click on point %s went to %q", picked, hash)
	}
	c.run("a venue's page",
		goTo("#/venues/"+f.venue),
		chromedp.WaitVisible(chromedp.CSS("#venue-history")),
		chromedp.WaitVisible(css(`#venue-inspections tr[data-id=%q]`, f.returned)),
		chromedp.WaitVisible(css(`#venue-hazards tr[data-id=%q]`, f.deadline)))

	// A ledger, fetched with the token and saved as a blob.
	c.run("download the hazard ledger",
		goTo("#/ledgers"),
		chromedp.WaitVisible(chromedp.CSS("#export-hazards-csv")),
		// All time: the fixture's hazards are this month's, and the page
		// opens on last month.
		chromedp.Evaluate[chromedp.Void](`(() => { const m = document.getElementById('ledger-month'); m.value = '';
			m.dispatchEvent(new Event('change', { bubbles: true })); })()`),
		chromedp.WaitVisible(chromedp.CSS(`#count-hazards[data-state="ready"]`)),
		waitJS(`!document.getElementById('export-hazards-csv').disabled`),
		chromedp.Click(chromedp.CSS("#export-hazards-csv")),
		chromedp.WaitVisible(chromedp.CSS(`#ledger-status[data-state="done"]`)))
	file := get(c, "ledger file", chromedp.AttributeValue(chromedp.CSS("#ledger-status"), "data-file"))
	if !strings.HasPrefix(file.Value, "隐患台账-") || !strings.HasSuffix(file.Value, ".csv") {
		t.Errorf("the hazard ledger was saved as %q", file.Value)
	}

	// English is available.
	c.run("switch to English",
		goTo("#/dashboard"),
		chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)),
		chromedp.Click(chromedp.CSS("#lang-toggle")),
		waitJS(`document.documentElement.lang === 'en'`),
		chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	if title := get(c, "the review tab", chromedp.Text(chromedp.CSS(`#nav a[data-nav="review"]`))); title != "Review" {
		t.Errorf("in English the review tab says %q", title)
	}
	c.checkTerms("the dashboard in English", vocab, "en")
	c.run("back to Chinese", chromedp.Click(chromedp.CSS("#lang-toggle")), waitJS(`document.documentElement.lang === 'zh-CN'`))

	// When the refresh fails too, the console asks to log in again.
	c.run("a session that cannot be refreshed", c.spoilAccess(), c.setRefreshCookie("spoilt"), goTo("#/review"),
		chromedp.WaitVisible(chromedp.CSS("#login-form")), chromedp.WaitVisible(chromedp.CSS("#login-error")))
	c.login(sup)
	c.run("back in", chromedp.WaitVisible(chromedp.CSS(`#review-queue ul, #review-queue .empty`)))

	// Log out: the console forgets the session, and the server ends it.
	last := c.session()
	c.run("log out", chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	if after := c.session(); after.Access != "" || after.Refresh != "" {
		t.Errorf("the session is still kept after logging out: %+v", after)
	}
	env.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh",
		Header: map[string]string{"X-Requested-With": "test", "Cookie": "jx_refresh=" + last.Refresh}}).Must(t, http.StatusUnauthorized)

	// An officer: told the console is for supervisors, no supervisor
	// actions anywhere, and the API refuses them all the same.
	c.login("off-dcf-1-g1")
	c.run("the officer's notice",
		chromedp.WaitVisible(chromedp.CSS(`#officer-notice`)),
		chromedp.WaitVisible(chromedp.CSS(`#officer-probe[data-status="403"]`)))
	type pageState struct {
		Notice, Nav bool
		Actions     int
	}
	for _, hash := range []string{"#/review", "#/review/inspection/" + f.submitted, "#/review/hazard/" + f.onSite, "#/ledgers"} {
		c.run("officer at "+hash, goTo(hash), chromedp.WaitVisible(chromedp.CSS(`#officer-notice`)))
		st := get(c, "officer's page", eval[pageState](`({notice: !!document.getElementById('officer-notice'),
			nav: !document.getElementById('nav').hidden,
			actions: document.querySelectorAll('[data-action], #review-form, #review-queue, #figures').length})`))
		if !st.Notice || st.Nav || st.Actions != 0 {
			t.Errorf("officer at %s: notice %v, nav shown %v, %d supervisor elements on the page", hash, st.Notice, st.Nav, st.Actions)
		}
	}
	refused := get(c, "the officer calls the supervisor actions anyway", eval[[]int](fmt.Sprintf(`(async () => {
		const { api } = await import('/js/api.js');
		const status = (p) => p.then(() => 200, (e) => e.status);
		return Promise.all([
			status(api.post('/inspections/%s/approve', { comment: '' })),
			status(api.post('/hazards/%s/verify', { accepted: true, comment: '' })),
			status(api.get('/review/queue')),
		]);
	})()`, f.submitted, f.onSite)))
	if len(refused) != 3 {
		t.Errorf("officer's attempts answered %v", refused)
	}
	for i, s := range refused {
		if s != http.StatusForbidden && s != http.StatusNotFound {
			t.Errorf("officer's supervisor action %d answered %d, want 403 or 404", i, s)
		}
	}
	var after struct{ Status string }
	env.Get(sup, "/api/v1/inspections/"+f.submitted).Must(t, http.StatusOK).JSON(t, &after)
	if after.Status != "submitted" {
		t.Errorf("the officer's attempt changed the inspection to %q", after.Status)
	}
	c.noErrors()
}

// TestConsoleAssets checks how the embedded files are served.
func TestConsoleAssets(t *testing.T) {
	env := apptest.New(t)
	r := env.Get("", "/").Must(t, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("/ is %q", ct)
	}
	if !bytes.Contains(r.Body, []byte(`<script type="module" src="/js/app.js">`)) {
		t.Errorf("/ is not the console: %.200s", r.Body)
	}
	csp := r.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "img-src 'self' blob: data:", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe") || strings.Contains(csp, "http") {
		t.Errorf("CSP %q allows more than the console's own files", csp)
	}
	js := env.Get("", "/js/api.js").Must(t, http.StatusOK)
	if ct := js.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("/js/api.js is %q", ct)
	}
	etag := js.Header.Get("ETag")
	if etag == "" || js.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("/js/api.js: ETag %q, Cache-Control %q", etag, js.Header.Get("Cache-Control"))
	}
	env.Do(apptest.Request{Method: http.MethodGet, Path: "/js/api.js", Header: map[string]string{"If-None-Match": etag}}).Must(t, http.StatusNotModified)

	// Nothing else is served from the console's folder, the API keeps its
	// answers, and unknown paths are still problem JSON 404s.
	for _, p := range []string{"/nope.js", "/js/", "/static/index.html", "/web.go"} {
		r := env.Get("", p).Must(t, http.StatusNotFound)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("%s: %q", p, ct)
		}
	}
	env.Get("", "/api/v1/me").Must(t, http.StatusUnauthorized)
	env.Do(apptest.Request{Method: http.MethodPost, Path: "/", Body: "{}"}).Must(t, http.StatusNotFound)
	// No file of the console loads anything from elsewhere.
	for _, p := range []string{"/", "/style.css", "/js/app.js", "/js/api.js", "/js/i18n.js", "/js/vocab.js", "/js/ui.js", "/js/lookups.js",
		"/js/dashboard.js", "/js/review.js", "/js/venues.js", "/js/map.js", "/js/ledgers.js", "/js/work.js", "/js/chart.js"} {
		b := env.Get("", p).Must(t, http.StatusOK).Body
		for _, bad := range []string{"http://", "https://", "//cdn", "@import url(", "fonts.g"} {
			if i := bytes.Index(b, []byte(bad)); i >= 0 && !bytes.Contains(b[i:min(len(b), i+40)], []byte("www.w3.org/2000/svg")) {
				t.Errorf("%s refers to %q: %.60s", p, bad, b[i:])
			}
		}
	}
}
