package web_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core as checks/package.json pins it (make test installs it).
var axePath = filepath.Join("..", "checks", "node_modules", "axe-core", "axe.min.js")

func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(axePath)
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("skipping: axe-core is missing (cd checks && npm ci, or make test): %v", err)
		}
		t.Fatalf("CI is set but axe-core is missing: %v", err)
	}
	return string(b)
}

type violation struct {
	ID, Impact string
	Nodes      []string
}

// axe runs axe-core in the page (WCAG 2.1 A and AA rules) and fails the
// test on every serious or critical violation.
func (c *console) axe(where, src string) {
	c.t.Helper()
	c.run("load axe-core", chromedp.Evaluate[chromedp.Void](`window.axe ? undefined : (0, eval)(`+jsString(src)+`)`))
	vs := get(c, "axe "+where, eval[[]violation](`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
		.then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ': ' + n.failureSummary) })))`))
	for _, v := range vs {
		c.t.Errorf("%s: axe %s (%s):\n  %s", where, v.ID, v.Impact, strings.Join(v.Nodes, "\n  "))
	}
}

func jsString(s string) string {
	b := strings.NewReplacer(`\`, `\\`, "`", "\\`", "${", "\\${").Replace(s)
	return "`" + b + "`"
}

// noOverflow fails the test when the page scrolls sideways.
func (c *console) noOverflow(where string) {
	c.t.Helper()
	type size struct {
		Scroll, Inner int
		Wide          []string
	}
	sz := get(c, "page width "+where, eval[size](`({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
		wide: [...document.querySelectorAll('body *')].filter((e) => { const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 1 && r.width > 0 && !e.closest('.table-wrap'); })
			.slice(0, 5).map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')) })`))
	if sz.Scroll > sz.Inner {
		c.t.Errorf("%s: the page is %d px wide on a %d px screen; too wide: %v", where, sz.Scroll, sz.Inner, sz.Wide)
	}
}

// TestConsoleViews walks every view at 1366×768 and on a 390×844 phone, in
// both languages: nothing scrolls sideways, axe-core finds no serious or
// critical violation, errors speak the chosen language, the phone's menu
// works, the work page lists what the API lists, and the trend chart draws
// the API's figures.
func TestConsoleViews(t *testing.T) {
	axe := axeSource(t)
	c := startConsole(t, 360)
	env := c.env
	today := time.Now().In(env.Cfg.Location)
	f := prepare(t, env, today)
	const sup = "sup-dcf-1"
	c.run("open the console", chromedp.Navigate(c.base+"/"))

	views := []struct{ name, hash, ready string }{
		{"dashboard", "#/dashboard", `#figures[data-state="ready"]`},
		{"trends", "#/dashboard", `#trends[data-state="ready"] #trend-unit`},
		{"work", "#/work", `#work-inspections[data-state="ready"]`},
		{"review", "#/review/inspection/" + f.returned, `#inspection-detail`},
		{"hazard", "#/review/hazard/" + f.deadline, `#hazard-detail`},
		{"venues", "#/venues", `#venue-results[data-state="ready"] #venue-table`},
		{"map", "#/venues?view=map", `#venue-map .mark`},
		{"venue", "#/venues/" + f.venue, `#venue-history`},
		{"ledgers", "#/ledgers", `#count-hazards[data-state="ready"]`},
	}
	screens := []struct {
		name string
		w, h int64
	}{{"desktop", 1366, 768}, {"phone", 390, 844}}
	for _, sc := range screens {
		emulate := chromedp.EmulateViewport(sc.w, sc.h)
		if sc.name == "phone" {
			emulate = chromedp.EmulateViewport(sc.w, sc.h, chromedp.EmulateMobile)
		}
		c.run("screen "+sc.name, emulate)
		for _, lang := range []string{"zh", "en"} {
			c.run("language "+lang, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem('jx.lang', %q)`, lang)),
				chromedp.Reload())
			if get(c, "logged in?", eval[int](`new Promise((r) => setTimeout(() => r(document.querySelectorAll('#login-form').length), 300))`)) > 0 {
				where := sc.name + " " + lang + " login"
				c.noOverflow(where)
				c.axe(where, axe)
				c.login(sup)
			}
			for _, v := range views {
				where := fmt.Sprintf("%s %s %s", sc.name, lang, v.name)
				c.run(where, goTo(v.hash), chromedp.WaitVisible(chromedp.CSS(v.ready)))
				// Let late parts (names, photos) arrive.
				c.run("settle", waitJS(`![...document.querySelectorAll('#main .loading')].length`))
				c.noOverflow(where)
				c.axe(where, axe)
				if lang == "zh" && v.name != "trends" {
					prefix := ""
					if sc.name == "phone" {
						prefix = "phone-"
					}
					c.screenshot(prefix + v.name + ".png")
				}
			}
			if sc.name == "phone" {
				c.phoneMenu(lang)
			}
			c.errorsInLanguage(lang)
		}
	}
	c.workMatchesAPI(sup)
	c.trendMatchesAPI(sup)
	c.noErrors()
}

// phoneMenu: on a phone the menu is behind a button, and opens and navigates.
func (c *console) phoneMenu(lang string) {
	c.t.Helper()
	c.run("open the menu "+lang, goTo("#/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)),
		chromedp.WaitVisible(chromedp.CSS("#menu-toggle")))
	if v := get(c, "nav hidden", eval[bool](`getComputedStyle(document.getElementById('nav')).display === 'none'`)); !v {
		c.t.Errorf("%s: on a phone the menu shows before it is opened", lang)
	}
	c.run("navigate from the menu "+lang, chromedp.Click(chromedp.CSS("#menu-toggle")),
		chromedp.WaitVisible(chromedp.CSS(`#nav a[data-nav="review"]`)),
		chromedp.Click(chromedp.CSS(`#nav a[data-nav="review"]`)),
		waitJS(`location.hash === '#/review'`),
		chromedp.WaitNotVisible(chromedp.CSS(`#nav a[data-nav="review"]`)))
	c.axe("phone menu "+lang, "")
}

// errorsInLanguage: a refused range is said in the console's words, in the
// chosen language, once; a missing venue says not found; a page change
// clears the bar.
func (c *console) errorsInLanguage(lang string) {
	c.t.Helper()
	c.run("a bad range "+lang, goTo("#/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)),
		chromedp.SetValue(chromedp.CSS("#range-from"), "2026-06-01"),
		chromedp.SetValue(chromedp.CSS("#range-to"), "2026-01-01"),
		chromedp.Click(chromedp.CSS("#range-apply")),
		chromedp.WaitVisible(chromedp.CSS(`#flash[data-kind="error"] span`)))
	type shown struct{ Text, Want, Field string }
	got := get(c, "the error", eval[shown](`import('/js/i18n.js').then((m) => ({ text: document.querySelector('#flash span').textContent,
		want: m.t('err.422'), field: m.t('err.field.to') }))`))
	if !strings.HasPrefix(got.Text, got.Want) || !strings.Contains(got.Text, got.Field) {
		c.t.Errorf("%s: a refused range says %q, want %q with %q", lang, got.Text, got.Want, got.Field)
	}
	for _, english := range []string{"must not", "invalid fields", "422"} {
		if strings.Contains(got.Text, english) {
			c.t.Errorf("%s: the error shows the API's words %q: %q", lang, english, got.Text)
		}
	}
	if n := get(c, "errors shown", eval[int](`document.querySelectorAll('#flash span, [data-test="page-error"]').length`)); n != 1 {
		c.t.Errorf("%s: the error is shown %d times", lang, n)
	}
	c.run("the bar clears on a page change", goTo("#/ledgers"), chromedp.WaitVisible(chromedp.CSS("#export-hazards-csv")))
	if n := get(c, "flash", eval[int](`document.querySelectorAll('#flash span').length`)); n != 0 {
		c.t.Errorf("%s: the error bar stays after a page change", lang)
	}
	c.run("a missing venue", goTo("#/venues/00000000-0000-7000-8000-000000000000"),
		chromedp.WaitVisible(chromedp.CSS(`[data-test="page-error"][data-status="404"]`)))
	txt := get(c, "not found", eval[shown](`import('/js/i18n.js').then((m) => ({ text: document.querySelector('#main').textContent, want: m.t('err.not_found_page') }))`))
	if !strings.Contains(txt.Text, txt.Want) || strings.Contains(txt.Text, "加载中") || strings.Contains(txt.Text, "Loading") {
		c.t.Errorf("%s: a missing venue shows %q", lang, txt.Text)
	}
	// A reload forgets the refused range (the tab stays logged in).
	c.run("back to the dashboard", goTo("#/dashboard"), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
}

// workMatchesAPI: each list of the work page shows the rows the API lists
// for the same filters.
func (c *console) workMatchesAPI(as string) {
	t := c.t
	t.Helper()
	for _, list := range []string{"inspections", "hazards", "owner_fixes", "reinspections"} {
		c.run("work "+list, goTo("#/work?list="+list), chromedp.WaitVisible(css(`#work-%s[data-state="ready"]`, list)))
		shown := get(c, "rows of "+list, eval[[]string](fmt.Sprintf(`[...document.querySelectorAll('#work-%s tbody tr')].map((r) => r.dataset.id)`, list)))
		q := get(c, "the query of "+list, eval[map[string]string](fmt.Sprintf(`import('/js/work.js').then((m) => m.workQuery(%q, { grid_id: '', officer: '' }))`, list)))
		path := "/api/v1/inspections"
		if list == "hazards" || list == "owner_fixes" {
			path = "/api/v1/hazards"
		}
		var want []string
		cursor := ""
		for {
			u := path + "?limit=200"
			for k, v := range q {
				if v != "" {
					u += "&" + k + "=" + v
				}
			}
			if cursor != "" {
				u += "&cursor=" + cursor
			}
			var page struct {
				Items      []struct{ ID string }
				NextCursor *string `json:"next_cursor"`
			}
			c.env.Get(as, u).Must(t, http.StatusOK).JSON(t, &page)
			for _, it := range page.Items {
				want = append(want, it.ID)
			}
			if page.NextCursor == nil {
				break
			}
			cursor = *page.NextCursor
		}
		if !slices.Equal(shown, want) {
			t.Errorf("work list %s shows %d rows %v, the API %d %v", list, len(shown), shown, len(want), want)
		}
		if list == "inspections" && len(want) == 0 {
			t.Errorf("no overdue inspection to compare: the check proves little")
		}
	}
	// The dashboard's overdue figure links to its list, which shows the
	// rows the figure counts (planned inspections due in the range).
	c.run("the figure", goTo("#/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	figure := get(c, "the overdue figure", eval[int](`Number(document.querySelector('[data-stat="inspections.overdue"]').dataset.value)`))
	c.run("from the figure to the list", chromedp.Click(chromedp.CSS(`a[data-work^="#/work?list=inspections&"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#work-inspections[data-state="ready"]`)))
	listed := get(c, "the list's rows", eval[int](`document.querySelectorAll('#work-inspections tbody tr').length`))
	if listed != figure {
		t.Errorf("the overdue figure is %d, the list it opens shows %d rows", figure, listed)
	}
	if n := get(c, "the cut's note", eval[int](`document.querySelectorAll('#work-figure #work-figure-clear').length`)); n != 1 {
		t.Errorf("the list opened from the figure does not say it is cut to the figure's rows")
	}
}

// trendMatchesAPI: the unit's chart draws every month's figures of GET /stats/trends.
func (c *console) trendMatchesAPI(as string) {
	t := c.t
	t.Helper()
	c.run("the trends", goTo("#/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#trends[data-state="ready"] #trend-unit`)))
	type mark struct {
		Month             string
		Found, Fixed, Due int
		Done              int
		Rate              float64
	}
	drawn := get(c, "the chart", eval[[]mark](`[...document.querySelectorAll('#trend-unit .rate-dot')].map((d) => ({ month: d.dataset.month,
		rate: Number(d.dataset.rate), due: Number(d.dataset.due), done: Number(d.dataset.done),
		found: Number(document.querySelector('#trend-unit .bar-found[data-month="' + d.dataset.month + '"]').dataset.found),
		fixed: Number(document.querySelector('#trend-unit .bar-fixed[data-month="' + d.dataset.month + '"]').dataset.fixed) }))`))
	var api struct {
		Unit struct {
			Months []struct {
				Month          string
				Due, Done      int
				CompletionRate float64 `json:"completion_rate"`
				Found, Fixed   int
			}
		}
		Children []struct {
			OrgUnitID string `json:"org_unit_id"`
		}
	}
	c.env.Get(as, "/api/v1/stats/trends").Must(t, http.StatusOK).JSON(t, &api)
	if len(drawn) != len(api.Unit.Months) || len(drawn) != 12 {
		t.Fatalf("the chart draws %d months, the API has %d", len(drawn), len(api.Unit.Months))
	}
	var any int
	for i, m := range api.Unit.Months {
		d := drawn[i]
		if d.Month != m.Month || d.Found != m.Found || d.Fixed != m.Fixed || d.Due != m.Due || d.Done != m.Done || d.Rate != m.CompletionRate {
			t.Errorf("month %s: drawn %+v, API %+v", m.Month, d, m)
		}
		any += m.Due + m.Found
	}
	if any == 0 {
		t.Error("the trend has nothing due or found: the check proves little")
	}
	if n := get(c, "children's charts", eval[int](`document.querySelectorAll('#trends .trend-children .trend').length`)); n != len(api.Children) {
		t.Errorf("%d children's charts, the API has %d", n, len(api.Children))
	}
}

// TestConsoleMapClusters: a city's points are grouped by screen cell, each
// venue counted once, every mark's hit area at least 24 px across, and the
// map one Tab stop with nothing focusable inside; the wheel scrolls the page
// until the map has focus.
func TestConsoleMapClusters(t *testing.T) {
	c := startConsole(t, 0)
	c.run("open the console", chromedp.Navigate(c.base+"/"))
	c.login("sup-dcf-1")
	c.run("the dashboard", chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	type drawn struct {
		Marks, Clusters, Counted, Focusable, Tabindex int
		MinHit                                        float64
		Zoomed                                        bool
		ZoomedMarks                                   int
		Picked                                        string
		Opened                                        int
		Hot, HotCodes                                 int
	}
	got := get(c, "draw 3000 venues", eval[drawn](`(async () => {
		const { venueMap } = await import('/js/map.js');
		const { loadVocabulary } = await import('/js/vocab.js');
		await loadVocabulary();
		const levels = ['red', 'yellow', 'green'];
		let seed = 7;
		const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const pts = Array.from({ length: 3000 }, (_, i) => ({ id: 'v' + i, name: 'V' + i, lat: 36.4 + rnd() * 0.3, lng: 115.9 + rnd() * 0.4,
			risk_level: levels[i % 3], category: 'shop' }));
		const main = document.getElementById('main');
		const box = document.createElement('div');
		main.replaceChildren(box);
		let opened = 0;
		const hazards = () => Promise.resolve(pts.slice(0, 40).map((v, i) => ({ venue_id: v.id, code: i % 2 ? 'extinguisher' : 'exit' })));
		box.append(venueMap(pts, () => { opened++; }, { hazards }));
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
		const svg = document.getElementById('venue-map');
		const clusters = [...svg.querySelectorAll('.cluster')];
		const marks = svg.querySelectorAll('.mark').length;
		const px = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
		const hits = [...svg.querySelectorAll('.mark .hit, .cluster-disc')].map((c) => 2 * c.r.baseVal.value * px);
		const before = window.scrollY;
		svg.dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true }));
		const unfocusedZoom = svg.getAttribute('viewBox') !== '0 0 960 600';
		svg.focus();
		svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true, cancelable: true, clientX: 300, clientY: 300 }));
		for (let i = 0; i < 8; i++) svg.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
		// A tap names the venue; a mouse click opens it.
		const mark = svg.querySelector('.mark .hit');
		mark.dispatchEvent(new PointerEvent('click', { bubbles: true, pointerType: 'touch' }));
		const picked = document.getElementById('map-picked').textContent;
		const tapOpened = opened;
		mark.dispatchEvent(new MouseEvent('click', { bubbles: true }));
		// The hotspot layer: open hazards at their venues, by category.
		const layer = document.getElementById('map-hazards');
		layer.checked = true;
		layer.dispatchEvent(new Event('change'));
		await new Promise((r) => setTimeout(r, 100));
		return { picked, opened: tapOpened * 10 + opened, hot: svg.querySelectorAll('.hot').length,
			hotCodes: document.querySelectorAll('#hot-legend [data-code]').length, marks, clusters: clusters.length, counted: marks + clusters.reduce((n, g) => n + Number(g.dataset.count), 0),
			focusable: svg.querySelectorAll('[tabindex], a, button').length, tabindex: svg.tabIndex,
			minHit: Math.min(...hits), zoomed: !unfocusedZoom && svg.getAttribute('viewBox') !== '0 0 960 600',
			zoomedMarks: svg.querySelectorAll('.mark').length };
	})()`))
	if got.Clusters == 0 || got.Counted != 3000 {
		t.Errorf("3000 venues drawn as %d marks and %d groups counting %d", got.Marks, got.Clusters, got.Counted)
	}
	if got.MinHit < 24 {
		t.Errorf("the smallest hit area is %.1f px across, want at least 24", got.MinHit)
	}
	if got.Focusable != 0 || got.Tabindex != 0 {
		t.Errorf("the map has %d focusable elements inside, tabindex %d; want one Tab stop", got.Focusable, got.Tabindex)
	}
	if !strings.HasPrefix(got.Picked, get(c, "picked", eval[string](`import('/js/i18n.js').then((m) => m.t('venues.picked'))`))) || got.Opened != 1 {
		t.Errorf("a tap shows %q and opened %d; a click then opened (tens: taps, units: clicks), want the name and 01", got.Picked, got.Opened)
	}
	if got.Hot != 40 || got.HotCodes != 2 {
		t.Errorf("the hazard layer draws %d rings in %d categories, want 40 in 2", got.Hot, got.HotCodes)
	}
	if !got.Zoomed || got.ZoomedMarks <= got.Marks {
		t.Errorf("the wheel zoomed an unfocused map, or zooming in did not split the groups: %+v", got)
	}
	c.noErrors()
}
