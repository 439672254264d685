package handlers_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// TestVenueSearchWords: q matches the name, address, contact, phone and
// licence number, every word somewhere.
func TestVenueSearchWords(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 1})
	const sup = "sup-dcf-1"
	a := e.VenueID(t, "dcf-1-g1", "name", "鑫源超市", "address", "东关街12号", "contact_name", "王建国", "contact_phone", "13905351234")
	b := e.VenueID(t, "dcf-1-g1", "name", "鑫源超市", "address", "西关街3号", "contact_name", "李红", "contact_phone", "13800000001")
	search := func(q string) []string {
		t.Helper()
		var l struct{ Items []struct{ ID string } }
		e.Get(sup, "/api/v1/venues?limit=200&q="+url.QueryEscape(q)).Must(t, http.StatusOK).JSON(t, &l)
		var out []string
		for _, it := range l.Items {
			out = append(out, it.ID)
		}
		slices.Sort(out)
		return out
	}
	both := []string{a, b}
	slices.Sort(both)
	apptest.Equal(t, "鑫源", search("鑫源"), both)
	apptest.Equal(t, "鑫源 东关", search("鑫源 东关"), []string{a})
	apptest.Equal(t, "phone", search("1390535"), []string{a})
	apptest.Equal(t, "contact", search("李红"), []string{b})
	apptest.Equal(t, "no match", len(search("鑫源 南关")), 0)
}
