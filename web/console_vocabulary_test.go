package web_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// TestConsoleVocabulary proves that the console takes the words it shows
// for terms from GET /api/v1/vocabulary, and from nowhere else: the browser
// is served a vocabulary in which every label is rewritten, and every page
// must then show the rewritten labels, and no leaf element may still say a
// label of the real vocabulary.
func TestConsoleVocabulary(t *testing.T) {
	c := startConsole(t, 60)
	env := c.env
	f := prepare(t, env, time.Now().In(env.Cfg.Location))
	real, body := getVocabulary(t, env)
	realSets := map[string]struct{ ZH, EN string }{}

	// The rewritten vocabulary: 〔value〕 in Chinese, <value> in English.
	type term struct {
		Value string `json:"value"`
		ZH    string `json:"zh"`
		EN    string `json:"en"`
	}
	var answer struct {
		Sets []struct {
			Name  string `json:"name"`
			ZH    string `json:"zh"`
			EN    string `json:"en"`
			Terms []term `json:"terms"`
		} `json:"sets"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		t.Fatal(err)
	}
	fake := vocabulary{}
	for i, s := range answer.Sets {
		realSets[s.Name] = struct{ ZH, EN string }{s.ZH, s.EN}
		fake[s.Name] = map[string]struct{ ZH, EN string }{}
		answer.Sets[i].ZH, answer.Sets[i].EN = "〔"+s.Name+"〕", "<"+s.Name+">"
		for j, tm := range s.Terms {
			zh, en := "〔"+tm.Value+"〕", "<"+tm.Value+">"
			answer.Sets[i].Terms[j].ZH, answer.Sets[i].Terms[j].EN = zh, en
			fake[s.Name][tm.Value] = struct{ ZH, EN string }{zh, en}
		}
	}
	rewritten, err := json.Marshal(answer)
	if err != nil {
		t.Fatal(err)
	}

	// Answer the console's requests for the vocabulary with the rewritten one.
	paused := chromedp.Events(c.ctx, fetch.RequestPaused)
	if _, err := chromedp.Call(c.ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
		{URLPattern: "*/api/v1/vocabulary*", RequestStage: fetch.RequestStageRequest}}}); err != nil {
		t.Fatalf("enable request interception: %v", err)
	}
	served := make(chan struct{}, 10)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			_, err := chromedp.Call(c.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: http.StatusOK,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/json"}}, Body: rewritten})
			if err != nil {
				c.addError("answer the vocabulary: " + err.Error())
			}
			served <- struct{}{}
		}
	}()

	c.run("open the console", chromedp.Navigate(c.base+"/"))
	select {
	case <-served:
	case <-time.After(30 * time.Second):
		t.Fatal("the console did not ask for the vocabulary")
	}
	c.login("sup-dcf-1")
	pages := []struct{ what, hash, ready string }{
		{"the dashboard", "#/dashboard", `#figures[data-state="ready"]`},
		{"an inspection", "#/review/inspection/" + f.returned, `#inspection-detail #checklist`},
		{"a hazard", "#/review/hazard/" + f.deadline, `#hazard-detail [data-test="hazard-status"]`},
		{"the venues", "#/venues", `#venue-results[data-state="ready"] #venue-table`},
		{"a venue", "#/venues/" + f.venue, `#venue-hazards`},
		{"the ledgers", "#/ledgers", `#li-status`},
	}
	for _, lang := range []string{"zh", "en"} {
		if lang == "en" {
			c.run("switch to English", chromedp.Click(chromedp.CSS("#lang-toggle")), waitJS(`document.documentElement.lang === 'en'`))
		}
		for _, p := range pages {
			c.run(p.what, goTo(p.hash), chromedp.WaitVisible(chromedp.CSS(p.ready)))
			c.checkTerms(p.what+" ("+lang+")", fake, lang)
			c.noRealLabels(p.what+" ("+lang+")", real, realSets, lang)
		}
	}
	// The filters of the ledgers list the set's values with their labels.
	opts := get(c, "the status filter", eval[[]string](`[...document.querySelectorAll('#li-status option')].map(o => o.textContent)`))
	if len(opts) != len(real["inspection_status"])+1 || opts[1] != fake["inspection_status"]["scheduled"].EN {
		t.Errorf("the ledger's status filter offers %q", opts)
	}
	c.noErrors()
}

// noRealLabels fails when a piece of text on the page (a text node, or an
// option) says exactly a label of the real vocabulary, of a term or of a
// set: a word the console wrote itself instead of taking it from the
// vocabulary it was served.
func (c *console) noRealLabels(where string, real vocabulary, sets map[string]struct{ ZH, EN string }, lang string) {
	c.t.Helper()
	texts := get(c, "read the page "+where, eval[[]string](`(() => {
		const out = [];
		const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const s = n.textContent.trim();
			if (s && n.parentElement.closest('[hidden]') === null) out.push(s);
		}
		return out;
	})()`))
	pick := func(l struct{ ZH, EN string }) string {
		if lang == "en" {
			return l.EN
		}
		return l.ZH
	}
	labels := map[string]string{}
	for set, terms := range real {
		labels[pick(sets[set])] = "the set " + set
		for value, l := range terms {
			labels[pick(l)] = set + " " + value
		}
	}
	for _, s := range texts {
		if term, ok := labels[s]; ok {
			c.t.Errorf("%s shows %q (%s) although the vocabulary served says otherwise", where, s, term)
		}
	}
}
