package models

import (
	"context"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Ledgers: the inspection ledger (消防监督检查台账) and the hazard ledger
// (隐患台账), row by row from a database cursor, so that memory does not
// grow with the rows (see ledger.go).

// The ledgers' words for terms are the vocabulary's: a term column's header
// is its set's label and its cells are the terms' labels (vocab.*.ZH), the
// words the console shows; a hazard's kind is its checklist item's name.

// inspectionLedgerColumns are the inspection ledger's columns after 序号.
var inspectionLedgerColumns = []Column{{"检查编号", TextColumn}, {"场所名称", TextColumn}, {columnName(vocab.Categories), TextColumn},
	{columnName(vocab.RiskLevels), TextColumn}, {vocab.Grid.ZH(), TextColumn}, {"地址", TextColumn},
	{columnName(vocab.InspectionKinds), TextColumn}, {columnName(vocab.InspectionStatuses), TextColumn},
	{"周期开始", DateColumn}, {"应检日期", DateColumn}, {"是否逾期", TextColumn}, {"检查人", TextColumn}, {"开始时间", TimeColumn},
	{"签到距离(米)", NumberColumn}, {"异地签到", TextColumn}, {"提交时间", TimeColumn}, {"隐患数", IntColumn},
	{"审核人", TextColumn}, {"审核时间", TimeColumn}, {"备注", TextColumn}, {"审核意见", TextColumn}}

// hazardLedgerColumns are the hazard ledger's columns after 序号.
var hazardLedgerColumns = []Column{{"隐患编号", TextColumn}, {"场所名称", TextColumn}, {"地址", TextColumn}, {vocab.Grid.ZH(), TextColumn},
	{"隐患类别", TextColumn}, {columnName(vocab.Severities), TextColumn}, {"描述", TextColumn}, {columnName(vocab.FixModes), TextColumn},
	{"整改期限", DateColumn}, {columnName(vocab.HazardStatuses), TextColumn}, {"是否逾期", TextColumn}, {"发现时间", TimeColumn},
	{"发现人", TextColumn}, {"整改时间", TimeColumn}, {"整改人", TextColumn}, {"整改说明", TextColumn}, {"复查编号", TextColumn},
	{"验收时间", TimeColumn}, {"验收人", TextColumn}}

// InspectionLedgerHeader is the inspection ledger's header after 序号.
var InspectionLedgerHeader = header(inspectionLedgerColumns)

// HazardLedgerHeader is the hazard ledger's header after 序号.
var HazardLedgerHeader = header(hazardLedgerColumns)

// columnName is a set's Chinese name, the header of its column.
func columnName[T ~string](s *vocab.Set[T]) string {
	zh, _ := s.Label()
	return zh
}

// InspectionLedger is the ledger of the inspections in scope that match f
// and are due in r, by due date.
func InspectionLedger(ctx context.Context, db *gorm.DB, actor Actor, f InspectionFilter, r LedgerRange, today schedules.Date, loc *time.Location) (Ledger, error) {
	var c Check
	r.check(&c)
	if err := c.Err(); err != nil {
		return Ledger{}, err
	}
	q, err := filterInspections(ctx, db, actor, f, today)
	if err != nil {
		return Ledger{}, err
	}
	l := newLedger(r.onDates(q, "i.due_date"), "检查台账", "消防监督检查台账", inspectionLedgerColumns, func(q *gorm.DB, emit func([]any) error) error {
		return inspectionRows(q, today, loc, emit)
	})
	l.Unit, l.Period = ledgerUnit(ctx, db, actor, f.GridID), r.text(today)
	return l, nil
}

func inspectionRows(q *gorm.DB, today schedules.Date, loc *time.Location, emit func([]any) error) error {
	rows, err := q.Select(`i.id, v.name, v.category, v.risk_level, g.name AS grid, v.address, i.kind, i.status, i.period_start, i.due_date,
		COALESCE(u.name, '') AS officer, i.started_at, i.start_distance_m, i.off_site, i.submitted_at,
		(SELECT count(*) FROM hazards h WHERE h.inspection_id = i.id) AS hazards, COALESCE(ur.name, '') AS reviewer, i.reviewed_at,
		i.notes, i.review_comment`).
		Joins("JOIN org_units g ON g.id = i.grid_id").Joins("LEFT JOIN users u ON u.id = i.assignee_id").
		Joins("LEFT JOIN users ur ON ur.id = i.reviewed_by").
		Order("i.due_date, i.id").Rows()
	if err != nil {
		return translate(err, "export inspections")
	}
	defer rows.Close()
	var r inspectionRecord
	for rows.Next() {
		if err := rows.Scan(&r.ID, &r.Name, &r.Category, &r.RiskLevel, &r.Grid, &r.Address, &r.Kind, &r.Status, &r.PeriodStart, &r.DueDate,
			&r.Officer, &r.StartedAt, &r.StartDistanceM, &r.OffSite, &r.SubmittedAt, &r.Hazards, &r.Reviewer, &r.ReviewedAt,
			&r.Notes, &r.ReviewComment); err != nil {
			return translate(err, "read inspection")
		}
		if err := emit(inspectionRow(r, today, loc)); err != nil {
			return err
		}
	}
	return translate(rows.Err(), "read inspections")
}

// inspectionRecord is an inspection as the ledger reads it.
type inspectionRecord struct {
	ID, Name             string
	Category             vocab.Category
	RiskLevel            vocab.RiskLevel
	Grid, Address        string
	Kind                 vocab.InspectionKind
	Status               vocab.InspectionStatus
	PeriodStart, DueDate schedules.Date
	Officer              string
	StartedAt            *time.Time
	StartDistanceM       *float64
	OffSite              bool
	SubmittedAt          *time.Time
	Hazards              int64
	Reviewer             string
	ReviewedAt           *time.Time
	Notes, ReviewComment string
}

// inspectionRow is the inspection ledger's row of r, after 序号.
func inspectionRow(r inspectionRecord, today schedules.Date, loc *time.Location) []any {
	var dist any
	if r.StartDistanceM != nil {
		dist = *r.StartDistanceM
	}
	return []any{r.ID, r.Name, r.Category.ZH(), r.RiskLevel.ZH(), r.Grid, textCell(r.Address), r.Kind.ZH(), r.Status.ZH(),
		dateCell(r.PeriodStart), dateCell(r.DueDate), yesNo(IsOverdue(r.Status, r.DueDate, today)), textCell(r.Officer),
		timeCell(r.StartedAt, loc), dist, yesNo(r.OffSite), timeCell(r.SubmittedAt, loc), r.Hazards, textCell(r.Reviewer),
		timeCell(r.ReviewedAt, loc), textCell(r.Notes), textCell(r.ReviewComment)}
}

// HazardLedger is the hazard ledger (隐患台账) of the hazards in scope that
// match f and were found on a day of r, oldest first.
func HazardLedger(ctx context.Context, db *gorm.DB, actor Actor, f HazardFilter, r LedgerRange, today schedules.Date, loc *time.Location) (Ledger, error) {
	var c Check
	r.check(&c)
	if err := c.Err(); err != nil {
		return Ledger{}, err
	}
	q, err := filterHazards(ctx, db, actor, f, today)
	if err != nil {
		return Ledger{}, err
	}
	l := newLedger(r.onDays(q, "h.created_at", loc), "隐患台账", "火灾隐患台账", hazardLedgerColumns, func(q *gorm.DB, emit func([]any) error) error {
		return hazardRows(q, today, loc, emit)
	})
	l.Unit, l.Period = ledgerUnit(ctx, db, actor, f.GridID), r.text(today)
	return l, nil
}

func hazardRows(q *gorm.DB, today schedules.Date, loc *time.Location, emit func([]any) error) error {
	rows, err := q.Select(`h.id, v.name, v.address, g.name AS grid, c.label_zh, h.severity, h.description, h.fix_mode, h.deadline,
		h.status, h.created_at, COALESCE(uf.name, ''), h.rectified_at, COALESCE(ur.name, ''), COALESCE(h.rectify_description, ''),
		COALESCE(h.reinspection_id::text, ''), h.verified_at, COALESCE(uv.name, '')`).
		Joins("JOIN venues v ON v.id = h.venue_id").Joins("JOIN org_units g ON g.id = h.grid_id").
		Joins("JOIN checklist_items c ON c.code = h.code").
		Joins("LEFT JOIN inspections fi ON fi.id = h.inspection_id").Joins("LEFT JOIN users uf ON uf.id = fi.assignee_id").
		Joins("LEFT JOIN users ur ON ur.id = h.rectified_by").Joins("LEFT JOIN users uv ON uv.id = h.verified_by").
		Order("h.created_at, h.id").Rows()
	if err != nil {
		return translate(err, "export hazards")
	}
	defer rows.Close()
	var r hazardRecord
	for rows.Next() {
		if err := rows.Scan(&r.ID, &r.Name, &r.Address, &r.Grid, &r.Label, &r.Severity, &r.Description, &r.FixMode, &r.Deadline,
			&r.Status, &r.CreatedAt, &r.FoundBy, &r.RectifiedAt, &r.RectifiedBy, &r.RectifyDescription, &r.ReinspectionID,
			&r.VerifiedAt, &r.VerifiedBy); err != nil {
			return translate(err, "read hazard")
		}
		if err := emit(hazardRow(r, today, loc)); err != nil {
			return err
		}
	}
	return translate(rows.Err(), "read hazards")
}

// hazardRecord is a hazard as the ledger reads it.
type hazardRecord struct {
	ID, Name, Address, Grid, Label     string
	Severity                           vocab.Severity
	Description                        string
	FixMode                            vocab.FixMode
	Deadline                           schedules.Date
	Status                             vocab.HazardStatus
	CreatedAt                          time.Time
	FoundBy                            string
	RectifiedAt                        *time.Time
	RectifiedBy                        string
	RectifyDescription, ReinspectionID string
	VerifiedAt                         *time.Time
	VerifiedBy                         string
}

// hazardRow is the hazard ledger's row of r, after 序号.
func hazardRow(r hazardRecord, today schedules.Date, loc *time.Location) []any {
	return []any{r.ID, r.Name, textCell(r.Address), r.Grid, r.Label, r.Severity.ZH(), textCell(r.Description), r.FixMode.ZH(),
		dateCell(r.Deadline), r.Status.ZH(), yesNo(HazardOverdue(r.Status, r.Deadline, today)), timeCell(&r.CreatedAt, loc),
		textCell(r.FoundBy), timeCell(r.RectifiedAt, loc), textCell(r.RectifiedBy), textCell(r.RectifyDescription),
		textCell(r.ReinspectionID), timeCell(r.VerifiedAt, loc), textCell(r.VerifiedBy)}
}
