package schedules

import (
	"testing"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

func TestAsOfLimit(t *testing.T) {
	d := func(s string) Date {
		t.Helper()
		v, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name      string
		today     string
		intervals []vocab.Interval
		want      string
	}{
		{"default policy: the end of next month", "2026-12-01", []vocab.Interval{vocab.Monthly, vocab.Quarterly, vocab.HalfYearly}, "2027-01-31"},
		{"on the last day of a month", "2026-01-31", []vocab.Interval{vocab.HalfYearly, vocab.Monthly}, "2026-02-28"},
		{"quarterly at most: the end of next quarter", "2026-05-15", []vocab.Interval{vocab.Quarterly, vocab.Yearly}, "2026-09-30"},
		{"NFPA 1730-style: the end of next year", "2026-12-01", []vocab.Interval{vocab.Yearly, vocab.Biennial, vocab.Triennial}, "2027-12-31"},
		{"triennial only: 2025-2027, then 2028-2030", "2026-03-01", []vocab.Interval{vocab.Triennial}, "2030-12-31"},
		{"no policy: as triennial", "2026-03-01", nil, "2030-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AsOfLimit(d(tt.today), tt.intervals); got != d(tt.want) {
				t.Errorf("AsOfLimit(%s, %v) = %s, want %s", tt.today, tt.intervals, got, tt.want)
			}
		})
	}
}
