// Package schedules holds the calendar rules of inspection: civil dates in
// the service's time zone, the periods of each interval, working days with
// holidays and make-up days (调休), and the set-based generator of routine
// inspections. It depends on nothing else in Jiuxiao.
package schedules

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// DateLayout is how dates are written: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// Date is a civil date (no time, no zone), kept as midnight UTC.
type Date struct{ t time.Time }

// NewDate makes a date; out-of-range parts normalise as time.Date does.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateIn is the date that instant t falls on in loc.
func DateIn(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return NewDate(y, m, d)
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	// Year 0 parses, but PostgreSQL has no year 0: its dates are 1 BC, 1 AD.
	if err != nil || t.Year() < 1 {
		return Date{}, fmt.Errorf("%q is not a date as YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

func (d Date) String() string               { return d.t.Format(DateLayout) }
func (d Date) IsZero() bool                 { return d.t.IsZero() }
func (d Date) Year() int                    { return d.t.Year() }
func (d Date) Month() time.Month            { return d.t.Month() }
func (d Date) Day() int                     { return d.t.Day() }
func (d Date) Weekday() time.Weekday        { return d.t.Weekday() }
func (d Date) AddDays(n int) Date           { return Date{d.t.AddDate(0, 0, n)} }
func (d Date) Before(o Date) bool           { return d.t.Before(o.t) }
func (d Date) After(o Date) bool            { return d.t.After(o.t) }
func (d Date) Sub(o Date) int               { return int(d.t.Sub(o.t).Hours() / 24) }
func (d Date) Time() time.Time              { return d.t }
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD. Its error is a *json.UnmarshalTypeError,
// so that encoding/json names the field that holds the bad date.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	if err != nil {
		return &json.UnmarshalTypeError{Value: "string " + strconv.Quote(string(b)), Type: reflect.TypeFor[Date]()}
	}
	*d = p
	return nil
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	y, m, day := d.t.Date()
	return AppendDateJSON(make([]byte, 0, 12), y, m, day), nil
}

// AppendDateJSON appends the JSON of the date y-m-d, "YYYY-MM-DD", to b:
// a Date's MarshalJSON, and the lists that write their rows' dates
// straight from PostgreSQL's (models). A date needs no escaping: written
// digit by digit, not through encoding/json or time's layouts (three
// dates a task, a fifth of the task list's encoding).
func AppendDateJSON(b []byte, y int, m time.Month, day int) []byte {
	if y < 0 || y > 9999 {
		return append(append(append(b, '"'), NewDate(y, m, day).String()...), '"')
	}
	return append(b, '"', byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10), '"')
}

// Value stores the date as a SQL date literal.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a SQL date.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = NewDate(v.Year(), v.Month(), v.Day())
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	default:
		return fmt.Errorf("cannot scan %T into a date", src)
	}
	return nil
}
