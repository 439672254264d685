package models

import (
	"context"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// documentLedgerColumns are the document ledger's columns after 序号.
var documentLedgerColumns = []Column{{"文书编号", TextColumn}, {columnName(vocab.DocumentKinds), TextColumn}, {columnName(vocab.DocumentStatuses), TextColumn},
	{"场所名称", TextColumn}, {"地址", TextColumn}, {vocab.Grid.ZH(), TextColumn}, {"签发时间", TimeColumn}, {"签发人", TextColumn},
	{"送达期限", DateColumn}, {"是否逾期", TextColumn}, {columnName(vocab.ServiceMethods), TextColumn}, {"受送达人", TextColumn},
	{"送达时间", TimeColumn}, {"送达人", TextColumn}, {"作废原因", TextColumn}, {"文书ID", TextColumn}}

// DocumentLedgerHeader is the document ledger's header after 序号.
var DocumentLedgerHeader = header(documentLedgerColumns)

// DocumentLedger is the document ledger (文书台账) of the documents in scope
// that match f and were made on a day of r, oldest first, streamed like the
// other ledgers.
func DocumentLedger(ctx context.Context, db *gorm.DB, actor Actor, f DocumentFilter, r LedgerRange, today schedules.Date, loc *time.Location) (Ledger, error) {
	var c Check
	r.check(&c)
	if err := c.Err(); err != nil {
		return Ledger{}, err
	}
	q, err := filterDocuments(ctx, db, actor, f, today)
	if err != nil {
		return Ledger{}, err
	}
	l := newLedger(r.onDays(q, "d.created_at", loc), "文书台账", "法律文书台账", documentLedgerColumns, func(q *gorm.DB, emit func([]any) error) error {
		return documentRows(q, today, loc, emit)
	})
	l.Unit, l.Period = ledgerUnit(ctx, db, actor, f.OrgUnitID), r.text(today)
	return l, nil
}

func documentRows(q *gorm.DB, today schedules.Date, loc *time.Location, emit func([]any) error) error {
	rows, err := q.Select(`d.id, COALESCE(d.number, ''), d.kind, d.status, v.name, v.address, g.name AS grid, d.issued_at,
		COALESCE(ui.name, ''), d.serve_by, COALESCE(d.service_method, ''), COALESCE(d.received_by, ''), d.received_at,
		COALESCE(us.name, ''), COALESCE(d.void_reason, '')`).
		Joins("JOIN org_units g ON g.id = d.grid_id").Joins("LEFT JOIN users ui ON ui.id = d.issued_by").
		Joins("LEFT JOIN users us ON us.id = d.served_by").Order("d.id").Rows()
	if err != nil {
		return translate(err, "export documents")
	}
	defer rows.Close()
	var r documentRecord
	for rows.Next() {
		if err := rows.Scan(&r.ID, &r.Number, &r.Kind, &r.Status, &r.Venue, &r.Address, &r.Grid, &r.IssuedAt, &r.IssuedBy, &r.ServeBy,
			&r.Method, &r.ReceivedBy, &r.ReceivedAt, &r.ServedBy, &r.VoidReason); err != nil {
			return translate(err, "read document")
		}
		if err := emit(documentRow(r, today, loc)); err != nil {
			return err
		}
	}
	return translate(rows.Err(), "read documents")
}

// documentRecord is a document as the ledger reads it.
type documentRecord struct {
	ID, Number           string
	Kind                 vocab.DocumentKind
	Status               vocab.DocumentStatus
	Venue, Address, Grid string
	IssuedAt             *time.Time
	IssuedBy             string
	ServeBy              schedules.Date
	Method               vocab.ServiceMethod
	ReceivedBy           string
	ReceivedAt           *time.Time
	ServedBy, VoidReason string
}

// documentRow is the document ledger's row of r, after 序号.
func documentRow(r documentRecord, today schedules.Date, loc *time.Location) []any {
	var serveBy *schedules.Date
	if !r.ServeBy.IsZero() {
		serveBy = &r.ServeBy
	}
	var method any
	if r.Method != "" {
		method = r.Method.ZH()
	}
	return []any{textCell(r.Number), r.Kind.ZH(), r.Status.ZH(), r.Venue, textCell(r.Address), r.Grid, timeCell(r.IssuedAt, loc),
		textCell(r.IssuedBy), dateCell(r.ServeBy), yesNo(DocumentOverdue(r.Status, serveBy, today)), method, textCell(r.ReceivedBy),
		timeCell(r.ReceivedAt, loc), textCell(r.ServedBy), textCell(r.VoidReason), r.ID}
}
