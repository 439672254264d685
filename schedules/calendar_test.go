package schedules

import (
	"testing"
	"time"
)

func TestWorkingDays(t *testing.T) {
	t.Parallel()
	d := func(m time.Month, day int) Date { return NewDate(2026, m, day) }
	// Spring Festival 2026: Feb 15-23 off, Feb 14 and 28 (Saturdays) worked.
	cal := Calendar{Holidays: map[Date]bool{}, Workdays: map[Date]bool{d(time.February, 14): true, d(time.February, 28): true}}
	for day := 15; day <= 23; day++ {
		cal.Holidays[d(time.February, day)] = true
	}
	t.Run("IsWorkingDay", func(t *testing.T) {
		t.Parallel()
		for _, c := range []struct {
			day  Date
			want bool
		}{
			{d(time.February, 13), true},  // Friday
			{d(time.February, 14), true},  // Saturday, made a working day
			{d(time.February, 16), false}, // Monday, a holiday
			{d(time.February, 24), true},  // Tuesday after the holidays
			{d(time.February, 28), true},  // Saturday, made a working day
			{d(time.March, 1), false},     // Sunday
			{d(time.March, 7), false},     // Saturday
		} {
			if got := cal.IsWorkingDay(c.day); got != c.want {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", c.day, got, c.want)
			}
		}
	})
	t.Run("AddWorkingDays", func(t *testing.T) {
		t.Parallel()
		for _, c := range []struct {
			from Date
			n    int
			want Date
		}{
			{d(time.February, 11), 0, d(time.February, 11)},
			{d(time.February, 11), 1, d(time.February, 12)},
			{d(time.February, 12), 3, d(time.February, 24)}, // Fri 13, Sat 14 (worked), then Tue 24
			{d(time.February, 26), 3, d(time.March, 2)},     // Fri 27, Sat 28 (worked), Mon 2
			{d(time.March, 6), 1, d(time.March, 9)},         // Friday to Monday
			{d(time.March, 7), 1, d(time.March, 9)},         // from a rest day
		} {
			if got := cal.AddWorkingDays(c.from, c.n); got != c.want {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", c.from, c.n, got, c.want)
			}
		}
	})
}
