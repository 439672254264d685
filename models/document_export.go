package models

import (
	"context"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// DocumentLedgerHeader is the header row of the document ledger (文书台账).
var DocumentLedgerHeader = []string{"文书编号", columnName(vocab.DocumentKinds), columnName(vocab.DocumentStatuses), "场所名称", "地址",
	vocab.Grid.ZH(), "签发时间", "签发人", "送达期限", "是否逾期", columnName(vocab.ServiceMethods), "受送达人", "送达时间", "送达人", "作废原因", "文书ID"}

// DocumentLedger is the document ledger (文书台账) of the documents in scope
// that match f, oldest first, streamed like the other ledgers.
func DocumentLedger(ctx context.Context, db *gorm.DB, actor Actor, f DocumentFilter, today schedules.Date, loc *time.Location) (Ledger, error) {
	q, err := filterDocuments(ctx, db, actor, f, today)
	if err != nil {
		return Ledger{}, err
	}
	return Ledger{Header: DocumentLedgerHeader, write: func(ctx context.Context, emit func([]string) error) error {
		return documentRows(q.WithContext(ctx), today, loc, emit)
	}}, nil
}

func documentRows(q *gorm.DB, today schedules.Date, loc *time.Location, emit func([]string) error) error {
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

// documentRow is the document ledger's row of r.
func documentRow(r documentRecord, today schedules.Date, loc *time.Location) []string {
	var serveBy *schedules.Date
	if !r.ServeBy.IsZero() {
		serveBy = &r.ServeBy
	}
	method := ""
	if r.Method != "" {
		method = r.Method.ZH()
	}
	return []string{r.Number, r.Kind.ZH(), r.Status.ZH(), r.Venue, r.Address, r.Grid, timeText(r.IssuedAt, loc), r.IssuedBy,
		dateText(r.ServeBy), yesNo(DocumentOverdue(r.Status, serveBy, today)), method, r.ReceivedBy, timeText(r.ReceivedAt, loc),
		r.ServedBy, r.VoidReason, r.ID}
}
