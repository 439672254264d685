package apptest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Equal fails the test unless got equals want (reflect.DeepEqual), naming
// what was compared and showing both, so a failure says which field.
func Equal(t testing.TB, what string, got, want any) {
	t.Helper()
	if !same(got, want) {
		t.Fatalf("%s = %s, want %s", what, show(got), show(want))
	}
}

// same is reflect.DeepEqual, except that numbers of different types are
// compared by value (a JSON 2 is float64(2), a count int64(2)).
func same(got, want any) bool {
	g, gok := number(got)
	w, wok := number(want)
	if gok && wok {
		return g == w
	}
	return reflect.DeepEqual(got, want)
}

func number(v any) (float64, bool) {
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(r.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(r.Uint()), true
	case reflect.Float32, reflect.Float64:
		return r.Float(), true
	}
	return 0, false
}

// True fails the test unless ok, saying what should have held and, when
// given, the value that did not.
func True(t testing.TB, what string, ok bool, got ...any) {
	t.Helper()
	if !ok {
		if len(got) > 0 {
			t.Fatalf("%s: not so for %s", what, show(got[0]))
		}
		t.Fatalf("%s: not so", what)
	}
}

// present is the want of Fields for "any value but null or missing".
type present struct{}

// Present, as a value of Fields' want, accepts any value but JSON null or a
// missing field.
var Present any = present{}

// Fields fails the test unless each field of want is in got with the value
// wanted (Present: any non-null value). JSON numbers are float64, JSON
// arrays []any; a want of []string is compared with an array of strings.
// It reports every field that differs, then stops the test.
func Fields(t testing.TB, what string, got map[string]any, want map[string]any) {
	t.Helper()
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var bad []string
	for _, k := range keys {
		g, ok := got[k]
		w := want[k]
		switch wv := w.(type) {
		case present:
			if !ok || g == nil {
				bad = append(bad, fmt.Sprintf("%s.%s = %s, want a value", what, k, show(g)))
			}
			continue
		case []string:
			g = stringsOf(g)
			w = wv
		}
		if !ok && w != nil {
			bad = append(bad, fmt.Sprintf("%s.%s is missing, want %s", what, k, show(w)))
		} else if !same(g, w) {
			bad = append(bad, fmt.Sprintf("%s.%s = %s, want %s", what, k, show(g), show(w)))
		}
	}
	if len(bad) > 0 {
		t.Fatalf("%s\n(%s: %v)", strings.Join(bad, "\n"), what, got)
	}
}

// stringsOf is a JSON array of strings as []string, or v itself.
func stringsOf(v any) any {
	a, ok := v.([]any)
	if !ok {
		return v
	}
	out := make([]string, len(a))
	for i, x := range a {
		s, ok := x.(string)
		if !ok {
			return v
		}
		out[i] = s
	}
	return out
}

// show is a value as %v, with its type when that could mislead (1 and "1").
func show(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", v)
	case bool, float64, int, int64:
		return fmt.Sprintf("%v (%T)", v, v)
	}
	return fmt.Sprintf("%v", v)
}
