package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The helpers below are shared by the handler tests of this package; the
// builders of what they need (venues, photos, inspections, hazards) are in
// app/apptest.

// problem is an RFC 9457 problem body.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// wantProblem fails unless r is problem JSON with the given status and, when
// field is not empty, an error naming that field.
func wantProblem(t *testing.T, r *apptest.Response, status int, field string) problem {
	t.Helper()
	r.Must(t, status)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("content type %q, want problem JSON: %s", ct, r.Body)
	}
	var p problem
	r.JSON(t, &p)
	apptest.Equal(t, "problem: p.Status", p.Status, status)
	apptest.True(t, "problem: p.Type is not \"\"", p.Type != "", p.Type)
	apptest.True(t, "problem: p.Title is not \"\"", p.Title != "", p.Title)
	if field != "" && !slices.ContainsFunc(p.Errors, func(e struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	}) bool {
		return e.Field == field && e.Message != ""
	}) {
		t.Fatalf("errors %+v do not name %q", p.Errors, field)
	}
	return p
}

// count is the number of rows of a table, or of a query's result.
func count(t *testing.T, e *apptest.Env, sql string, args ...any) int {
	t.Helper()
	if !strings.Contains(sql, " ") {
		sql = "SELECT count(*) FROM " + sql
	}
	var n int64
	if err := e.DB.Raw(sql, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return int(n)
}

// rowCounts counts the rows of the given tables, to show that a refused
// request wrote nothing.
func rowCounts(t *testing.T, e *apptest.Env, tables ...string) map[string]int {
	t.Helper()
	out := make(map[string]int, len(tables))
	for _, tb := range tables {
		out[tb] = count(t, e, tb)
	}
	return out
}

// sameCounts fails when a table's row count moved since before.
func sameCounts(t *testing.T, e *apptest.Env, before map[string]int) {
	t.Helper()
	for tb, n := range before {
		if got := count(t, e, tb); got != n {
			t.Errorf("%s has %d rows, had %d: something was written", tb, got, n)
		}
	}
}

// page is one page of a list.
type page struct {
	Items      []map[string]any `json:"items"`
	NextCursor *string          `json:"next_cursor"`
}

// list gets one page.
func list(t *testing.T, e *apptest.Env, as, path string) page {
	t.Helper()
	var p page
	e.Get(as, path).Must(t, http.StatusOK).JSON(t, &p)
	if p.Items == nil {
		t.Fatalf("GET %s: items is not an array", path)
	}
	return p
}

// walk follows next_cursor from the first page of path to the last and
// returns every item and the size of each page.
func walk(t *testing.T, e *apptest.Env, as, path string) (items []map[string]any, sizes []int) {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	next := path
	for range 1000 {
		p := list(t, e, as, next)
		items = append(items, p.Items...)
		sizes = append(sizes, len(p.Items))
		if p.NextCursor == nil {
			return items, sizes
		}
		if *p.NextCursor == "" {
			t.Fatalf("GET %s: empty next_cursor", next)
		}
		next = path + sep + "cursor=" + url.QueryEscape(*p.NextCursor)
	}
	t.Fatalf("GET %s: more than 1000 pages", path)
	return nil, nil
}

// ids are the "id" fields of items, failing on a duplicate.
func ids(t *testing.T, items []map[string]any) map[string]bool {
	t.Helper()
	out := make(map[string]bool, len(items))
	for _, it := range items {
		id, _ := it["id"].(string)
		if id == "" {
			t.Fatalf("item without an id: %v", it)
		}
		if out[id] {
			t.Fatalf("id %s is listed twice", id)
		}
		out[id] = true
	}
	return out
}

// dbIDs are the ids a query returns, as text.
func dbIDs(t *testing.T, e *apptest.Env, sql string, args ...any) map[string]bool {
	t.Helper()
	var rows []string
	if err := e.DB.Raw(sql, args...).Scan(&rows).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	out := make(map[string]bool, len(rows))
	for _, r := range rows {
		out[r] = true
	}
	return out
}

// sameSet fails unless got and want hold the same ids.
func sameSet(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	for id := range want {
		if !got[id] {
			t.Errorf("%s: %s is missing", what, id)
		}
	}
	for id := range got {
		if !want[id] {
			t.Errorf("%s: %s should not be there", what, id)
		}
	}
}

// sameAsStored fails unless answer, the response to a write, equals what a
// GET of path answers now, field by field.
func sameAsStored(t *testing.T, e *apptest.Env, path string, answer map[string]any) {
	t.Helper()
	read := e.Get("admin", path).Must(t, http.StatusOK).Map(t)
	if len(read) != len(answer) {
		t.Errorf("the write answered %d fields, a read %d", len(answer), len(read))
	}
	for f, v := range read {
		if fmt.Sprint(answer[f]) != fmt.Sprint(v) {
			t.Errorf("%s: the write answered %v, a read %v", f, answer[f], v)
		}
	}
}

// patch sends a PATCH as the given user.
func patch(e *apptest.Env, as, path string, body any, header map[string]string) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodPatch, Path: path, As: as, Body: body, Header: header})
}

// strs are the strings of a JSON array.
func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// fieldTables are the tables that field work writes.
var fieldTables = []string{"inspections", "hazards", "hazard_photos", "photos", "audit_log", "reclassifications", "venues"}
