package models

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// wantStep checks one step of a life cycle: to is the status wanted, or ""
// for a ConflictError on "status".
func wantStep[S ~string](t *testing.T, lc lifeCycle[S], action string, from, to S) {
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
func wantLife[S ~string](t *testing.T, lc lifeCycle[S], statuses []S, want map[string]map[S]S) {
	t.Helper()
	if len(lc) != len(want) {
		t.Fatalf("the life cycle has %d actions, the test %d", len(lc), len(want))
	}
	for action, tos := range want {
		for _, from := range statuses {
			t.Run(action+"/"+string(from), func(t *testing.T) {
				t.Parallel()
				wantStep(t, lc, action, from, tos[from])
			})
		}
	}
}

func TestInspectionLife(t *testing.T) {
	t.Parallel()
	wantLife(t, InspectionLife, vocab.InspectionStatuses.Values(), map[string]map[vocab.InspectionStatus]vocab.InspectionStatus{
		ActStart:   {vocab.Scheduled: vocab.InProgress},
		ActSubmit:  {vocab.InProgress: vocab.Submitted, vocab.Returned: vocab.Submitted},
		ActApprove: {vocab.Submitted: vocab.Approved},
		ActReturn:  {vocab.Submitted: vocab.Returned},
		ActCancel:  {vocab.Scheduled: vocab.Cancelled},
	})
}

func TestHazardLife(t *testing.T) {
	t.Parallel()
	wantLife(t, HazardLife, vocab.HazardStatuses.Values(), map[string]map[vocab.HazardStatus]vocab.HazardStatus{
		ActRectify:   {vocab.HazardOpen: vocab.HazardRectified},
		ActVerify:    {vocab.HazardRectified: vocab.HazardVerified},
		ActRejectFix: {vocab.HazardRectified: vocab.HazardOpen},
		ActReopen:    {vocab.HazardOpen: vocab.HazardOpen, vocab.HazardRectified: vocab.HazardOpen, vocab.HazardVerified: vocab.HazardOpen},
	})
}

func TestReclassificationLife(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		action   string
		from, to vocab.ReclassificationStatus
	}{
		{ActApproveReclass, vocab.ReclassPending, vocab.ReclassApproved},
		{ActRejectReclass, vocab.ReclassPending, vocab.ReclassRejected},
		{ActApproveReclass, vocab.ReclassApproved, ""},
		{ActApproveReclass, vocab.ReclassRejected, ""},
		{ActRejectReclass, vocab.ReclassApproved, ""},
		{ActRejectReclass, vocab.ReclassRejected, ""},
	} {
		t.Run(c.action+"/"+string(c.from), func(t *testing.T) {
			t.Parallel()
			wantStep(t, ReclassificationLife, c.action, c.from, c.to)
		})
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	me, other := uuid.New(), uuid.New()
	officer := Actor{UserID: me, Role: vocab.Officer}
	cases := []struct {
		name string
		r    Resolving
		want []string
	}{
		{"NotFixedOpen", Resolving{Status: vocab.HazardOpen}, []string{ActReopen}},
		{"NotFixedRectified", Resolving{Status: vocab.HazardRectified, RectifiedBy: &other}, []string{ActReopen}},
		{"NotFixedVerified", Resolving{Status: vocab.HazardVerified, RectifiedBy: &other}, []string{ActReopen}},
		// The officer records the fix they find: it waits for a supervisor.
		{"FixedOpen", Resolving{Fixed: true, Status: vocab.HazardOpen}, []string{ActRectify}},
		{"FixedRectifiedByOther", Resolving{Fixed: true, Status: vocab.HazardRectified, RectifiedBy: &other}, []string{ActVerify}},
		{"FixedRectifiedByMe", Resolving{Fixed: true, Status: vocab.HazardRectified, RectifiedBy: &me}, nil},
		{"FixedRectifiedByNobody", Resolving{Fixed: true, Status: vocab.HazardRectified}, []string{ActVerify}},
		{"FixedVerified", Resolving{Fixed: true, Status: vocab.HazardVerified, RectifiedBy: &other}, nil},
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
