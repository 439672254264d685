package handlers_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
)

// stickerText is pdftotext's text of a sticker PDF answer, by page.
func stickerText(t *testing.T, r *apptest.Response) []string {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Fatalf("content type %q: %s", ct, r.Body)
	}
	return pdfPages(t, r.Body)
}

// pdfPages is the text pdftotext reads from a PDF, by page, with spaces
// and line breaks taken out (a skip when poppler is missing outside CI;
// make test installs it).
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (poppler-utils)")
		}
		t.Skip("pdftotext is missing: make test installs poppler-utils")
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	for i := range pages {
		pages[i] = strings.Join(strings.Fields(pages[i]), "")
	}
	return pages[:len(pages)-1]
}

// Ensure a venue's sticker prints its public page's address (under the QR
// code), its name and its station's phone; a rotated code is on the next
// sticker; a grid's batch has a page per active venue; scope holds.
func TestStickers(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 54, Config: func(c *app.Config) { c.PublicBaseURL = "https://jx.example.gov.cn/" }})
	vid, code, _ := gridVenue(t, e)
	station := e.Unit("dcf-1")
	e.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/org-units/" + station, As: "admin",
		Body: map[string]any{"phone": "0635-8110110", "version": 1}}).Must(t, http.StatusOK)
	var name string
	e.DB.Raw("SELECT name FROM venues WHERE id = ?", vid).Scan(&name)

	page := stickerText(t, e.Get(relVictim, "/api/v1/venues/"+vid+"/sticker.pdf").Must(t, http.StatusOK))
	apptest.Equal(t, "pages of one sticker", len(page), 1)
	for _, want := range []string{"https://jx.example.gov.cn/v/" + code, name, "0635-8110110"} {
		apptest.True(t, "the sticker shows "+want, strings.Contains(page[0], strings.Join(strings.Fields(want), "")), page[0])
	}
	next := e.Post("sup-dcf-1", "/api/v1/venues/"+vid+"/public-code", nil).Must(t, http.StatusOK).Map(t)["public_code"].(string)
	page = stickerText(t, e.Get(relVictim, "/api/v1/venues/"+vid+"/sticker.pdf").Must(t, http.StatusOK))
	apptest.True(t, "the new code is printed", strings.Contains(page[0], next) && !strings.Contains(page[0], code), page[0])

	var n int
	e.DB.Raw("SELECT count(*) FROM venues WHERE grid_id = ? AND status = 'active'", e.Unit("dcf-1-g1")).Scan(&n)
	pages := stickerText(t, e.Get("sup-dcf-1", "/api/v1/stickers.pdf?org_unit_id="+e.Unit("dcf-1-g1")).Must(t, http.StatusOK))
	apptest.Equal(t, "a page per venue of the grid", len(pages), n)
	e.Get("off-dcf-1-g2", "/api/v1/venues/"+vid+"/sticker.pdf").Must(t, http.StatusNotFound)
	e.Get(relVictim, "/api/v1/stickers.pdf?org_unit_id="+station).Must(t, http.StatusNotFound)
	e.Get("sup-dcf-2", "/api/v1/stickers.pdf?org_unit_id="+e.Unit("dcf-1-g1")).Must(t, http.StatusNotFound)
	e.Get("sup-dcf-1", "/api/v1/stickers.pdf").Must(t, http.StatusUnprocessableEntity)
}

// Ensure a batch of more than models.MaxStickers venues (2,001 in a grid)
// is refused before any page is drawn, with a problem that says to print
// the grids one by one.
func TestStickersCap(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 54})
	grid := e.Unit("dcf-1-g1")
	var have int
	e.DB.Raw("SELECT count(*) FROM venues WHERE grid_id = ? AND status = 'active'", grid).Scan(&have)
	err := e.DB.Exec(`INSERT INTO venues SELECT (jsonb_populate_record(NULL::venues, to_jsonb(v) || jsonb_build_object(
			'id', gen_random_uuid(), 'public_code', 'cap' || n || md5(random()::text), 'name', v.name || '-' || n, 'license_no', NULL))).*
		FROM (SELECT * FROM venues WHERE grid_id = ? ORDER BY id LIMIT 1) v, generate_series(1, ?) n`, grid, models.MaxStickers+1-have).Error
	if err != nil {
		t.Fatal(err)
	}
	r := e.Get("sup-dcf-1", "/api/v1/stickers.pdf?org_unit_id="+grid).Must(t, http.StatusUnprocessableEntity)
	apptest.True(t, "a problem, not a PDF", strings.Contains(string(r.Body), "print its grids one by one") &&
		r.Header.Get("Content-Type") != "application/pdf", string(r.Body))
	var n int
	e.DB.Raw("SELECT count(*) FROM venues WHERE grid_id = ? AND status = 'active'", grid).Scan(&n)
	apptest.Equal(t, "2,001 active venues", n, models.MaxStickers+1)
}
