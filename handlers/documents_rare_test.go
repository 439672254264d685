package handlers_test

import (
	"os"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/forms"
)

// Ensure a venue named with a character beyond the basic plane (𠮷,
// U+20BB7) and a rare one of Ext-A (㵘) prints both as themselves on its
// order when the fallback fonts (fonts-hanazono, which make test installs)
// are there, and 𠮷 as its code point when they are not.
func TestDocumentRareCharacters(t *testing.T) {
	t.Parallel()
	e := docEnv(t, "2026-06-03", 0)
	const off = "off-dcf-1-g1"
	venue := e.Venue(t, "dcf-1-g1", "name", "𠮷野家小吃", "address", "聊城市东昌府区㵘河路9号")
	in := docVisit(t, e, off, venue, apptest.Hazard("evacuation_route", "major", "deadline", "2026-06-20"))
	order := docsOf(t, e, off, "inspection_id="+in)["deadline_order"]
	if order == nil {
		t.Fatal("no deadline order")
	}
	text := docText(t, e, off, order["id"].(string))
	wantText(t, "deadline order", text, "㵘河路9号")
	if _, err := os.Stat(forms.DebianFallbackFonts[1]); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("fonts-hanazono is missing")
		}
		wantText(t, "deadline order without fonts-hanazono", text, forms.Missing('𠮷')+"野家小吃")
		return
	}
	wantText(t, "deadline order", text, "𠮷野家小吃")
}
