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
)

// stickerText is pdftotext's text of a sticker PDF answer, by page.
func stickerText(t *testing.T, r *apptest.Response) []string {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Fatalf("content type %q: %s", ct, r.Body)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (poppler-utils)")
		}
		t.Skip("pdftotext is missing: make test installs poppler-utils")
	}
	f := filepath.Join(t.TempDir(), "stickers.pdf")
	if err := os.WriteFile(f, r.Body, 0o644); err != nil {
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
