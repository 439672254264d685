package schedules

import (
	"context"
	"fmt"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Calendar says which days are working days: Monday to Friday, except
// public holidays; Saturdays and Sundays are rest days unless marked as
// make-up working days (调休).
type Calendar struct {
	Holidays map[Date]bool
	Workdays map[Date]bool
}

// IsWorkingDay reports whether d is a working day.
func (c Calendar) IsWorkingDay(d Date) bool {
	if c.Holidays[d] {
		return false
	}
	if c.Workdays[d] {
		return true
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkingDays is the n-th working day after d (n ≥ 1); with n = 0 it is d.
func (c Calendar) AddWorkingDays(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// calendarHorizon is how far ahead LoadCalendar reads: enough for any
// deadline plus its working days.
const calendarHorizon = 400

// LoadCalendar reads the holidays and make-up days from from on.
func LoadCalendar(ctx context.Context, db *gorm.DB, from Date) (Calendar, error) {
	var rows []struct {
		Day  Date
		Kind vocab.DayKind
	}
	err := db.WithContext(ctx).Raw(`SELECT day, kind FROM calendar_days WHERE day BETWEEN ? AND ?`,
		from, from.AddDays(calendarHorizon)).Scan(&rows).Error
	if err != nil {
		return Calendar{}, fmt.Errorf("read calendar: %w", err)
	}
	c := Calendar{Holidays: map[Date]bool{}, Workdays: map[Date]bool{}}
	for _, r := range rows {
		if r.Kind == vocab.Holiday {
			c.Holidays[r.Day] = true
		} else {
			c.Workdays[r.Day] = true
		}
	}
	return c, nil
}
