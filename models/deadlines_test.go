package models

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

func day(m time.Month, d int) schedules.Date { return schedules.NewDate(2026, m, d) }

// fields is the fields of a ValidationError, nil for nil.
func fields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("%v is not a ValidationError", err)
	}
	var out []string
	for _, f := range ve.Errors {
		out = append(out, f.Field)
	}
	return out
}

func TestCheckFix(t *testing.T) {
	t.Parallel()
	rules := FieldRules{CheckinRadiusM: 300, MaxDeadlineDays: 30}
	today := day(time.September, 25)
	at := func(d schedules.Date) *schedules.Date { return &d }
	photo := []uuid.UUID{uuid.New()}
	cases := []struct {
		name string
		h    NewHazard
		want []string // the fields refused
	}{
		{"OnSite", NewHazard{FixMode: vocab.FixOnSite, PhotoIDs: photo}, nil},
		{"ErrOnSiteWithoutPhoto", NewHazard{FixMode: vocab.FixOnSite}, []string{"h.photo_ids"}},
		{"ErrOnSiteWithDeadline", NewHazard{FixMode: vocab.FixOnSite, PhotoIDs: photo, Deadline: at(today.AddDays(3))}, []string{"h.deadline"}},
		{"DeadlineTomorrow", NewHazard{FixMode: vocab.FixDeadline, Deadline: at(today.AddDays(1))}, nil},
		{"DeadlineAtTheLimit", NewHazard{FixMode: vocab.FixDeadline, Deadline: at(today.AddDays(30))}, nil},
		{"ErrDeadlineBeyondTheLimit", NewHazard{FixMode: vocab.FixDeadline, Deadline: at(today.AddDays(31))}, []string{"h.deadline"}},
		{"ErrDeadlineToday", NewHazard{FixMode: vocab.FixDeadline, Deadline: at(today)}, []string{"h.deadline"}},
		{"ErrDeadlinePast", NewHazard{FixMode: vocab.FixDeadline, Deadline: at(today.AddDays(-1))}, []string{"h.deadline"}},
		{"ErrDeadlineMissing", NewHazard{FixMode: vocab.FixDeadline}, []string{"h.deadline"}},
		{"ErrFixMode", NewHazard{FixMode: "later"}, []string{"h.fix_mode"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var chk Check
			rules.checkFix(&chk, "h", c.h, today)
			if got := fields(t, chk.Err()); !slices.Equal(got, c.want) {
				t.Fatalf("refused %v, want %v", got, c.want)
			}
		})
	}
}

func TestOffSite(t *testing.T) {
	t.Parallel()
	rules := FieldRules{CheckinRadiusM: 300}
	for _, c := range []struct {
		m    float64
		want bool
	}{{0, false}, {299.9, false}, {300, false}, {300.1, true}, {5000, true}} {
		if got := rules.offSite(c.m); got != c.want {
			t.Errorf("offSite(%v) = %v, want %v", c.m, got, c.want)
		}
	}
}

func TestReinspectionWindow(t *testing.T) {
	t.Parallel()
	// 2026: National Day holidays Oct 1-7, make-up working days Sep 27 and Oct 10.
	cal := schedules.Calendar{Holidays: map[schedules.Date]bool{}, Workdays: map[schedules.Date]bool{
		day(time.September, 27): true, day(time.October, 10): true}}
	for d := 1; d <= 7; d++ {
		cal.Holidays[day(time.October, d)] = true
	}
	cases := []struct {
		name     string
		deadline schedules.Date
		due      schedules.Date
	}{
		{"Weekdays", day(time.September, 14), day(time.September, 17)},
		{"OverAWeekend", day(time.October, 16), day(time.October, 21)},
		{"OverTheHolidaysAndAMakeUpDay", day(time.September, 30), day(time.October, 10)},
		{"OnAMakeUpDay", day(time.September, 26), day(time.September, 29)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			opens, due := reinspectionWindow(cal, c.deadline)
			if opens != c.deadline || due != c.due {
				t.Fatalf("window of %s = %s..%s, want %s..%s", c.deadline, opens, due, c.deadline, c.due)
			}
		})
	}
}

func TestCheckOpen(t *testing.T) {
	t.Parallel()
	opens := day(time.September, 30)
	for _, c := range []struct {
		today schedules.Date
		ok    bool
	}{{opens.AddDays(-1), false}, {opens, true}, {opens.AddDays(1), true}} {
		err := checkOpen(opens, c.today)
		var conflict *ConflictError
		if (err == nil) != c.ok || (err != nil && (!errors.As(err, &conflict) || conflict.Field != "opens_on")) {
			t.Errorf("checkOpen(%s, %s) = %v, want allowed %v", opens, c.today, err, c.ok)
		}
	}
}

func TestCheckStatsRange(t *testing.T) {
	t.Parallel()
	from := day(time.January, 1)
	var zero schedules.Date
	cases := []struct {
		name     string
		from, to schedules.Date
		want     []string
	}{
		{"OneDay", from, from, nil},
		{"TenYears", from, from.AddDays(maxStatsDays), nil},
		{"ErrMoreThanTenYears", from, from.AddDays(maxStatsDays + 1), []string{"to"}},
		{"ErrBackwards", from, from.AddDays(-1), []string{"to"}},
		{"ErrNoFrom", zero, from, []string{"from", "to"}}, // and so the span is too long
		{"ErrNoTo", from, zero, []string{"from"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := fields(t, checkStatsRange(c.from, c.to)); !slices.Equal(got, c.want) {
				t.Fatalf("refused %v, want %v", got, c.want)
			}
		})
	}
}

func TestOverdue(t *testing.T) {
	t.Parallel()
	today := day(time.May, 10)
	for _, c := range []struct {
		status vocab.InspectionStatus
		due    schedules.Date
		want   bool
	}{
		{vocab.Scheduled, today.AddDays(-1), true},
		{vocab.InProgress, today.AddDays(-1), true},
		{vocab.Returned, today.AddDays(-1), true},
		{vocab.Scheduled, today, false},
		{vocab.Submitted, today.AddDays(-1), false},
		{vocab.Approved, today.AddDays(-1), false},
		{vocab.Cancelled, today.AddDays(-1), false},
	} {
		if got := IsOverdue(c.status, c.due, today); got != c.want {
			t.Errorf("IsOverdue(%s, due %s) = %v, want %v", c.status, c.due, got, c.want)
		}
	}
	var none schedules.Date
	for _, c := range []struct {
		status   vocab.HazardStatus
		deadline schedules.Date
		want     bool
	}{
		{vocab.HazardOpen, today.AddDays(-1), true},
		{vocab.HazardOpen, today, false},
		{vocab.HazardOpen, none, false},
		{vocab.HazardRectified, today.AddDays(-1), false},
		{vocab.HazardVerified, today.AddDays(-1), false},
	} {
		if got := HazardOverdue(c.status, c.deadline, today); got != c.want {
			t.Errorf("HazardOverdue(%s, deadline %s) = %v, want %v", c.status, c.deadline, got, c.want)
		}
	}
}
