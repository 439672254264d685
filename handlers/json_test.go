package handlers_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/handlers"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// Ensure the answers' encoder writes what encoding/json writes, value for
// value, and differs from it only as handlers/json.go says: HTML
// characters and the line separators as they are, and a MarshalJSON
// method's output (a jsonb value's spaces) as it is.
func TestAnswersEncoding(t *testing.T) {
	t.Parallel()
	type inner struct {
		Name string `json:"name"`
	}
	type answer struct {
		Text     string             `json:"text"`
		Bad      string             `json:"bad"`
		Counts   map[string]int     `json:"counts"`
		At       time.Time          `json:"at"`
		Due      schedules.Date     `json:"due"`
		NoDate   schedules.Date     `json:"no_date"`
		ID       uuid.UUID          `json:"id"`
		Maybe    *uuid.UUID         `json:"maybe"`
		Raw      json.RawMessage    `json:"raw"`
		NoRaw    json.RawMessage    `json:"no_raw"`
		None     []string           `json:"none"`
		Empty    []string           `json:"empty"`
		Skipped  string             `json:"skipped,omitempty"`
		Big      float64            `json:"big"`
		Small    float64            `json:"small"`
		Nested   []inner            `json:"nested"`
		Anything map[string]any     `json:"anything"`
		ByID     map[uuid.UUID]bool `json:"by_id"`
		inner
	}
	v := answer{
		Text: "柳园路 <12号> & \"B\"\\\t\u2028", Bad: "a\xffb\x01", Counts: map[string]int{"z": 1, "a": 2, "m": 3},
		At: time.Date(2026, 12, 2, 18, 3, 55, 123456000, time.FixedZone("CST", 8*3600)), Due: schedules.NewDate(2026, 12, 31),
		ID: uuid.MustParse("0193e0a0-0000-7000-8000-000000000001"), Raw: json.RawMessage(`{"month": "2026-11", "failed": ["exits"]}`),
		Empty: []string{}, Big: 1e21, Small: 0.000001234, Nested: []inner{{"店"}}, Anything: map[string]any{"y": 1.5, "b": nil},
		ByID: map[uuid.UUID]bool{uuid.MustParse("0193e0a0-0000-7000-8000-000000000002"): true}, inner: inner{"embedded"},
	}
	got, err := handlers.MarshalJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("the answer differs from encoding/json's:\n got %s\nwant %s", got, want)
	}
	for _, part := range []string{`"text":"柳园路 <12号> & \"B\"\\\t` + "\u2028" + `"`, `"bad":"a\ufffdb\u0001"`, `"counts":{"a":2,"m":3,"z":1}`,
		`"raw":{"month": "2026-11", "failed": ["exits"]}`, `"no_raw":null`, `"due":"2026-12-31"`, `"no_date":null`, `"none":null`, `"empty":[]`} {
		if !strings.Contains(string(got), part) {
			t.Errorf("the answer has no %s:\n%s", part, got)
		}
	}
}
