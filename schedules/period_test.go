package schedules

import (
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

func d(s string) Date {
	x, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestPeriodOf(t *testing.T) {
	for _, tc := range []struct {
		iv         vocab.Interval
		day        string
		start, end string
	}{
		{vocab.Monthly, "2026-01-01", "2026-01-01", "2026-01-31"},
		{vocab.Monthly, "2026-01-31", "2026-01-01", "2026-01-31"},
		{vocab.Monthly, "2026-02-15", "2026-02-01", "2026-02-28"},
		{vocab.Monthly, "2024-02-29", "2024-02-01", "2024-02-29"}, // leap year
		{vocab.Monthly, "2026-04-30", "2026-04-01", "2026-04-30"},
		{vocab.Monthly, "2026-12-31", "2026-12-01", "2026-12-31"},
		{vocab.Quarterly, "2026-03-31", "2026-01-01", "2026-03-31"},
		{vocab.Quarterly, "2026-04-01", "2026-04-01", "2026-06-30"},
		{vocab.Quarterly, "2026-09-30", "2026-07-01", "2026-09-30"},
		{vocab.Quarterly, "2026-10-01", "2026-10-01", "2026-12-31"},
		{vocab.HalfYearly, "2026-06-30", "2026-01-01", "2026-06-30"},
		{vocab.HalfYearly, "2026-07-01", "2026-07-01", "2026-12-31"},
		{vocab.Yearly, "2028-02-29", "2028-01-01", "2028-12-31"},
		{vocab.Biennial, "2026-05-05", "2026-01-01", "2027-12-31"},
		{vocab.Biennial, "2027-12-31", "2026-01-01", "2027-12-31"},
		{vocab.Biennial, "2028-01-01", "2028-01-01", "2029-12-31"},
		{vocab.Triennial, "2026-05-05", "2025-01-01", "2027-12-31"},
		{vocab.Triennial, "2027-12-31", "2025-01-01", "2027-12-31"},
		{vocab.Triennial, "2028-01-01", "2028-01-01", "2030-12-31"},
	} {
		p := PeriodOf(tc.iv, d(tc.day))
		if p.Start != d(tc.start) || p.End != d(tc.end) || p.Interval != tc.iv {
			t.Errorf("PeriodOf(%s, %s) = %s..%s, want %s..%s", tc.iv, tc.day, p.Start, p.End, tc.start, tc.end)
		}
	}
}

func TestDateInZone(t *testing.T) {
	// Ensure the date is taken in the service's zone: 2026-06-30 20:00 UTC is
	// already 1 July in Shanghai, so the half-year and the quarter change.
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	instant := time.Date(2026, 6, 30, 20, 0, 0, 0, time.UTC)
	if got := DateIn(instant, time.UTC); got != d("2026-06-30") {
		t.Fatalf("UTC date = %s", got)
	}
	local := DateIn(instant, sh)
	if local != d("2026-07-01") {
		t.Fatalf("Shanghai date = %s, want 2026-07-01", local)
	}
	if p := PeriodOf(vocab.HalfYearly, local); p.Start != d("2026-07-01") {
		t.Fatalf("half-year of %s starts %s", local, p.Start)
	}
}

func TestAddWorkingDays(t *testing.T) {
	cal := Calendar{
		Holidays: map[Date]bool{d("2026-10-01"): true, d("2026-10-02"): true, d("2026-10-05"): true, d("2026-10-06"): true, d("2026-10-07"): true},
		Workdays: map[Date]bool{d("2026-10-10"): true}, // a Saturday made a working day (调休)
	}
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-18", 3, "2026-11-23"}, // Wed → Thu, Fri, Mon
		{"2026-11-20", 3, "2026-11-25"}, // Fri → Mon, Tue, Wed: across a weekend
		{"2026-11-21", 1, "2026-11-23"}, // from a Saturday
		{"2026-09-30", 3, "2026-10-10"}, // across the National Day holiday: Oct 8 (Thu), 9 (Fri), 10 (make-up Sat)
		{"2026-09-30", 4, "2026-10-12"}, // then Sunday the 11th is a rest day
		{"2026-11-20", 0, "2026-11-20"},
	} {
		if got := cal.AddWorkingDays(d(tc.from), tc.n); got != d(tc.want) {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}
