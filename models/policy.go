package models

import (
	"context"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Policy maps each risk level to how often it is inspected; its fields are
// named by the levels' values.
type Policy struct {
	Red    vocab.Interval `json:"red"`
	Yellow vocab.Interval `json:"yellow"`
	Green  vocab.Interval `json:"green"`
}

// of is the field of p that holds the interval of level l (nil for a value
// that is not a level).
func (p *Policy) of(l vocab.RiskLevel) *vocab.Interval {
	switch l {
	case vocab.Red:
		return &p.Red
	case vocab.Yellow:
		return &p.Yellow
	case vocab.Green:
		return &p.Green
	}
	return nil
}

// GetPolicy reads the policy. Everyone may read it.
func GetPolicy(ctx context.Context, db *gorm.DB) (Policy, error) {
	var rows []struct {
		RiskLevel vocab.RiskLevel
		Interval  vocab.Interval
	}
	if err := db.WithContext(ctx).Raw("SELECT risk_level, interval FROM policy").Scan(&rows).Error; err != nil {
		return Policy{}, translate(err, "read policy")
	}
	var p Policy
	for _, r := range rows {
		if f := p.of(r.RiskLevel); f != nil {
			*f = r.Interval
		}
	}
	return p, nil
}

// SetPolicy replaces the policy. Admins only. Like a level change for every
// venue whose interval it changes, it cancels their routine inspections still
// scheduled under the old interval, in one statement; the next generation
// run makes the new ones. It returns the policy and how many were cancelled.
func SetPolicy(ctx context.Context, db *gorm.DB, actor Actor, p Policy) (Policy, int64, error) {
	if !actor.IsAdmin() {
		return Policy{}, 0, ErrForbidden
	}
	var c Check
	values, args := "", []any{nullID(actor.UserID)}
	for i, l := range vocab.RiskLevels.Values() {
		term(&c, string(l), vocab.Intervals, *p.of(l))
		if i > 0 {
			values += ", "
		}
		values += "(?, ?)"
		args = append(args, l, *p.of(l))
	}
	if err := c.Err(); err != nil {
		return Policy{}, 0, err
	}
	var cancelled int64
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT 1 FROM policy FOR UPDATE").Error; err != nil {
			return translate(err, "lock policy")
		}
		before, err := GetPolicy(ctx, tx)
		if err != nil {
			return err
		}
		err = tx.Exec(`UPDATE policy SET interval = v.interval, updated_at = now(), updated_by = ?
			FROM (VALUES `+values+`) AS v (risk_level, interval)
			WHERE policy.risk_level = v.risk_level AND policy.interval <> v.interval`, args...).Error
		if err != nil {
			return translate(err, "update policy")
		}
		if before != p {
			cancelled, err = cancelStale(ctx, tx, actor, "the policy changed", allVenues)
			if err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "update", "policy", policyEntity, nil, before, p)
	})
	return p, cancelled, err
}

// CalendarYear is the holidays and make-up working days of one year.
type CalendarYear struct {
	Year     int              `json:"year"`
	Holidays []schedules.Date `json:"holidays"`
	Workdays []schedules.Date `json:"workdays"`
}

// GetCalendar reads one year's calendar.
func GetCalendar(ctx context.Context, db *gorm.DB, year int) (CalendarYear, error) {
	out := CalendarYear{Year: year, Holidays: []schedules.Date{}, Workdays: []schedules.Date{}}
	var rows []struct {
		Day  schedules.Date
		Kind vocab.DayKind
	}
	err := db.WithContext(ctx).Raw(`SELECT day, kind FROM calendar_days WHERE day >= make_date(?, 1, 1) AND day < make_date(?, 1, 1) ORDER BY day`,
		year, year+1).Scan(&rows).Error
	if err != nil {
		return out, translate(err, "read calendar")
	}
	for _, r := range rows {
		if r.Kind == vocab.Holiday {
			out.Holidays = append(out.Holidays, r.Day)
		} else {
			out.Workdays = append(out.Workdays, r.Day)
		}
	}
	return out, nil
}

// SetCalendar replaces one year's calendar. Admins only. Every date must be
// in that year and be named once; a make-up working day must be a Saturday
// or a Sunday.
func SetCalendar(ctx context.Context, db *gorm.DB, actor Actor, cal CalendarYear) (CalendarYear, error) {
	if !actor.IsAdmin() {
		return CalendarYear{}, ErrForbidden
	}
	var c Check
	c.Add(cal.Year < 2000 || cal.Year > 2100, "year", "must be between 2000 and 2100")
	seen := map[schedules.Date]vocab.DayKind{}
	for i, d := range cal.Holidays {
		c.Add(d.Year() != cal.Year, fieldAt("holidays", i), "is not in %d", cal.Year)
		c.Add(seen[d] != "", fieldAt("holidays", i), "is named twice")
		seen[d] = vocab.Holiday
	}
	for i, d := range cal.Workdays {
		c.Add(d.Year() != cal.Year, fieldAt("workdays", i), "is not in %d", cal.Year)
		c.Add(seen[d] != "", fieldAt("workdays", i), "is already a %s", seen[d])
		c.Add(d.Weekday() != time.Saturday && d.Weekday() != time.Sunday, fieldAt("workdays", i), "is not a Saturday or a Sunday; a make-up working day (调休) is a weekend day made a working day")
		seen[d] = vocab.Workday
	}
	if err := c.Err(); err != nil {
		return CalendarYear{}, err
	}
	var out CalendarYear
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := GetCalendar(ctx, tx, cal.Year)
		if err != nil {
			return err
		}
		if err := tx.Exec(`DELETE FROM calendar_days WHERE day >= make_date(?, 1, 1) AND day < make_date(?, 1, 1)`, cal.Year, cal.Year+1).Error; err != nil {
			return translate(err, "clear calendar")
		}
		for d, kind := range seen {
			if err := tx.Exec(`INSERT INTO calendar_days (day, kind) VALUES (?, ?)`, d, kind).Error; err != nil {
				return translate(err, "write calendar")
			}
		}
		if out, err = GetCalendar(ctx, tx, cal.Year); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "update", "calendar", calendarEntity(cal.Year), nil, before, cal)
	})
	if err != nil {
		return CalendarYear{}, err
	}
	return out, nil
}

func fieldAt(name string, i int) string { return name + "[" + itoa(i) + "]" }
