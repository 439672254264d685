package vocab

import (
	"slices"
	"testing"
)

// TestOpenMarked: the vocabulary marks exactly the open inspection
// statuses (the console's work lists take them from there), and no term of
// any other set.
func TestOpenMarked(t *testing.T) {
	for _, l := range All() {
		var open []string
		for _, term := range l.Terms {
			if term.Open {
				open = append(open, term.Value)
			}
		}
		var want []string
		if l.Name == InspectionStatuses.Name() {
			for _, s := range OpenInspectionStatuses {
				want = append(want, string(s))
			}
		}
		if !slices.Equal(open, want) {
			t.Errorf("%s: marked open %v, want %v", l.Name, open, want)
		}
	}
	for _, s := range InspectionStatuses.Values() {
		if s.Open() != slices.Contains(OpenInspectionStatuses, s) {
			t.Errorf("%s: Open() = %v", s, s.Open())
		}
	}
}
