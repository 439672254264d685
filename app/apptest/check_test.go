package apptest

import (
	"fmt"
	"strings"
	"testing"
)

// fatals keeps what a check reports instead of stopping the test.
type fatals struct {
	testing.TB
	msgs []string
}

func (f *fatals) Helper() {}
func (f *fatals) Fatalf(format string, args ...any) {
	f.msgs = append(f.msgs, strings.TrimSpace(strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", " | ")))
}

func TestChecks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		check func(t testing.TB)
		want  string // "" when the check passes
	}{
		{"OK/Equal", func(t testing.TB) { Equal(t, "status", "open", "open") }, ""},
		{"OK/EqualNumbers", func(t testing.TB) { Equal(t, "count", int64(2), float64(2)) }, ""},
		{"ErrEqual", func(t testing.TB) { Equal(t, "status", "open", "verified") }, `status = "open", want "verified"`},
		{"ErrEqualType", func(t testing.TB) { Equal(t, "version", "2", float64(2)) }, `version = "2", want 2 (float64)`},
		{"OK/True", func(t testing.TB) { True(t, "ok", true) }, ""},
		{"ErrTrue", func(t testing.TB) { True(t, "distance under 300 m", false, 412.5) }, "distance under 300 m: not so for 412.5 (float64)"},
		{"OK/Fields", func(t testing.TB) {
			Fields(t, "hazard", map[string]any{"status": "open", "photo_ids": []any{"p1"}, "at": "x", "deadline": nil},
				map[string]any{"status": "open", "photo_ids": []string{"p1"}, "at": Present, "deadline": nil, "gone": nil})
		}, ""},
		{"ErrFields", func(t testing.TB) {
			Fields(t, "hazard", map[string]any{"status": "open", "at": nil, "version": float64(1)},
				map[string]any{"status": "verified", "at": Present, "version": float64(1), "by": "u1"})
		}, `hazard.at = null, want a value | hazard.by is missing, want "u1" | hazard.status = "open", want "verified"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fatals{TB: t}
			tc.check(f)
			got := strings.Join(f.msgs, "; ")
			if tc.want == "" && got != "" || tc.want != "" && !strings.HasPrefix(got, tc.want) {
				t.Fatalf("reported %q, want %q", got, tc.want)
			}
		})
	}
}
