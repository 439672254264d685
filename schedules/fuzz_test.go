package schedules

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// The fuzz targets of this file run their seed corpus with `make test`;
// `make fuzz` (or `go test -fuzz=FuzzPeriodOf ./schedules`) explores further.

// FuzzParseDate: a date a client sends either parses to the day it names
// (written back the same, in JSON and as text) or is refused; never a panic,
// and never a year PostgreSQL cannot store.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-31", "2026-02-29", "2024-02-29", "0000-01-01", "0001-01-01", "9999-12-31",
		"2026-1-5", "2026-01-05T00:00:00Z", " 2026-01-05", "+2026-01-05", "-001-01-01", "２０２６-01-05", "", "2026-00-10", "2026-13-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			var u Date
			if u.UnmarshalText([]byte(s)) == nil {
				t.Fatalf("UnmarshalText accepts %q, ParseDate does not", s)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) = %s", s, d)
		}
		if d.Year() < 1 || d.Year() > 9999 {
			t.Fatalf("ParseDate(%q) accepted year %d", s, d.Year())
		}
		if b, _ := json.Marshal(d); d.IsZero() != (string(b) == "null") || (!d.IsZero() && string(b) != `"`+s+`"`) {
			t.Fatalf("%q marshals as %s", s, b)
		}
		var back Date
		if err := back.UnmarshalText([]byte(s)); err != nil || back != d {
			t.Fatalf("UnmarshalText(%q) = %v, %v", s, back, err)
		}
		if v, _ := d.Value(); !d.IsZero() && v != s {
			t.Fatalf("%q is stored as %v", s, v)
		}
	})
}

// fuzzDate maps any int32 onto a date between years 1 and 9999.
func fuzzDate(days int32) Date {
	const span = 3652059 // days from 0001-01-01 to 9999-12-31
	n := int(days) % span
	if n < 0 {
		n += span
	}
	return NewDate(1, time.January, 1).AddDays(n)
}

// FuzzPeriodOf: for every interval and date, the period contains the date,
// starts on the first of a month aligned to the calendar, spans exactly the
// interval's months, and the day after it starts the next period.
func FuzzPeriodOf(f *testing.F) {
	for _, seed := range []struct {
		days int32
		iv   uint8
	}{{0, 0}, {738000, 1}, {739706, 2}, {739706, 3}, {739706, 4}, {739706, 5}, {-1, 5}, {3652058, 4}, {1 << 30, 3}} {
		f.Add(seed.days, seed.iv)
	}
	f.Fuzz(func(t *testing.T, days int32, ivIndex uint8) {
		all := vocab.Intervals.Values()
		iv := all[int(ivIndex)%len(all)]
		d := fuzzDate(days)
		p := PeriodOf(iv, d)
		n := months(iv)
		switch {
		case p.Interval != iv:
			t.Fatalf("PeriodOf(%s, %s).Interval = %s", iv, d, p.Interval)
		case d.Before(p.Start) || d.After(p.End):
			t.Fatalf("PeriodOf(%s, %s) = %s..%s does not contain it", iv, d, p.Start, p.End)
		case p.Start.Day() != 1:
			t.Fatalf("PeriodOf(%s, %s) starts on %s", iv, d, p.Start)
		case n <= 12 && (int(p.Start.Month())-1)%n != 0:
			t.Fatalf("PeriodOf(%s, %s) starts in month %d", iv, d, p.Start.Month())
		case n > 12 && (p.Start.Month() != time.January || p.Start.Year()%(n/12) != 0):
			t.Fatalf("PeriodOf(%s, %s) starts on %s, not a January of a year divisible by %d", iv, d, p.Start, n/12)
		}
		next := p.End.AddDays(1)
		if next.Day() != 1 {
			t.Fatalf("PeriodOf(%s, %s) ends on %s, not a month's last day", iv, d, p.End)
		}
		if months := (next.Year()-p.Start.Year())*12 + int(next.Month()) - int(p.Start.Month()); months != n {
			t.Fatalf("PeriodOf(%s, %s) = %s..%s spans %d months, want %d", iv, d, p.Start, p.End, months, n)
		}
		if PeriodOf(iv, p.Start) != p || PeriodOf(iv, p.End) != p {
			t.Fatalf("the period of %s's first or last day is not %s..%s", d, p.Start, p.End)
		}
		if q := PeriodOf(iv, next); q.Start != next {
			t.Fatalf("the day after %s..%s is in %s..%s", p.Start, p.End, q.Start, q.End)
		}
	})
}

// FuzzAddWorkingDays: with any holidays and make-up days, the n-th working
// day after d is a working day after d, with exactly n working days from the
// day after d up to it.
func FuzzAddWorkingDays(f *testing.F) {
	f.Add(int32(739706), uint8(3), []byte{0xff, 0x00, 0x0f}, []byte{0x01})
	f.Add(int32(739600), uint8(0), []byte{}, []byte{})
	f.Add(int32(1), uint8(40), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, []byte{0x80})
	f.Fuzz(func(t *testing.T, days int32, n uint8, holidayBits, workdayBits []byte) {
		d := fuzzDate(days)
		if d.Year() > 9900 {
			return // keep the result inside four-digit years
		}
		cal := Calendar{Holidays: map[Date]bool{}, Workdays: map[Date]bool{}}
		mark := func(m map[Date]bool, bits []byte) {
			for i, b := range bits {
				for j := 0; j < 8; j++ {
					if b&(1<<j) != 0 {
						m[d.AddDays(1+i*8+j)] = true
					}
				}
			}
		}
		mark(cal.Holidays, holidayBits)
		mark(cal.Workdays, workdayBits)
		got := cal.AddWorkingDays(d, int(n))
		if n == 0 {
			if got != d {
				t.Fatalf("AddWorkingDays(%s, 0) = %s", d, got)
			}
			return
		}
		if !got.After(d) || !cal.IsWorkingDay(got) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, not a working day after it", d, n, got)
		}
		count := 0
		for x := d.AddDays(1); !x.After(got); x = x.AddDays(1) {
			if cal.IsWorkingDay(x) {
				count++
			}
		}
		if count != int(n) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, which is %d working days on", d, n, got, count)
		}
	})
}
