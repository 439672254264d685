package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// Ensure the ledger page opens on last month, shows each ledger's row
// count from the API before offering it, says "no rows" instead of
// offering an empty file, follows the month picked, and downloads the
// month's ledger, in Chinese and in English.
func TestConsoleLedgers(t *testing.T) {
	c := startConsole(t, 54)
	env := c.env
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	var v venue
	if err := env.DB.Raw("SELECT id::text, category, lat, lng FROM venues WHERE grid_id = ? ORDER BY id LIMIT 1", env.Unit("dcf-1-g1")).Scan(&v).Error; err != nil || v.ID == "" {
		t.Fatalf("no venue: %v", err)
	}
	visit(t, env, off, v, 0, func(codes []string) ([]map[string]any, []string) {
		return []map[string]any{{"id": "b1000000-0000-4000-8000-000000000000", "code": codes[0], "severity": "general", "description": "灭火器过期",
			"fix_mode": "on_site", "photo_ids": []string{uploadPhoto(t, env, off, 7)}}}, codes[:1]
	}, "")
	now := time.Now().In(env.Cfg.Location)
	month := func(m time.Time) (string, string, string) {
		first := time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, env.Cfg.Location)
		return first.Format("2006-01"), first.Format("2006-01-02"), first.AddDate(0, 1, -1).Format("2006-01-02")
	}
	apiCount := func(name, from, to string) int {
		var got struct {
			Count int `json:"count"`
		}
		env.Get(sup, "/api/v1/exports/"+name+"/count?from="+from+"&to="+to).Must(t, http.StatusOK).JSON(t, &got)
		return got.Count
	}
	last, lastFrom, lastTo := month(time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, env.Cfg.Location))
	this, thisFrom, thisTo := month(now)

	c.run("open the console", chromedp.Navigate(c.base+"/"))
	c.login(sup)
	c.run("open the ledgers", goTo("#/ledgers"), chromedp.WaitVisible(chromedp.CSS(`#count-hazards[data-state="ready"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#count-inspections[data-state="ready"]`)), chromedp.WaitVisible(chromedp.CSS(`#count-documents[data-state="ready"]`)))
	if got := get(c, "the month", eval[string](`document.getElementById('ledger-month').value`)); got != last {
		t.Errorf("the page opens on %q, want last month %q", got, last)
	}
	// wantCounts checks each ledger's count, words and buttons against the API.
	wantCounts := func(from, to, period, lang string) {
		t.Helper()
		for _, name := range []string{"inspections", "hazards", "documents"} {
			want := apiCount(name, from, to)
			sel := "#count-" + name
			got := get(c, name+" count", eval[string](`document.querySelector('`+sel+`').dataset.count`))
			text := get(c, name+" words", chromedp.Text(chromedp.CSS(sel+" .ledger-said")))
			disabled := get(c, name+" buttons", eval[bool](`document.getElementById('export-`+name+`-xlsx').disabled && document.getElementById('export-`+name+`-csv').disabled`))
			if got != strconv.Itoa(want) {
				t.Errorf("%s %s: the page counts %s rows, the API %d", name, period, got, want)
			}
			empty := map[string]string{"zh": period + "没有记录", "en": "No rows for " + period}[lang]
			if (want == 0) != strings.Contains(text, empty) || want == 0 != disabled {
				t.Errorf("%s %s (%d rows): says %q, buttons disabled %v", name, period, want, text, disabled)
			}
			if want > 0 && !strings.Contains(text, strconv.Itoa(want)) {
				t.Errorf("%s %s: says %q, not its %d rows", name, period, text, want)
			}
		}
	}
	wantCounts(lastFrom, lastTo, last, "zh")
	if apiCount("hazards", lastFrom, lastTo) != 0 {
		t.Fatalf("a hazard last month: the test wants an empty ledger")
	}
	pick := func(m string) {
		c.run("pick "+m, chromedp.Evaluate[chromedp.Void](`(() => { const m = document.getElementById('ledger-month'); m.value = '`+m+`';
			m.dispatchEvent(new Event('change', { bubbles: true })); })()`),
			waitJS(`['inspections', 'hazards', 'documents'].every((n) => document.getElementById('count-' + n).dataset.state === 'ready')`))
	}
	pick(this)
	wantCounts(thisFrom, thisTo, this, "zh")
	if n := apiCount("hazards", thisFrom, thisTo); n != 1 {
		t.Errorf("%d hazards this month, want the visit's 1", n)
	}
	title := get(c, "the hazard ledger's title", chromedp.Text(chromedp.CSS("#heading-hazards")))
	if !strings.HasPrefix(title, "聊城市东昌府区古楼派出所 ") || !strings.HasSuffix(title, thisFrom+" 至 "+thisTo) {
		t.Errorf("the hazard ledger's title %q", title)
	}
	c.run("download this month's hazard ledger", chromedp.Click(chromedp.CSS("#export-hazards-xlsx")),
		chromedp.WaitVisible(chromedp.CSS(`#ledger-status[data-state="done"]`)))
	if file := get(c, "ledger file", chromedp.AttributeValue(chromedp.CSS("#ledger-status"), "data-file")); !strings.HasPrefix(file.Value, "隐患台账-") || !strings.HasSuffix(file.Value, ".xlsx") {
		t.Errorf("the hazard ledger was saved as %q", file.Value)
	}
	// A filter changes the count too.
	c.run("keep verified hazards", chromedp.SetValue(chromedp.CSS("#lh-status"), "verified"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('lh-status').dispatchEvent(new Event('change', { bubbles: true }))`),
		waitJS(`document.getElementById('count-hazards').dataset.count === '0'`))
	c.run("any status again", chromedp.SetValue(chromedp.CSS("#lh-status"), ""),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('lh-status').dispatchEvent(new Event('change', { bubbles: true }))`),
		waitJS(`document.getElementById('count-hazards').dataset.count === '1'`))

	c.run("English", chromedp.Evaluate[chromedp.Void](`localStorage.setItem('jx.lang', 'en')`), chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#count-hazards[data-state="ready"]`)),
		waitJS(`['inspections', 'hazards', 'documents'].every((n) => document.getElementById('count-' + n).dataset.state === 'ready')`))
	if got := get(c, "the month", eval[string](`document.getElementById('ledger-month').value`)); got != last {
		t.Errorf("the page opens on %q after a reload, want last month %q", got, last)
	}
	wantCounts(lastFrom, lastTo, last, "en")
	pick(this)
	wantCounts(thisFrom, thisTo, this, "en")

	// The work page asks for the open statuses the vocabulary marks, not a
	// list of its own.
	q := get(c, "the reinspections' query", eval[map[string]string](`import('/js/work.js').then((m) => m.workQuery('reinspections', { grid_id: '', officer: '' }))`))
	var open []string
	for _, s := range vocab.OpenInspectionStatuses {
		open = append(open, string(s))
	}
	if q["status"] != strings.Join(open, ",") {
		t.Errorf("the work page asks for reinspections of status %q, want the vocabulary's open ones %v", q["status"], open)
	}
	c.noErrors()
}
