package models

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// A ledger (台账) is what a station files: a title row naming the unit and
// the period, a header, and one typed row per record, numbered (序号). The
// rows come from a database cursor and are written as they come, so that
// memory does not grow with them; the writers (CSV, XLSX) are in handlers.

// ColumnKind is what a ledger column holds, which decides how a
// spreadsheet shows it (a real date, a number) and how wide it is.
type ColumnKind uint8

const (
	// TextColumn holds words; its width is measured on the first rows.
	TextColumn ColumnKind = iota
	// IntColumn holds whole numbers: 序号, counts.
	IntColumn
	// NumberColumn holds a measure, shown rounded to a whole number.
	NumberColumn
	// DateColumn holds civil dates (schedules.Date).
	DateColumn
	// TimeColumn holds instants in the service's zone, to the minute.
	TimeColumn
)

// Column is one column of a ledger.
type Column struct {
	Name string
	Kind ColumnKind
}

// A ledger row's cells are nil (an empty cell), string, int64, float64,
// schedules.Date or time.Time (already in the service's zone): the kinds of
// their columns.

// SerialColumn is every ledger's first column, the row's number.
var SerialColumn = Column{"序号", IntColumn}

// NoRecords is what a ledger without rows says under its header.
const NoRecords = "无记录"

// Ledger is an export ready to be written: its filters are checked, Count
// counts its rows and Write streams them.
type Ledger struct {
	// Sheet is the sheet's (and the file's) Chinese name, e.g. 检查台账.
	Sheet string
	// Title is the ledger's name in its title row, e.g. 消防监督检查台账.
	Title string
	// Unit is the full name of the unit the ledger is of (聊城市东昌府区古楼派出所).
	Unit string
	// Period is the period it covers, e.g. "2026-11-01 至 2026-11-30".
	Period string
	// Columns are its columns, SerialColumn first.
	Columns []Column
	count   func(ctx context.Context) (int64, error)
	write   func(ctx context.Context, emit func([]any) error) error
}

// Heading is the ledger's title row: unit, title and period.
func (l Ledger) Heading() string {
	s := l.Title
	if l.Unit != "" {
		s = l.Unit + " " + s
	}
	if l.Period != "" {
		s += " " + l.Period
	}
	return s
}

// Header is the names of its columns.
func (l Ledger) Header() []string {
	out := make([]string, len(l.Columns))
	for i, c := range l.Columns {
		out[i] = c.Name
	}
	return out
}

// Count is how many rows Write would write now.
func (l Ledger) Count(ctx context.Context) (int64, error) {
	return l.count(ctx)
}

// Write calls emit with each row in turn, its number (序号) first. It runs
// on ctx, which may outlive the request that asked for the ledger (the rows
// are sent as they come).
func (l Ledger) Write(ctx context.Context, emit func([]any) error) error {
	var n int64
	row := make([]any, 0, len(l.Columns))
	return l.write(ctx, func(cells []any) error {
		n++
		row = append(append(row[:0], n), cells...)
		return emit(row)
	})
}

// newLedger is a ledger of the rows of q (a scoped, filtered query), with
// SerialColumn before cols.
func newLedger(q *gorm.DB, sheet, title string, cols []Column, rows func(q *gorm.DB, emit func([]any) error) error) Ledger {
	return Ledger{Sheet: sheet, Title: title, Columns: append([]Column{SerialColumn}, cols...),
		count: func(ctx context.Context) (int64, error) {
			var n int64
			err := q.Session(&gorm.Session{}).WithContext(ctx).Count(&n).Error
			return n, translate(err, "count "+sheet)
		},
		write: func(ctx context.Context, emit func([]any) error) error {
			return rows(q.Session(&gorm.Session{}).WithContext(ctx), emit)
		}}
}

