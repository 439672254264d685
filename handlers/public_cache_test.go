package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// venuePageOf is the public page of code, as a phone gets it.
func venuePageOf(e *apptest.Env, code string, header map[string]string) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodGet, Path: "/v/" + code, Header: header})
}

// Ensure a venue's public page is kept for PUBLIC_PAGE_TTL (a change made
// behind the service's back is not seen within it), with its ETag and 304;
// that a rotation stops the old code at once and a change of the venue
// through the API shows at once; and that with PUBLIC_PAGE_TTL=0 every
// request reads the venue.
func TestPublicPageCache(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 54, Config: func(c *app.Config) { c.PublicPageTTL = time.Hour }})
	vid, code, _ := gridVenue(t, e)
	e.DB.Exec("UPDATE venues SET name = '甲记小吃' WHERE id = ?", vid)
	first := venuePageOf(e, code, nil).Must(t, http.StatusOK)
	apptest.True(t, "the page names the venue", strings.Contains(string(first.Body), "甲记小吃"), string(first.Body))
	etag := first.Header.Get("ETag")
	apptest.Equal(t, "revalidated every time", first.Header.Get("Cache-Control"), "no-cache")

	e.DB.Exec("UPDATE venues SET name = '乙记小吃' WHERE id = ?", vid)
	kept := venuePageOf(e, code, nil).Must(t, http.StatusOK)
	apptest.True(t, "kept within the TTL", strings.Contains(string(kept.Body), "甲记小吃"), string(kept.Body))
	apptest.Equal(t, "the same ETag", kept.Header.Get("ETag"), etag)
	venuePageOf(e, code, map[string]string{"If-None-Match": etag}).Must(t, http.StatusNotModified)

	// A change through the API is on the page at once.
	v := e.Get("sup-dcf-1", "/api/v1/venues/"+vid).Must(t, http.StatusOK).Map(t)
	e.Do(apptest.Request{Method: http.MethodPatch, Path: "/api/v1/venues/" + vid, As: "sup-dcf-1",
		Body: map[string]any{"name": "丙记小吃", "version": v["version"]}}).Must(t, http.StatusOK)
	changed := venuePageOf(e, code, nil).Must(t, http.StatusOK)
	apptest.True(t, "the change shows at once", strings.Contains(string(changed.Body), "丙记小吃"), string(changed.Body))
	venuePageOf(e, code, map[string]string{"If-None-Match": etag}).Must(t, http.StatusOK)

	// A rotated code stops at once; the new one works.
	next := e.Post("sup-dcf-1", "/api/v1/venues/"+vid+"/public-code", nil).Must(t, http.StatusOK).Map(t)["public_code"].(string)
	venuePageOf(e, code, nil).Must(t, http.StatusNotFound)
	venuePageOf(e, next, nil).Must(t, http.StatusOK)
	// An unknown code is not kept: it keeps answering 404.
	venuePageOf(e, code, nil).Must(t, http.StatusNotFound)

	// Without the cache every request reads the venue.
	off := apptest.New(t, apptest.Options{Venues: 54, Config: func(c *app.Config) { c.PublicPageTTL = 0 }})
	ovid, ocode, _ := gridVenue(t, off)
	venuePageOf(off, ocode, nil).Must(t, http.StatusOK)
	off.DB.Exec("UPDATE venues SET name = '丁记小吃' WHERE id = ?", ovid)
	now := venuePageOf(off, ocode, nil).Must(t, http.StatusOK)
	apptest.True(t, "no cache: the change shows at once", strings.Contains(string(now.Body), "丁记小吃"), string(now.Body))
}
