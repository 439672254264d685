package schedules

import (
	"fmt"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// months is the length of an interval in months.
func months(iv vocab.Interval) int {
	switch iv {
	case vocab.Monthly:
		return 1
	case vocab.Quarterly:
		return 3
	case vocab.HalfYearly:
		return 6
	case vocab.Yearly:
		return 12
	case vocab.Biennial:
		return 24
	case vocab.Triennial:
		return 36
	}
	panic(fmt.Sprintf("schedules: unknown interval %q", iv))
}

// Period is one calendar period of an interval: Start to End, both inclusive.
// A routine inspection of the period is due on End.
type Period struct {
	Interval vocab.Interval `json:"interval"`
	Start    Date           `json:"start"`
	End      Date           `json:"end"`
}

// PeriodOf is the period of iv that contains d. Periods are aligned to the
// calendar: months; quarters from January, April, July, October; halves from
// January and July; years; two- and three-year periods starting in years
// divisible by 2 and 3.
func PeriodOf(iv vocab.Interval, d Date) Period {
	n := months(iv)
	var start Date
	if n <= 12 {
		m := (int(d.Month())-1)/n*n + 1
		start = NewDate(d.Year(), time.Month(m), 1)
	} else {
		years := n / 12
		y := d.Year() - mod(d.Year(), years)
		start = NewDate(y, time.January, 1)
	}
	end := NewDate(start.Year(), start.Month()+time.Month(n), 1).AddDays(-1)
	return Period{Interval: iv, Start: start, End: end}
}

func mod(a, b int) int { return ((a % b) + b) % b }

// AsOfLimit is the latest as-of date a generation run accepts on today: the
// end of the period after today's, for the shortest interval of the policy
// (with red monthly: the end of next month). That is far enough to prepare
// the next period's tasks before it starts, and no further, so that a typo
// like 9999-12-31 cannot make inspections nobody can start for years.
func AsOfLimit(today Date, intervals []vocab.Interval) Date {
	shortest := vocab.Triennial
	for _, iv := range intervals {
		if months(iv) < months(shortest) {
			shortest = iv
		}
	}
	return PeriodOf(shortest, PeriodOf(shortest, today).End.AddDays(1)).End
}
