package models

import (
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// The 2026 National Day holiday as the State Council set it: 1–7 October
// off, Sunday 20 September and Saturday 10 October worked (调休).
func nationalDay() schedules.Calendar {
	cal := schedules.Calendar{Holidays: map[schedules.Date]bool{}, Workdays: map[schedules.Date]bool{
		day(time.September, 20): true, day(time.October, 10): true,
	}}
	for d := 1; d <= 7; d++ {
		cal.Holidays[day(time.October, d)] = true
	}
	return cal
}

func TestReportDue(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }
	cal := nationalDay()
	cases := []struct {
		name     string
		kind     vocab.ReportKind
		received time.Time
		want     time.Time
	}{
		{"locked exit: 24 hours, into the holiday", vocab.ReportBlockedExit, at(time.September, 30, 15, 4), at(time.October, 1, 15, 4)},
		{"fire facility: 24 hours over a weekend", vocab.ReportFireFacility, at(time.September, 26, 23, 59), at(time.September, 27, 23, 59)},
		{"other, the day before the holiday: 8, 9 and the make-up Saturday 10 October", vocab.ReportOtherHazard, at(time.September, 30, 10, 0), at(time.October, 11, 0, 0)},
		{"other, on a holiday", vocab.ReportWiring, at(time.October, 3, 9, 0), at(time.October, 11, 0, 0)},
		{"other, a Friday before a make-up Sunday: 20, 21, 22 September", vocab.ReportFlammables, at(time.September, 18, 16, 0), at(time.September, 23, 0, 0)},
		{"other, an ordinary week, late at night", vocab.ReportLivingIn, at(time.September, 14, 23, 30), at(time.September, 18, 0, 0)},
		{"other, early in the morning: the same due time", vocab.ReportLivingIn, at(time.September, 14, 0, 5), at(time.September, 18, 0, 0)},
		{"other, a Saturday: Monday to Wednesday", vocab.ReportOtherHazard, at(time.September, 12, 12, 0), at(time.September, 17, 0, 0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ReportDue(cal, c.kind, c.received, loc); !got.Equal(c.want) {
				t.Errorf("ReportDue(%s, %s) = %s, want %s", c.kind, c.received, got.In(loc), c.want)
			}
		})
	}
	for _, k := range vocab.ReportKinds.Values() {
		want := k == vocab.ReportBlockedExit || k == vocab.ReportFireFacility
		if ReportUrgent(k) != want {
			t.Errorf("ReportUrgent(%s) = %v, want %v", k, !want, want)
		}
	}
}

func TestReportOverdue(t *testing.T) {
	t.Parallel()
	due := time.Date(2026, time.October, 11, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		status vocab.ReportStatus
		now    time.Time
		want   bool
	}{
		{vocab.ReportReceived, due.Add(-time.Second), false},
		{vocab.ReportReceived, due, false},
		{vocab.ReportReceived, due.Add(time.Second), true},
		{vocab.ReportChecked, due.Add(time.Hour), false},
	}
	for _, c := range cases {
		if got := ReportOverdue(c.status, due, c.now); got != c.want {
			t.Errorf("ReportOverdue(%s, due %s, now %s) = %v, want %v", c.status, due, c.now, got, c.want)
		}
	}
	early, late := due.Add(-time.Minute), due.Add(time.Minute)
	if !ReportInTime(due, &early) || ReportInTime(due, &late) || ReportInTime(due, nil) || !ReportInTime(due, &due) {
		t.Error("ReportInTime: checked by the due time (inclusive) is in time; later or not at all is not")
	}
}