// header is the names of cols.
func header(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

// LedgerRange is the period a ledger covers, both ends included; either
// may be open. A monthly ledger is the common case.
type LedgerRange struct {
	From, To *schedules.Date
}

// check refuses a range whose end is before its start.
func (r LedgerRange) check(c *Check) {
	c.Add(r.From != nil && r.To != nil && r.To.Before(*r.From), "to", "must not be before from")
}

// text is the range as the title row says it.
func (r LedgerRange) text(today schedules.Date) string {
	switch {
	case r.From != nil && r.To != nil:
		return r.From.String() + " 至 " + r.To.String()
	case r.From != nil:
		return r.From.String() + " 起"
	case r.To != nil:
		return "截至 " + r.To.String()
	}
	return "截至 " + today.String()
}

// onDates keeps the rows whose date column col falls in r.
func (r LedgerRange) onDates(q *gorm.DB, col string) *gorm.DB {
	if r.From != nil {
		q = q.Where(col+" >= ?", *r.From)
	}
	if r.To != nil {
		q = q.Where(col+" <= ?", *r.To)
	}
	return q
}

// onDays keeps the rows whose instant column col falls on a day of r in loc.
func (r LedgerRange) onDays(q *gorm.DB, col string, loc *time.Location) *gorm.DB {
	start := func(d schedules.Date) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc) }
	if r.From != nil {
		q = q.Where(col+" >= ?", start(*r.From))
	}
	if r.To != nil {
		q = q.Where(col+" < ?", start(r.To.AddDays(1)))
	}
	return q
}

// ledgerUnit is the full name of the unit a ledger is of: unit when it is
// given and in the actor's scope, else the actor's own. A station reads as
// its path from the city down (聊城市 + 东昌府区 + 东昌府区古楼派出所 reads
// 聊城市东昌府区古楼派出所: a name that starts with its parent's replaces
// it), a grid as its station's and, after a space, its own name.
func ledgerUnit(ctx context.Context, db *gorm.DB, actor Actor, unit *uuid.UUID) string {
	type part struct {
		Name string
		Kind vocab.OrgUnitKind
	}
	find := func(id uuid.UUID) []part {
		var parts []part
		err := db.WithContext(ctx).Raw(`SELECT p.name, p.kind FROM org_units u JOIN org_units p ON p.id = ANY (u.path)
			WHERE u.id = ? AND (? OR u.path @> ARRAY[?]::uuid[]) ORDER BY array_position(u.path, p.id)`,
			id, actor.IsAdmin(), actor.OrgUnitID).Scan(&parts).Error
		if err != nil {
			return nil
		}
		return parts
	}
	var parts []part
	if unit != nil {
		parts = find(*unit)
	}
	if len(parts) == 0 {
		parts = find(actor.OrgUnitID)
	}
	name, parent, grid := "", "", ""
	for _, p := range parts {
		switch {
		case p.Kind == vocab.Grid:
			grid = p.Name
		case parent != "" && strings.HasPrefix(p.Name, parent):
			name = strings.TrimSuffix(name, parent) + p.Name
		default:
			name += p.Name
		}
		parent = p.Name
	}
	if grid != "" && name != "" {
		return name + " " + grid
	}
	return name + grid
}

// CellText is a cell as CSV writes it: dates as YYYY-MM-DD, instants as
// YYYY-MM-DD HH:MM, measures rounded, nothing for an empty cell.
func CellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case schedules.Date:
		return dateText(v)
	case time.Time:
		return v.Format("2006-01-02 15:04")
	}
	panic("models: a ledger cell of an unknown kind")
}

// rowText is a row's cells as text.
func rowText(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = CellText(v)
	}
	return out
}

// dateCell is a date cell: empty for the zero date.
func dateCell(d schedules.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

// timeCell is an instant's cell in loc: empty for none.
func timeCell(t *time.Time, loc *time.Location) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return t.In(loc)
}

// textCell is a text cell: empty for "".
func textCell(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func dateText(d schedules.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
