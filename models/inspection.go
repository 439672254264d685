package models

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// openSQL is vocab.OpenInspectionStatuses as a SQL list, for a statement's text.
var openSQL = vocab.SQLList(vocab.OpenInspectionStatuses)

// plannedSQL is the SQL list of the planned inspection kinds.
var plannedSQL = vocab.SQLList(vocab.PlannedInspectionKinds())

// VenueSummary is what a task list shows of an inspection's venue.
type VenueSummary struct {
	Name      string          `json:"name"`
	Category  vocab.Category  `json:"category"`
	RiskLevel vocab.RiskLevel `json:"risk_level"`
	Address   string          `json:"address"`
	Lat       float64         `json:"lat"`
	Lng       float64         `json:"lng"`
}

// Inspection is one visit to a venue: routine (from the schedule),
// reinspection (复查, for hazards with a deadline) or ad hoc.
type Inspection struct {
	ID             uuid.UUID              `json:"id"`
	VenueID        uuid.UUID              `json:"venue_id"`
	Venue          VenueSummary           `json:"venue" gorm:"embedded;embeddedPrefix:venue_"`
	GridID         uuid.UUID              `json:"grid_id"`
	Kind           vocab.InspectionKind   `json:"kind"`
	Status         vocab.InspectionStatus `json:"status"`
	Interval       *vocab.Interval        `json:"interval"`
	PeriodStart    schedules.Date         `json:"period_start"`
	OpensOn        schedules.Date         `json:"opens_on"`
	DueDate        schedules.Date         `json:"due_date"`
	Overdue        bool                   `json:"overdue" gorm:"-"`
	AssigneeID     *uuid.UUID             `json:"assignee_id"`
	StartedAt      *time.Time             `json:"started_at"`
	StartLat       *float64               `json:"start_lat"`
	StartLng       *float64               `json:"start_lng"`
	StartAccuracyM *float64               `json:"start_accuracy_m"`
	StartDistanceM *float64               `json:"start_distance_m"`
	OffSite        bool                   `json:"off_site"`
	SubmittedAt    *time.Time             `json:"submitted_at"`
	Checklist      ChecklistAnswers       `json:"checklist"`
	HazardIDs      []uuid.UUID            `json:"hazard_ids" gorm:"-"`
	OpenHazards    int                    `json:"open_hazards"`
	Notes          string                 `json:"notes"`
	ReviewComment  string                 `json:"review_comment"`
	ReviewedBy     *uuid.UUID             `json:"reviewed_by"`
	ReviewedAt     *time.Time             `json:"reviewed_at"`
	Version        int                    `json:"version"`
	CreatedAt      time.Time              `json:"created_at"`
	UpdatedAt      time.Time              `json:"updated_at"`
	DistanceM      *float64               `json:"distance_m,omitempty"`
	// SelfInspection is, for a task not yet submitted, the venue's latest
	// monthly self-inspection (自查) with failed items: what the officer
	// looks at first.
	SelfInspection json.RawMessage `json:"self_inspection" gorm:"column:self_inspection"`
}

// IsOverdue is the derived overdue flag: not yet submitted, and due before today.
func IsOverdue(status vocab.InspectionStatus, due, today schedules.Date) bool {
	return status.Open() && due.Before(today)
}

