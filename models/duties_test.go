package models

import (
	"errors"
	"testing"

	"github.com/google/uuid"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

func TestMayDecide(t *testing.T) {
	t.Parallel()
	me, other := uuid.New(), uuid.New()
	officer := Actor{UserID: me, Role: vocab.Officer}
	supervisor := Actor{UserID: me, Role: vocab.Supervisor}
	admin := Actor{UserID: me, Role: vocab.Admin}
	cases := []struct {
		name   string
		actor  Actor
		d      Decision
		doneBy *uuid.UUID
		want   string // "" when allowed, else the reason given
	}{
		{"SupervisorVerifiesOthersFix", supervisor, VerifyFix, &other, ""},
		{"AdminVerifiesOthersFix", admin, VerifyFix, &other, ""},
		{"SupervisorVerifiesUnrecordedFix", supervisor, VerifyFix, nil, ""},
		{"ErrSupervisorVerifiesOwnFix", supervisor, VerifyFix, &me, "you recorded this fix; someone else verifies it"},
		{"ErrAdminVerifiesOwnFix", admin, VerifyFix, &me, "you recorded this fix; someone else verifies it"},
		{"ErrOfficerVerifies", officer, VerifyFix, &other, "only a supervisor or an admin verifies a fix"},
		{"OfficerConfirmsOthersFix", officer, ConfirmFix, &other, ""},
		{"ErrOfficerConfirmsOwnFix", officer, ConfirmFix, &me, "you recorded this fix; a supervisor verifies it"},
		{"SupervisorReviews", supervisor, ReviewSubmission, &other, ""},
		{"ErrSupervisorReviewsOwnInspection", supervisor, ReviewSubmission, &me, "you did this inspection; someone else reviews it"},
		{"ErrOfficerReviews", officer, ReviewSubmission, &other, "only a supervisor or an admin reviews an inspection"},
		{"SupervisorDecidesEscalation", supervisor, DecideProposal, nil, ""},
		{"AdminDecidesOthersProposal", admin, DecideProposal, &other, ""},
		{"ErrSupervisorDecidesOwnProposal", supervisor, DecideProposal, &me, "you filed this reclassification; someone else decides it"},
		{"ErrOfficerDecides", officer, DecideProposal, &other, "only a supervisor or an admin decides a reclassification"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := c.actor.MayDecide(c.d, c.doneBy)
			if c.want == "" {
				if err != nil {
					t.Fatalf("MayDecide = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrForbidden) || err.Error() != c.want {
				t.Fatalf("MayDecide = %v, want ErrForbidden %q", err, c.want)
			}
		})
	}
}

func TestMayGenerate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		actor Actor
		ok    bool
	}{
		{"Admin", Actor{UserID: uuid.New(), Role: vocab.Admin}, true},
		{"Service", Actor{}, true},
		{"ServiceWithRequest", Actor{RequestID: "cron"}, true},
		{"ErrSupervisor", Actor{UserID: uuid.New(), Role: vocab.Supervisor}, false},
		{"ErrOfficer", Actor{UserID: uuid.New(), Role: vocab.Officer}, false},
		{"ErrUserWithoutRole", Actor{UserID: uuid.New()}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := c.actor.MayGenerate()
			if got := err == nil; got != c.ok || (err != nil && !errors.Is(err, ErrForbidden)) {
				t.Fatalf("MayGenerate = %v, want allowed %v", err, c.ok)
			}
		})
	}
}

func TestMayWorkOn(t *testing.T) {
	t.Parallel()
	me, other := uuid.New(), uuid.New()
	a := Actor{UserID: me, Role: vocab.Officer}
	for _, c := range []struct {
		name     string
		assignee *uuid.UUID
		ok       bool
	}{{"Mine", &me, true}, {"ErrTheirs", &other, false}, {"ErrNobodys", nil, false}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if err := a.MayWorkOn(c.assignee); (err == nil) != c.ok || (err != nil && !errors.Is(err, ErrForbidden)) {
				t.Fatalf("MayWorkOn = %v, want allowed %v", err, c.ok)
			}
		})
	}
}

func TestFilingDecides(t *testing.T) {
	t.Parallel()
	for role, want := range map[vocab.Role]bool{vocab.Officer: false, vocab.Supervisor: true, vocab.Admin: true} {
		if got := (Actor{UserID: uuid.New(), Role: role}).FilingDecides(); got != want {
			t.Errorf("FilingDecides of %s = %v, want %v", role, got, want)
		}
	}
}
