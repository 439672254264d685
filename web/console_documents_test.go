package web_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
)

// Ensure the console shows a station's documents to serve, a venue's and
// an inspection's documents with a link to each PDF, and voids one with a
// reason, on a desktop (1366×768) and a phone (390×844) screen.
func TestConsoleDocuments(t *testing.T) {
	c := startConsole(t, 54)
	env := c.env
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	var v venue
	if err := env.DB.Raw("SELECT id::text, category, lat, lng FROM venues WHERE grid_id = ? ORDER BY id LIMIT 1", env.Unit("dcf-1-g1")).Scan(&v).Error; err != nil || v.ID == "" {
		t.Fatalf("no venue: %v", err)
	}
	deadline := time.Now().In(env.Cfg.Location).AddDate(0, 0, 10).Format("2006-01-02")
	visitOne := func() string {
		return visit(t, env, off, v, 0, func(codes []string) ([]map[string]any, []string) {
			return []map[string]any{{"id": uuid.NewString(), "code": codes[0], "severity": "major", "description": "安全出口上锁",
				"fix_mode": "deadline", "deadline": deadline}}, codes[:1]
		}, "")
	}
	in := visitOne()
	var orders []string
	env.DB.Raw("SELECT id::text FROM documents WHERE inspection_id = ? AND kind = 'deadline_order'", in).Scan(&orders)
	if len(orders) != 1 {
		t.Fatalf("deadline orders of the visit: %v", orders)
	}

	c.run("open the console", chromedp.Navigate(c.base+"/"))
	c.login(sup)
	c.run("wait for the dashboard", chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	parent := c.t
	defer func() { c.t = parent }()
	for i, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1366, 768}, {"phone", 390, 844}} {
		t.Run(size.name, func(t *testing.T) {
			c.t = t
			c.run("resize", chromedp.EmulateViewport(size.w, size.h))
			// The station's list of documents to serve.
			c.run("open the documents", goTo("#/ledgers"), chromedp.WaitVisible(chromedp.CSS("#ledger-documents")), goTo("#/documents"), chromedp.WaitVisible(chromedp.CSS(`#documents-list[data-count] #documents-table`)))
			row := fmt.Sprintf(`#documents-table tr[data-id=%q]`, orders[0])
			c.run("see the order", chromedp.WaitVisible(css("%s a[data-action=pdf]", row)))
			number := get(c, "its number", chromedp.Text(css("%s .doc-number", row)))
			if number == "" || number[:len("聊东")] != "聊东" {
				t.Errorf("the order's number shows %q", number)
			}
			if n := get(c, "the kind's label", eval[int](fmt.Sprintf(`document.querySelectorAll('%s [data-set=document_kind][data-value=deadline_order]').length`, row))); n != 1 {
				t.Errorf("the order's kind is not shown from the vocabulary (%d)", n)
			}
			// The PDF link fetches the PDF with the tab's token (kept in the
			// console's memory: the same module the page uses).
			ok := get(c, "fetch the PDF", eval[bool](fmt.Sprintf(`(async () => { const { raw } = await import('/js/api.js');
				const r = await raw('GET', '/documents/%s/pdf');
				return r.ok && r.headers.get('Content-Type') === 'application/pdf'; })()`, orders[0])))
			if !ok {
				t.Error("the document's PDF cannot be fetched with the console's token")
			}
			c.screenshot(fmt.Sprintf("documents-%s.png", size.name))

			// The venue's and the inspection's documents.
			c.run("open the venue", goTo("#/venues/"+v.ID), chromedp.WaitVisible(css(`#venue-documents tr[data-id=%q]`, orders[0])))
			c.run("open the inspection", goTo("#/review/inspection/"+in), chromedp.WaitVisible(css(`#inspection-documents tr[data-id=%q]`, orders[0])))
			if i == 0 {
				c.screenshot("inspection-documents.png")
			}

			// Void with a reason (the prompt answered).
			c.run("void it", goTo("#/documents"), chromedp.WaitVisible(css("%s button[data-action=void]", row)),
				chromedp.Evaluate[chromedp.Void](`window.prompt = () => '期限写错，重新开具'`),
				chromedp.Click(css("%s button[data-action=void]", row)),
				waitJS(fmt.Sprintf(`!document.querySelector('%s')`, row)))
			var got struct{ Status, VoidReason string }
			env.DB.Raw("SELECT status, void_reason FROM documents WHERE id = ?", orders[0]).Scan(&got)
			if got.Status != "void" || got.VoidReason != "期限写错，重新开具" {
				t.Errorf("after voiding in the console: %+v", got)
			}
			// The next visit's order for the other screen.
			in = visitOne()
			orders = nil
			env.DB.Raw("SELECT id::text FROM documents WHERE inspection_id = ? AND kind = 'deadline_order'", in).Scan(&orders)
			_ = http.StatusOK
		})
		c.t = parent
	}
	c.noErrors()
}