// inspectionFields are the columns every read of inspections selects, each
// with the field it is read into: inspectionColumns (for GORM's reads) and
// scanInspections (the task list's, by hand) both follow this one list.
var inspectionFields = []struct {
	sql  string
	dest func(*Inspection) any
}{
	{"i.id", func(in *Inspection) any { return (*uuidCol)(&in.ID) }},
	{"i.venue_id", func(in *Inspection) any { return (*uuidCol)(&in.VenueID) }},
	{"i.grid_id", func(in *Inspection) any { return (*uuidCol)(&in.GridID) }},
	{"i.kind", func(in *Inspection) any { return textCol[vocab.InspectionKind]{&in.Kind} }},
	{"i.status", func(in *Inspection) any { return textCol[vocab.InspectionStatus]{&in.Status} }},
	{"i.interval", func(in *Inspection) any { return optText[vocab.Interval]{&in.Interval} }},
	{"i.period_start", func(in *Inspection) any { return (*dateCol)(&in.PeriodStart) }},
	{"i.opens_on", func(in *Inspection) any { return (*dateCol)(&in.OpensOn) }},
	{"i.due_date", func(in *Inspection) any { return (*dateCol)(&in.DueDate) }},
	{"i.assignee_id", func(in *Inspection) any { return optUUID{&in.AssigneeID} }},
	{"i.started_at", func(in *Inspection) any { return optTime{&in.StartedAt} }},
	{"i.start_lat", func(in *Inspection) any { return optFloat{&in.StartLat} }},
	{"i.start_lng", func(in *Inspection) any { return optFloat{&in.StartLng} }},
	{"i.start_accuracy_m", func(in *Inspection) any { return optFloat{&in.StartAccuracyM} }},
	{"i.start_distance_m", func(in *Inspection) any { return optFloat{&in.StartDistanceM} }},
	{"i.off_site", func(in *Inspection) any { return &in.OffSite }},
	{"i.submitted_at", func(in *Inspection) any { return optTime{&in.SubmittedAt} }},
	{"i.checklist", func(in *Inspection) any { return &in.Checklist }},
	{"i.notes", func(in *Inspection) any { return &in.Notes }},
	{"i.review_comment", func(in *Inspection) any { return &in.ReviewComment }},
	{"i.reviewed_by", func(in *Inspection) any { return optUUID{&in.ReviewedBy} }},
	{"i.reviewed_at", func(in *Inspection) any { return optTime{&in.ReviewedAt} }},
	{"i.version", func(in *Inspection) any { return &in.Version }},
	{"i.created_at", func(in *Inspection) any { return &in.CreatedAt }},
	{"i.updated_at", func(in *Inspection) any { return &in.UpdatedAt }},
	{"v.name AS venue_name", func(in *Inspection) any { return &in.Venue.Name }},
	{"v.category AS venue_category", func(in *Inspection) any { return textCol[vocab.Category]{&in.Venue.Category} }},
	{"v.risk_level AS venue_risk_level", func(in *Inspection) any { return textCol[vocab.RiskLevel]{&in.Venue.RiskLevel} }},
	{"v.address AS venue_address", func(in *Inspection) any { return &in.Venue.Address }},
	{"v.lat AS venue_lat", func(in *Inspection) any { return &in.Venue.Lat }},
	{"v.lng AS venue_lng", func(in *Inspection) any { return &in.Venue.Lng }},
	{selfInspectionColumn, func(in *Inspection) any { return (*jsonColumn)(&in.SelfInspection) }},
}

// jsonColumn reads a json or jsonb column that may be NULL (nil then).
type jsonColumn json.RawMessage

// Scan keeps a copy of the column's text.
func (j *jsonColumn) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*j = nil
	case string:
		*j = jsonColumn(v)
	case []byte:
		*j = append(jsonColumn(nil), v...)
	default:
		return fmt.Errorf("cannot scan %T into JSON", src)
	}
	return nil
}

// inspectionColumns is the select list of inspectionFields.
var inspectionColumns = func() string {
	cols := make([]string, len(inspectionFields))
	for i, f := range inspectionFields {
		cols[i] = f.sql
	}
	return strings.Join(cols, ", ")
}()

