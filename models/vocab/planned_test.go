package vocab

import (
	"slices"
	"testing"
)

func TestPlannedKinds(t *testing.T) {
	// Ensure the schedule's kinds are every kind but ad hoc, the rule the
	// stats triggers (kind <> 'ad_hoc') and GET /inspections?planned= share.
	for _, k := range InspectionKinds.Values() {
		if k.Planned() == (k == AdHoc) {
			t.Errorf("%s: planned = %v", k, k.Planned())
		}
	}
	want := []InspectionKind{Routine, Reinspection, Complaint}
	if got := PlannedInspectionKinds(); !slices.Equal(got, want) {
		t.Errorf("PlannedInspectionKinds() = %v, want %v", got, want)
	}
	if InspectionKind("nonsense").Planned() {
		t.Error("an unknown kind is planned")
	}
}
