package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestConsoleDetails: a decision someone made first (409) is said in the
// console's words and reloads the item; the keyboard stays on the queue
// item it opened; the enlarged photo takes focus and closes with Esc; an
// inspection prints without header or queue; nothing scrolls sideways at
// 360 px; a city supervisor's heading follows the unit picked, with
// district and station subtotals.
func TestConsoleDetails(t *testing.T) {
	c := startConsole(t, 360)
	env := c.env
	f := prepare(t, env, time.Now().In(env.Cfg.Location))
	c.run("open the console", chromedp.Navigate(c.base+"/"))
	c.login("sup-dcf-1")
	c.run("the dashboard", chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))

	// Someone else approves the inspection while it is open here.
	c.run("open the inspection", goTo("#/review/inspection/"+f.submitted),
		chromedp.WaitVisible(css(`#inspection-detail[data-id=%q][data-status="submitted"]`, f.submitted)))
	env.Post("admin", "/api/v1/inspections/"+f.submitted+"/approve", map[string]string{"comment": ""}).Must(t, http.StatusOK)
	c.run("approve it too", chromedp.Click(chromedp.CSS("#approve")),
		chromedp.WaitVisible(css(`#inspection-detail[data-id=%q][data-status="approved"]`, f.submitted)),
		chromedp.WaitVisible(chromedp.CSS(`#flash[data-kind="error"] span`)))
	type said struct{ Text, Want string }
	got := get(c, "the conflict", eval[said](`import('/js/i18n.js').then((m) => ({ text: document.querySelector('#flash span').textContent, want: m.t('err.409') }))`))
	if got.Text != got.Want {
		t.Errorf("a conflict says %q, want %q", got.Text, got.Want)
	}
	if n := get(c, "decided by", eval[int](`document.querySelectorAll('#inspection-detail [data-test="decided-by"]').length`)); n != 1 {
		t.Error("the reloaded inspection does not say who decided")
	}

	// From the keyboard: focus an item, Enter; the focus stays on it.
	c.run("open an item from the keyboard", goTo("#/review"), chromedp.WaitVisible(css(`a.qi[data-id=%q]`, f.returned)),
		chromedp.Focus(css(`a.qi[data-id=%q]`, f.returned)), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(css(`#review[data-state="ready"] #inspection-detail[data-id=%q]`, f.returned)))
	if id := get(c, "focus", eval[string](`document.activeElement.dataset.id || document.activeElement.tagName`)); id != f.returned {
		t.Errorf("after opening an item from the keyboard the focus is on %q", id)
	}

	// The enlarged photo: a dialog that takes focus and closes with Esc.
	c.run("enlarge a photo", waitJS(`!!document.querySelector('#inspection-detail img.photo[data-loaded]')`),
		chromedp.Click(chromedp.CSS(`#inspection-detail .photo-box`)), chromedp.WaitVisible(chromedp.CSS(`.lightbox`)))
	if in := get(c, "focus in the dialog", eval[bool](`!!document.activeElement.closest('.lightbox')`)); !in {
		t.Error("the enlarged photo does not take focus")
	}
	c.run("Esc", chromedp.KeyEvent(kb.Escape), chromedp.WaitNotPresent(chromedp.CSS(`.lightbox`)))
	if back := get(c, "focus back", eval[bool](`document.activeElement.classList.contains('photo-box')`)); !back {
		t.Error("after Esc the focus is not back on the photo")
	}

	// Printed: the inspection alone.
	c.run("print media", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	type printed struct{ Header, Queue, Form, Detail bool }
	p := get(c, "what prints", eval[printed](`(() => { const shown = (s) => { const e = document.querySelector(s); return !!e && e.getClientRects().length > 0; };
		return { header: shown('.topbar'), queue: shown('#review-queue'), form: shown('#queue-filters'), detail: shown('#inspection-detail') }; })()`))
	if p.Header || p.Queue || p.Form || !p.Detail {
		t.Errorf("printing shows header %v, queue %v, filters %v, the inspection %v; want the inspection alone", p.Header, p.Queue, p.Form, p.Detail)
	}
	c.run("screen media", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		return err
	}))

	// A level approved with a comment: the history shows who and what they said, and the first level as created.
	env.Post("sup-dcf-1", "/api/v1/reclassifications/"+f.reclass+"/approve", map[string]string{"comment": "同意调整"}).Must(t, http.StatusOK)
	var rc struct {
		VenueID string `json:"venue_id"`
	}
	env.Get("sup-dcf-1", "/api/v1/reclassifications/"+f.reclass).Must(t, http.StatusOK).JSON(t, &rc)
	c.run("the venue's history", goTo("#/venues/"+rc.VenueID), chromedp.WaitVisible(chromedp.CSS(`#venue-history [data-test="approver"]`)))
	hist := get(c, "history", eval[said](`import('/js/i18n.js').then((m) => ({
		text: document.querySelector('#venue-history [data-test="approver"]').textContent + '|' + [...document.querySelectorAll('#venue-history [data-test="reason"]')].pop().textContent,
		want: m.t('venues.created') }))`))
	if !strings.Contains(hist.Text, "同意调整") || !strings.Contains(hist.Text, "所长") || !strings.HasSuffix(hist.Text, "|"+hist.Want) {
		t.Errorf("the level history says %q; want the approver, their comment and %q", hist.Text, hist.Want)
	}

	// The venues' filters are in the URL: a reload keeps them.
	c.run("search venues", goTo("#/venues"), chromedp.WaitVisible(chromedp.CSS(`#venue-results[data-state="ready"]`)),
		chromedp.SetValue(chromedp.CSS("#venue-q"), "店 东昌"), chromedp.Click(chromedp.CSS("#venue-search")),
		waitJS(`location.hash.includes('q=')`), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#venue-results[data-state="ready"]`)))
	if q := get(c, "the search after a reload", chromedp.Value(chromedp.CSS("#venue-q"))); q != "店 东昌" {
		t.Errorf("after a reload the search says %q", q)
	}

	// The day is the service's, whatever the browser's zone.
	c.run("a browser far west", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Etc/GMT+12"})
		return err
	}), goTo("#/dashboard"), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	if day := get(c, "the console's today", eval[string](`import('/js/ui.js').then((m) => m.today())`)); day != time.Now().In(env.Cfg.Location).Format("2006-01-02") {
		t.Errorf("the console's today is %s, the service's %s", day, time.Now().In(env.Cfg.Location).Format("2006-01-02"))
	}

	// 360 px: no page scrolls sideways, in either language.
	c.run("a 360 px phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	for _, lang := range []string{"zh", "en"} {
		c.run("language "+lang, goTo("#/dashboard"), chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem('jx.lang', %q)`, lang)), chromedp.Reload(),
			chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
		for _, hash := range []string{"#/dashboard", "#/work", "#/review/inspection/" + f.returned, "#/venues", "#/venues/" + f.venue, "#/ledgers"} {
			c.run("360 "+hash, goTo(hash), waitJS(`!!document.querySelector('#main .view') && ![...document.querySelectorAll('#main .loading')].length`))
			c.noOverflow("360 px " + lang + " " + hash)
		}
	}
	c.run("back to the desktop", chromedp.EmulateViewport(1366, 768), goTo("#/dashboard"),
		chromedp.Evaluate[chromedp.Void](`localStorage.setItem('jx.lang', 'zh')`), chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))

	// A city supervisor picks a district: the heading names it.
	c.run("log out", chromedp.WaitVisible(chromedp.CSS("#logout")), chromedp.Click(chromedp.CSS("#logout")))
	c.login("sup-lc")
	c.run("the city's dashboard", chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)),
		waitJS(`document.getElementById('range-unit').options.length > 1`))
	pick := get(c, "pick a district", eval[said](`(() => { const s = document.getElementById('range-unit');
		const o = [...s.options].find((x) => x.value); s.value = o.value; s.dispatchEvent(new Event('change'));
		return { text: o.value, want: o.textContent.split(' · ').pop() }; })()`))
	c.run("the district's figures", chromedp.WaitVisible(css(`#figures[data-state="ready"]`)),
		waitJS(fmt.Sprintf(`document.getElementById('dash-unit').textContent === %q`, pick.Want)))
	var unit struct{ Name string }
	env.Get("sup-lc", "/api/v1/org-units/"+pick.Text).Must(t, http.StatusOK).JSON(t, &unit)
	if unit.Name != pick.Want {
		t.Errorf("the heading says %q, the unit is %q", pick.Want, unit.Name)
	}
	// Subtotals: each row's figures are the unit's overview.
	c.run("back to the city", chromedp.SetValue(chromedp.CSS("#range-unit"), ""),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('range-unit').dispatchEvent(new Event('change'))`),
		chromedp.WaitVisible(chromedp.CSS(`#subtotals tbody tr[data-kind="station"]`)))
	type row struct {
		ID, Kind  string
		Due, Done int
	}
	rows := get(c, "subtotals", eval[[]row](`[...document.querySelectorAll('#subtotals tbody tr')].map((r) => ({ id: r.dataset.unitId, kind: r.dataset.kind, due: Number(r.dataset.due), done: Number(r.dataset.done) }))`))
	from := get(c, "from", chromedp.Value(chromedp.CSS("#range-from")))
	to := get(c, "to", chromedp.Value(chromedp.CSS("#range-to")))
	kinds := map[string]int{}
	for _, r := range rows {
		kinds[r.Kind]++
		var o struct{ Inspections struct{ Due, Done int } }
		env.Get("sup-lc", "/api/v1/stats/overview?org_unit_id="+r.ID+"&from="+from+"&to="+to).Must(t, http.StatusOK).JSON(t, &o)
		if o.Inspections.Due != r.Due || o.Inspections.Done != r.Done {
			t.Errorf("subtotal of %s %s: %d due %d done, the API %+v", r.Kind, r.ID, r.Due, r.Done, o.Inspections)
		}
	}
	if kinds["district"] == 0 || kinds["station"] < 2 {
		t.Errorf("subtotals by kind: %v, want districts and stations", kinds)
	}
	if strings.Contains(get(c, "page", chromedp.Text(chromedp.CSS("#main"))), "加载中") {
		t.Error("something is still loading")
	}
	c.noErrors()
}
