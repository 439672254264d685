package handlers_test

import (
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// TestVocabulary: GET /api/v1/vocabulary answers every set of the
// vocabulary, without a login, with an ETag that a conditional request
// turns into a 304.
func TestVocabulary(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	const path = "/api/v1/vocabulary"

	t.Run("OK", func(t *testing.T) {
		// Ensure anyone gets every set and term, in the vocabulary's order.
		for _, as := range []string{"", "off-dcf-1-g1", "admin"} {
			r := e.Get(as, path).Must(t, http.StatusOK)
			var got struct{ Sets []vocab.Listing }
			r.JSON(t, &got)
			if want := vocab.All(); !reflect.DeepEqual(got.Sets, want) {
				t.Errorf("as %q: the sets\n\t%+v\nwant\n\t%+v", as, got.Sets, want)
			}
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("as %q: Content-Type %q", as, ct)
			}
		}
	})

	t.Run("OK/Cache", func(t *testing.T) {
		// Ensure the answer is cacheable, and that a client holding it
		// gets a 304 without a body, however it spells If-None-Match.
		r := e.Get("", path).Must(t, http.StatusOK)
		etag, cc := r.Header.Get("ETag"), r.Header.Get("Cache-Control")
		if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
			t.Fatalf("ETag %q, want a quoted hash", etag)
		}
		if cc != "public, no-cache" {
			t.Errorf("Cache-Control %q, want public, no-cache", cc)
		}
		if again := e.Get("", path).Must(t, http.StatusOK).Header.Get("ETag"); again != etag {
			t.Errorf("the ETag changed from %s to %s", etag, again)
		}
		for _, match := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
			nm := e.Do(apptest.Request{Method: http.MethodGet, Path: path, Header: map[string]string{"If-None-Match": match}}).Must(t, http.StatusNotModified)
			if len(nm.Body) != 0 || nm.Header.Get("ETag") != etag {
				t.Errorf("If-None-Match %s: 304 with body %q and ETag %q", match, nm.Body, nm.Header.Get("ETag"))
			}
		}
		for _, match := range []string{`"other"`, strings.TrimSuffix(etag, `"`) + `x"`} {
			e.Do(apptest.Request{Method: http.MethodGet, Path: path, Header: map[string]string{"If-None-Match": match}}).Must(t, http.StatusOK)
		}
	})

	t.Run("OK/BadToken", func(t *testing.T) {
		// Ensure a stale token does not stand in the way: no login is needed.
		e.Do(apptest.Request{Method: http.MethodGet, Path: path, Token: "not-a-jwt"}).Must(t, http.StatusOK)
	})
}

// TestOpenAPIEnums: each set of the vocabulary is a schema of openapi.yaml,
// named as the set in CamelCase, whose enum is the set's values in order.
func TestOpenAPIEnums(t *testing.T) {
	t.Parallel()
	doc := oaLoad(t)
	for _, set := range vocab.All() {
		name := ""
		for _, part := range strings.Split(set.Name, "_") {
			name += strings.ToUpper(part[:1]) + part[1:]
		}
		ref := doc.Components.Schemas[name]
		if ref == nil || ref.Value == nil {
			t.Errorf("openapi.yaml has no schema %s for the vocabulary's set %s", name, set.Name)
			continue
		}
		var got, want []string
		for _, v := range ref.Value.Enum {
			s, _ := v.(string)
			got = append(got, s)
		}
		for _, tm := range set.Terms {
			want = append(want, tm.Value)
		}
		if !slices.Equal(got, want) {
			t.Errorf("schema %s: enum %v, the vocabulary has %v", name, got, want)
		}
	}
}