// scanInspections reads the rows of inspectionColumns and then the extra
// columns into their fields, one inspection a row (about size rows).
// Reading by hand rather than through GORM's reflection takes a sixth off
// the task list's time in process (BenchmarkTaskList, docs/BENCHMARKS.md).
func scanInspections(rows rowReader, size int, extra func(*Inspection) []any) ([]Inspection, error) {
	out := make([]Inspection, 0, size)
	dest := make([]any, 0, len(inspectionFields)+3) // one for every row
	for rows.Next() {
		out = append(out, Inspection{})
		if err := scanInspection(rows, &out[len(out)-1], dest, extra); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

// scanInspection reads the current row of rows into in (dest is room for
// its destinations).
func scanInspection(rows rowReader, in *Inspection, dest []any, extra func(*Inspection) []any) error {
	dest = dest[:0]
	for _, f := range inspectionFields {
		dest = append(dest, f.dest(in))
	}
	return rows.Scan(append(dest, extra(in)...)...)
}

// inspections starts a scoped query of inspections joined to their venues.
func inspections(ctx context.Context, db *gorm.DB, actor Actor) *gorm.DB {
	return scopedInspections(ctx, db, actor).Joins("JOIN venues v ON v.id = i.venue_id")
}

// scopedInspections starts a scoped query of inspections (as i) alone.
func scopedInspections(ctx context.Context, db *gorm.DB, actor Actor) *gorm.DB {
	return actor.Scoped(db.WithContext(ctx).Table("inspections i"), "i.grid_id")
}

// GetInspection returns an inspection in scope, with its hazards' ids.
func GetInspection(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, today schedules.Date) (Inspection, error) {
	// One statement, its hazards' ids with it, read as the task list reads
	// its page.
	q := inspections(ctx, db, actor).Select(inspectionColumns+", "+openHazardsColumn+", "+hazardListColumn).Where("i.id = ?", id)
	var found []Inspection
	err := readRows(ctx, q, func(r rowReader) (err error) {
		found, err = scanInspections(r, 1, func(in *Inspection) []any {
			return []any{&in.OpenHazards, (*idList)(&in.HazardIDs)}
		})
		return err
	})
	if err == nil && len(found) == 0 {
		err = gorm.ErrRecordNotFound
	}
	if err != nil {
		return Inspection{}, translate(err, "read inspection")
	}
	in := found[0]
	in.Overdue = IsOverdue(in.Status, in.DueDate, today)
	return in, nil
}

// InspectionFilter narrows a list of inspections.
type InspectionFilter struct {
	// Mine keeps the caller's open tasks: open inspections in their scope
	// that nobody else has taken.
	Mine      bool
	Statuses  []vocab.InspectionStatus
	Overdue   *bool
	Kind      vocab.InspectionKind
	VenueID   *uuid.UUID
	GridID    *uuid.UUID
	DueBefore *schedules.Date
	// DueFrom and DueTo keep inspections due in that range, both days
	// included (the dashboard's from and to).
	DueFrom, DueTo *schedules.Date
	// Planned true keeps the schedule's kinds (vocab InspectionKind.Planned),
	// false the ad hoc ones.
	Planned *bool
	// OrgUnitID keeps the inspections of the grids under that unit.
	OrgUnitID *uuid.UUID
	Near      *LatLng
	// AssigneeID keeps the inspections of one officer.
	AssigneeID *uuid.UUID
}

type inspectionCursor struct {
	// Top: the page ended among the complaint inspections, which come first.
	Top  bool           `json:"top,omitempty"`
	Due  schedules.Date `json:"due"`
	ID   uuid.UUID      `json:"id"`
	Dist *float64       `json:"d,omitempty"`
}

// filterInspections builds the scoped, filtered query of a list or an
// export of inspections. Without a status filter, cancelled ones are left out.
func filterInspections(ctx context.Context, db *gorm.DB, actor Actor, f InspectionFilter, today schedules.Date) (*gorm.DB, error) {
	return filterOn(inspections(ctx, db, actor), actor, f, today)
}

// filterOn adds f's conditions (on the columns of i alone) to q.
func filterOn(q *gorm.DB, actor Actor, f InspectionFilter, today schedules.Date) (*gorm.DB, error) {
	var c Check
	for _, s := range f.Statuses {
		c.Add(!s.Valid(), "status", "must be one or more of %s", vocab.InspectionStatuses.List())
	}
	optionalTerm(&c, "kind", vocab.InspectionKinds, f.Kind)
	c.Add(f.DueFrom != nil && f.DueTo != nil && f.DueTo.Before(*f.DueFrom), "due_to", "must not be before due_from")
	if err := c.Err(); err != nil {
		return nil, err
	}
	switch {
	case f.Mine:
		q = q.Where("i.status IN "+openSQL+" AND (i.assignee_id IS NULL OR i.assignee_id = ?)", actor.UserID)
		if len(f.Statuses) > 0 {
			q = q.Where("i.status IN ?", f.Statuses)
		}
	case len(f.Statuses) > 0:
		q = q.Where("i.status IN ?", f.Statuses)
	default:
		q = q.Where("i.status <> 'cancelled'")
	}
	if f.AssigneeID != nil {
		q = q.Where("i.assignee_id = ?", *f.AssigneeID)
	}
	if f.Overdue != nil {
		cond := "i.status IN " + openSQL + " AND i.due_date < ?"
		if !*f.Overdue {
			cond = "NOT (" + cond + ")"
		}
		q = q.Where(cond, today)
	}
	if f.Kind != "" {
		q = q.Where("i.kind = ?", f.Kind)
	}
	if f.VenueID != nil {
		q = q.Where("i.venue_id = ?", *f.VenueID)
	}
	if f.GridID != nil {
		q = q.Where("i.grid_id = ?", *f.GridID)
	}
	if f.DueBefore != nil {
		q = q.Where("i.due_date < ?", *f.DueBefore)
	}
	q = LedgerRange{From: f.DueFrom, To: f.DueTo}.onDates(q, "i.due_date")
	if f.Planned != nil {
		op := "IN"
		if !*f.Planned {
			op = "NOT IN"
		}
		q = q.Where("i.kind " + op + " " + plannedSQL)
	}
	if f.OrgUnitID != nil {
		q = q.Where("i.grid_id IN (SELECT id FROM org_units WHERE path @> ARRAY[?]::uuid[])", *f.OrgUnitID)
	}
	return q, nil
}

// ListInspections lists inspections in scope that match f: complaint
// inspections first, then by due date (so overdue work first); or by
// distance from f.Near. GET /inspections answers the same page written
// straight from its rows (ListInspectionsJSON); this one, read into
// structs, is what its tests hold it to.
func ListInspections(ctx context.Context, db *gorm.DB, actor Actor, f InspectionFilter, p Page, today schedules.Date) (List[Inspection], error) {
	text, vars, err := listStatement(ctx, db, actor, f, p, today)
	if err != nil {
		return List[Inspection]{}, err
	}
	var rows []Inspection
	err = readStatement(ctx, db, text, vars, func(r rowReader) (err error) {
		rows, err = scanInspections(r, p.limit()+1, listExtras(f))
		return err
	})
	if err != nil {
		return List[Inspection]{}, translate(err, "list inspections")
	}
	for i := range rows {
		rows[i].Overdue = IsOverdue(rows[i].Status, rows[i].DueDate, today)
	}
	return pageOf(rows, p.limit(), inspectionKey), nil
}

// listExtras are the columns a list of inspections reads after
// inspectionFields, for in.
func listExtras(f InspectionFilter) func(in *Inspection) []any {
	return func(in *Inspection) []any {
		if f.Near != nil {
			return []any{&in.OpenHazards, (*idList)(&in.HazardIDs), &in.DistanceM}
		}
		return []any{&in.OpenHazards, (*idList)(&in.HazardIDs)}
	}
}

// inspectionKey is the cursor key of a list's inspection.
func inspectionKey(in Inspection) any {
	return inspectionCursor{Top: in.Kind == vocab.Complaint && in.DistanceM == nil, Due: in.DueDate, ID: in.ID, Dist: in.DistanceM}
}

// TaskListSQL is the statement GET /inspections?mine=true sends for an
// officer, with its values: what the load harness has pgbench prepare and
// run beside the service (docs/BENCHMARKS.md), so that the two cannot
// differ, nor be planned differently. db is only used to build it (a dry
// run).
func TaskListSQL(ctx context.Context, db *gorm.DB, officer uuid.UUID, today schedules.Date) (string, []any, error) {
	return listStatement(ctx, db.Session(&gorm.Session{NewDB: true}), Actor{UserID: officer, Role: vocab.Officer}, InspectionFilter{Mine: true}, Page{}, today)
}

// listStatement is the statement of a page of ListInspections, and its
// values.
func listStatement(ctx context.Context, db *gorm.DB, actor Actor, f InspectionFilter, p Page, today schedules.Date) (string, []any, error) {
	vars, own, err := ownTaskValues(actor, f, p)
	if err != nil {
		return "", nil, err
	}
	var kept *atomic.Pointer[string]
	if own {
		kept = &ownTasks[0]
		if p.Cursor != "" {
			kept = &ownTasks[1]
		}
		if text := kept.Load(); text != nil {
			return *text, vars, nil
		}
	}
	q, err := listInspections(ctx, db, actor, f, p, today)
	if err != nil {
		return "", nil, err
	}
	text, built, err := statementOf(q)
	if err != nil || !own {
		return text, built, err
	}
	if !slices.Equal(built, vars) {
		return "", nil, fmt.Errorf("list inspections: the task list's values are %v, its statement takes %v", vars, built)
	}
	kept.Store(&text)
	return text, vars, nil
}

// ownTasks keeps the two statements of an officer's own task list (GET
// /inspections?mine=true and no other filter): [0] for the first page,
// [1] for a page after a cursor. It is the service's hottest read. Each is
// built by GORM (listInspections) on its first use; later requests bring
// their values alone (ownTaskValues). Building the statement for every
// request took a sixth of the service's CPU on the task list
// (docs/BENCHMARKS.md).
var ownTasks [2]atomic.Pointer[string]

// ownTaskValues is, for an officer's own task list (own), its statement's
// values in the order listInspections writes them: listStatement checks
// that order once a process, TestOwnTaskStatement on every shape.
func ownTaskValues(actor Actor, f InspectionFilter, p Page) (vars []any, own bool, err error) {
	_, _, byGrid := actor.ScopeGrids()
	rest := f
	rest.Mine = false
	if !byGrid || !f.Mine || !reflect.ValueOf(rest).IsZero() {
		return nil, false, nil
	}
	limit := p.limit() + 1
	if p.Cursor == "" {
		return []any{actor.UserID, actor.UserID, limit, limit}, true, nil
	}
	var after inspectionCursor
	if err := DecodeCursor(p.Cursor, &after); err != nil {
		return nil, false, err
	}
	return []any{actor.UserID, actor.UserID, !after.Top, after.Due, after.ID, limit, limit}, true, nil
}

// listInspections builds the statement of a page of ListInspections.
func listInspections(ctx context.Context, db *gorm.DB, actor Actor, f InspectionFilter, p Page, today schedules.Date) (*gorm.DB, error) {
	// An officer's page (not by distance) is taken grid by grid: each
	// grid's first rows in the order of inspections_open_first_idx, then
	// the first of those. In one set, the officer's open inspections were
	// all read and sorted (about 250 a grid) to keep 51.
	grids, gridArgs, byGrid := actor.ScopeGrids()
	byGrid = byGrid && f.Near == nil
	base := scopedInspections(ctx, db, actor)
	if byGrid {
		base = db.WithContext(ctx).Table("inspections i").Where("i.grid_id = sg.grid_id") // sg: the officer's grids, below
	}
	q, err := filterOn(base, actor, f, today)
	if err != nil {
		return nil, err
	}
	var after inspectionCursor
	if p.Cursor != "" {
		if err := DecodeCursor(p.Cursor, &after); err != nil {
			return nil, err
		}
	}
	cols := inspectionColumns + ", " + openHazardsColumn + ", " + hazardListColumn
	if f.Near != nil {
		q = q.Joins("JOIN venues v ON v.id = i.venue_id")
		dist := distanceFrom("v.")
		q = q.Select(cols+", "+dist+" AS distance_m", f.Near.Lat, f.Near.Lng)
		if p.Cursor != "" {
			if after.Dist == nil {
				return nil, Invalid("cursor", "is not a cursor this list gave out")
			}
			q = q.Where("("+dist+", i.id) > (?, ?)", f.Near.Lat, f.Near.Lng, *after.Dist, after.ID)
		}
		q = q.Order(clause.OrderBy{Expression: clause.Expr{SQL: dist + ", i.id", Vars: []any{f.Near.Lat, f.Near.Lng}}})
		q = q.Limit(p.limit() + 1)
	} else {
		// The page first, then its venues: joining every open inspection of
		// a grid to its venue before the LIMIT read five venues for each one
		// shown (the task list's hot path; docs/BENCHMARKS.md).
		//
		// Complaint inspections (a report's check, on its legal clock) come
		// first, then the rest by due date.
		const order = "i.kind <> 'complaint', i.due_date, i.id"
		if p.Cursor != "" {
			q = q.Where("(i.kind <> 'complaint', i.due_date, i.id) > (?, ?, ?)", !after.Top, after.Due, after.ID)
		}
		if byGrid {
			perGrid := q.Select("i.*").Order(order).Limit(p.limit() + 1)
			q = db.WithContext(ctx).Table("("+grids+") sg", gridArgs...).Joins("CROSS JOIN LATERAL (?) i", perGrid)
		}
		page := q.Select("i.*").Order(order).Limit(p.limit() + 1)
		q = db.WithContext(ctx).Table("(?) i", page).Joins("JOIN venues v ON v.id = i.venue_id").Select(cols).Order(order)
	}
	return q, nil
}

// hazardListColumn is the ids of an inspection's hazards, oldest first, as
// an array (idList): read with the page rather than by a query of their own.
const hazardListColumn = "ARRAY(SELECT h.id FROM hazards h WHERE h.inspection_id = i.id ORDER BY h.created_at, h.id) AS hazard_ids"

// parseIDList reads a comma-separated list of ids.
func parseIDList(s string) ([]uuid.UUID, error) {
	out := []uuid.UUID{}
	if s == "" {
		return out, nil
	}
	for _, p := range strings.Split(s, ",") {
		id, err := uuid.Parse(p)
		if err != nil {
			return nil, fmt.Errorf("read hazard ids: %w", err)
		}
		out = append(out, id)
	}
	return out, nil
}
