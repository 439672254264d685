package handlers_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// printedLink is the owner invitation's link an order's paper prints, or "".
var printedLink = regexp.MustCompile(`https://jx\.example\.gov\.cn/o/invite/[A-Za-z0-9_-]{43}`)

func orderInvite(t *testing.T, e *apptest.Env, as, doc string) string {
	t.Helper()
	text := docText(t, e, as, doc)
	link := printedLink.FindString(text)
	if link != "" && !strings.Contains(text, "场所负责人请扫码") {
		t.Fatalf("a link without its words: %s", text)
	}
	return link
}

// Ensure an order served on a venue without an owner carries an owner
// invitation: the same link on every printing and on the venue's next
// order, one that works like any other (a code to the phone on file, then
// an owner session), and gone from the paper once used; a venue with no
// mobile number on file, or with an owner already, gets none.
func TestPrintedInvite(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 54, Config: func(c *app.Config) { c.PublicBaseURL = "https://jx.example.gov.cn/" }})
	const officer = "off-dcf-1-g1"
	fx := ownerFixture(t, e, officer, "dcf-1-g1", "13912345678", 0)
	link := orderInvite(t, e, officer, fx.Document)
	apptest.True(t, "the order prints an invitation", link != "", link)
	apptest.Equal(t, "the same link on the next printing", orderInvite(t, e, "sup-dcf-1", fx.Document), link)

	invites := e.Get(officer, "/api/v1/venues/"+fx.Venue+"/owner-invites").Must(t, http.StatusOK).Map(t)["items"].([]any)
	apptest.Equal(t, "one invitation", len(invites), 1)
	inv := invites[0].(map[string]any)
	apptest.Equal(t, "printed", inv["printed"], true)
	apptest.Equal(t, "pending", inv["status"], "pending")
	apptest.Equal(t, "no token in the list", inv["token"], nil)
	var stored int
	e.DB.Raw("SELECT count(*) FROM owner_invites i WHERE strpos(i::text, ?) > 0", strings.TrimPrefix(link, "https://jx.example.gov.cn/o/invite/")).Scan(&stored)
	apptest.Equal(t, "the token is not stored", stored, 0)

	// The venue's next order, while the invitation is open, prints it too.
	second := ownerFixture(t, e, officer, "dcf-1-g1", "13912345678", 0)
	apptest.Equal(t, "the next order shares it", orderInvite(t, e, officer, second.Document), link)

	// The inspection record is no order: it carries none.
	var record string
	e.DB.Raw("SELECT id::text FROM documents WHERE inspection_id = ? AND kind = 'inspection_record'", fx.Inspection).Scan(&record)
	apptest.Equal(t, "no invitation on the record", orderInvite(t, e, officer, record), "")

	// The printed link works once, like any invitation.
	tok := strings.TrimPrefix(link, "https://jx.example.gov.cn/o/invite/")
	e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/owner-invites/" + tok + "/code"}).Must(t, http.StatusAccepted)
	r := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/owner-invites/" + tok + "/confirm",
		Body: map[string]any{"code": ownerCode(t, e, fx.Phone)}}).Must(t, http.StatusCreated)
	cookie := ownerCookieOf(t, r)
	home := ownerDo(e, cookie, "GET", "/api/v1/owner/venue", nil).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "the owner's venue", home["venue"].(map[string]any)["id"], fx.Venue)
	e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/owner-invites/" + tok + "/code"}).Must(t, http.StatusNotFound)
	apptest.Equal(t, "a used invitation leaves the paper", orderInvite(t, e, officer, fx.Document), "")

	// The venue has an owner now: its next order carries no invitation.
	third := ownerFixture(t, e, officer, "dcf-1-g1", "13912345678", 0)
	apptest.Equal(t, "no invitation for a venue with an owner", orderInvite(t, e, officer, third.Document), "")

	// A venue with no mobile number on file: none either.
	landline := ownerFixture(t, e, officer, "dcf-1-g1", "0635-8888888", 1)
	apptest.Equal(t, "no invitation without a mobile", orderInvite(t, e, officer, landline.Document), "")
}
