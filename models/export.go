package models

import (
	"context"
	"strconv"
	"time"

	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Ledgers: the inspection ledger and the hazard ledger (隐患台账), row by
// row from a database cursor, so that memory does not grow with the rows.

// The ledgers' words for terms are the vocabulary's: a term column's header
// is its set's label and its cells are the terms' labels (vocab.*.ZH), the
// words the console shows.

// InspectionLedgerHeader is the header row of the inspection ledger.
var InspectionLedgerHeader = []string{"检查编号", "场所名称", columnName(vocab.Categories), columnName(vocab.RiskLevels), vocab.Grid.ZH(), "地址",
	columnName(vocab.InspectionKinds), columnName(vocab.InspectionStatuses), "周期开始", "应检日期", "是否逾期", "检查人", "开始时间", "签到距离(米)",
	"异地签到", "提交时间", "隐患数", "备注", "审核意见"}

// HazardLedgerHeader is the header row of the hazard ledger (隐患台账).
var HazardLedgerHeader = []string{"隐患编号", "场所名称", "地址", vocab.Grid.ZH(), "隐患类别", "隐患内容", columnName(vocab.Severities), "描述",
	columnName(vocab.FixModes), "整改期限", columnName(vocab.HazardStatuses), "是否逾期", "发现时间", "整改时间", "整改说明", "复查编号", "验收时间"}

// columnName is a set's Chinese name, the header of its column.
func columnName[T ~string](s *vocab.Set[T]) string {
	zh, _ := s.Label()
	return zh
}

// Ledger is an export ready to be written: its filters are checked, and
// Write streams its rows.
type Ledger struct {
	Header []string
	write  func(ctx context.Context, emit func([]string) error) error
}

// Write calls emit with each row in turn. It runs on ctx, which may outlive
// the request that asked for the ledger (the rows are sent as they come).
func (l Ledger) Write(ctx context.Context, emit func([]string) error) error {
	return l.write(ctx, emit)
}

// InspectionLedger is the ledger of the inspections in scope that match f,
// by due date.
func InspectionLedger(ctx context.Context, db *gorm.DB, actor Actor, f InspectionFilter, today schedules.Date, loc *time.Location) (Ledger, error) {
	q, err := filterInspections(ctx, db, actor, f, today)
	if err != nil {
		return Ledger{}, err
	}
	return Ledger{Header: InspectionLedgerHeader, write: func(ctx context.Context, emit func([]string) error) error {
		return inspectionRows(q.WithContext(ctx), today, loc, emit)
	}}, nil
}

func inspectionRows(q *gorm.DB, today schedules.Date, loc *time.Location, emit func([]string) error) error {
	rows, err := q.Select(`i.id, v.name, v.category, v.risk_level, g.name AS grid, v.address, i.kind, i.status, i.period_start, i.due_date,
		COALESCE(u.name, '') AS officer, i.started_at, i.start_distance_m, i.off_site, i.submitted_at,
		(SELECT count(*) FROM hazards h WHERE h.inspection_id = i.id) AS hazards, i.notes, i.review_comment`).
		Joins("JOIN org_units g ON g.id = i.grid_id").Joins("LEFT JOIN users u ON u.id = i.assignee_id").
		Order("i.due_date, i.id").Rows()
	if err != nil {
		return translate(err, "export inspections")
	}
	defer rows.Close()
	var r inspectionRecord
	for rows.Next() {
		if err := rows.Scan(&r.ID, &r.Name, &r.Category, &r.RiskLevel, &r.Grid, &r.Address, &r.Kind, &r.Status, &r.PeriodStart, &r.DueDate,
			&r.Officer, &r.StartedAt, &r.StartDistanceM, &r.OffSite, &r.SubmittedAt, &r.Hazards, &r.Notes, &r.ReviewComment); err != nil {
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
	Notes, ReviewComment string
}

// inspectionRow is the inspection ledger's row of r.
func inspectionRow(r inspectionRecord, today schedules.Date, loc *time.Location) []string {
	dist := ""
	if r.StartDistanceM != nil {
		dist = strconv.FormatFloat(*r.StartDistanceM, 'f', 0, 64)
	}
	return []string{r.ID, r.Name, r.Category.ZH(), r.RiskLevel.ZH(), r.Grid, r.Address, r.Kind.ZH(), r.Status.ZH(),
		dateText(r.PeriodStart), r.DueDate.String(), yesNo(IsOverdue(r.Status, r.DueDate, today)), r.Officer, timeText(r.StartedAt, loc), dist,
		yesNo(r.OffSite), timeText(r.SubmittedAt, loc), strconv.FormatInt(r.Hazards, 10), r.Notes, r.ReviewComment}
}

// HazardLedger is the hazard ledger (隐患台账) of the hazards in scope that
// match f, oldest first.
func HazardLedger(ctx context.Context, db *gorm.DB, actor Actor, f HazardFilter, today schedules.Date, loc *time.Location) (Ledger, error) {
	q, err := filterHazards(ctx, db, actor, f, today)
	if err != nil {
		return Ledger{}, err
	}
	return Ledger{Header: HazardLedgerHeader, write: func(ctx context.Context, emit func([]string) error) error {
		return hazardRows(q.WithContext(ctx), today, loc, emit)
	}}, nil
}

func hazardRows(q *gorm.DB, today schedules.Date, loc *time.Location, emit func([]string) error) error {
	rows, err := q.Select(`h.id, v.name, v.address, g.name AS grid, h.code, c.label_zh, h.severity, h.description, h.fix_mode, h.deadline,
		h.status, h.created_at, h.rectified_at, COALESCE(h.rectify_description, ''), COALESCE(h.reinspection_id::text, ''), h.verified_at`).
		Joins("JOIN venues v ON v.id = h.venue_id").Joins("JOIN org_units g ON g.id = h.grid_id").
		Joins("JOIN checklist_items c ON c.code = h.code").Order("h.created_at, h.id").Rows()
	if err != nil {
		return translate(err, "export hazards")
	}
	defer rows.Close()
	var r hazardRecord
	for rows.Next() {
		if err := rows.Scan(&r.ID, &r.Name, &r.Address, &r.Grid, &r.Code, &r.Label, &r.Severity, &r.Description, &r.FixMode, &r.Deadline,
			&r.Status, &r.CreatedAt, &r.RectifiedAt, &r.RectifyDescription, &r.ReinspectionID, &r.VerifiedAt); err != nil {
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
	ID, Name, Address, Grid, Code, Label string
	Severity                             vocab.Severity
	Description                          string
	FixMode                              vocab.FixMode
	Deadline                             schedules.Date
	Status                               vocab.HazardStatus
	CreatedAt                            time.Time
	RectifiedAt                          *time.Time
	RectifyDescription, ReinspectionID   string
	VerifiedAt                           *time.Time
}

// hazardRow is the hazard ledger's row of r.
func hazardRow(r hazardRecord, today schedules.Date, loc *time.Location) []string {
	return []string{r.ID, r.Name, r.Address, r.Grid, r.Code, r.Label, r.Severity.ZH(), r.Description, r.FixMode.ZH(),
		dateText(r.Deadline), r.Status.ZH(), yesNo(HazardOverdue(r.Status, r.Deadline, today)), timeText(&r.CreatedAt, loc),
		timeText(r.RectifiedAt, loc), r.RectifyDescription, r.ReinspectionID, timeText(r.VerifiedAt, loc)}
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

func timeText(t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return t.In(loc).Format("2006-01-02 15:04")
}
