package models

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/uuid"
)

// wantStep checks one step of a life cycle: to is the status wanted, or ""
// for a ConflictError on "status".
func wantStep(t *testing.T, lc lifeCycle, action, from, to string) {
	t.Helper()
	got, err := lc.Step(action, from)
	if to == "" {
		var c *ConflictError
		if !errors.As(err, &c) || c.Field != "status" {
			t.Fatalf("%s from %s = %q, %v; want a conflict on status", action, from, got, err)
		}
		return
	}
	if err != nil || got != to {
		t.Fatalf("%s from %s = %q, %v; want %q", action, from, got, err, to)
	}
}

// wantLife checks every action of a life cycle from every status: want
// [action][from] is the status reached; absent, the action is refused.
func wantLife(t *testing.T, lc lifeCycle, statuses []string, want map[string]map[string]string) {
	t.Helper()
	if len(lc) != len(want) {
		t.Fatalf("the life cycle has %d actions, the test %d", len(lc), len(want))
	}
	for action, tos := range want {
		for _, from := range statuses {
			t.Run(action+"/"+from, func(t *testing.T) {
				t.Parallel()
				wantStep(t, lc, action, from, tos[from])
			})
		}
	}
}

func TestInspectionLife(t *testing.T) {
	t.Parallel()
	wantLife(t, InspectionLife, InspectionStatuses, map[string]map[string]string{
		ActStart:   {StatusScheduled: StatusInProgress},
		ActSubmit:  {StatusInProgress: StatusSubmitted, StatusReturned: StatusSubmitted},
		ActApprove: {StatusSubmitted: StatusApproved},
		ActReturn:  {StatusSubmitted: StatusReturned},
		ActCancel:  {StatusScheduled: StatusCancelled},
	})
}

func TestHazardLife(t *testing.T) {
	t.Parallel()
	wantLife(t, HazardLife, []string{HazardOpen, HazardRectified, HazardVerified}, map[string]map[string]string{
		ActRectify:   {HazardOpen: HazardRectified},
		ActVerify:    {HazardRectified: HazardVerified},
		ActRejectFix: {HazardRectified: HazardOpen},
		ActReopen:    {HazardOpen: HazardOpen, HazardRectified: HazardOpen, HazardVerified: HazardOpen},
	})
}

func TestReclassificationLife(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ action, from, to string }{
		{ActApproveReclass, ReclassPending, ReclassApproved},
		{ActRejectReclass, ReclassPending, ReclassRejected},
		{ActApproveReclass, ReclassApproved, ""},
		{ActApproveReclass, ReclassRejected, ""},
		{ActRejectReclass, ReclassApproved, ""},
		{ActRejectReclass, ReclassRejected, ""},
	} {
		t.Run(c.action+"/"+c.from, func(t *testing.T) {
			t.Parallel()
			wantStep(t, ReclassificationLife, c.action, c.from, c.to)
		})
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	me, other := uuid.New(), uuid.New()
	officer := Actor{UserID: me, Role: RoleOfficer}
	cases := []struct {
		name string
		r    Resolving
		want []string
	}{
		{"NotFixedOpen", Resolving{Status: HazardOpen}, []string{ActReopen}},
		{"NotFixedRectified", Resolving{Status: HazardRectified, RectifiedBy: &other}, []string{ActReopen}},
		{"NotFixedVerified", Resolving{Status: HazardVerified, RectifiedBy: &other}, []string{ActReopen}},
		// The officer records the fix they find: it waits for a supervisor.
		{"FixedOpen", Resolving{Fixed: true, Status: HazardOpen}, []string{ActRectify}},
		{"FixedRectifiedByOther", Resolving{Fixed: true, Status: HazardRectified, RectifiedBy: &other}, []string{ActVerify}},
		{"FixedRectifiedByMe", Resolving{Fixed: true, Status: HazardRectified, RectifiedBy: &me}, nil},
		{"FixedRectifiedByNobody", Resolving{Fixed: true, Status: HazardRectified}, []string{ActVerify}},
		{"FixedVerified", Resolving{Fixed: true, Status: HazardVerified, RectifiedBy: &other}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := officer.Resolve(c.r)
			if !slices.Equal(got, c.want) {
				t.Fatalf("Resolve(%+v) = %v, want %v", c.r, got, c.want)
			}
			// Every action it gives applies in turn.
			status := c.r.Status
			for _, act := range got {
				next, err := HazardLife.Step(act, status)
				if err != nil {
					t.Fatalf("%s from %s: %v", act, status, err)
				}
				status = next
			}
		})
	}
}
