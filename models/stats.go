package models

import (
	"context"
	"sort"
	"strings"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// StatsQuery asks for the figures of an org unit (nil: the actor's whole
// scope) over a date range, both ends included.
type StatsQuery struct {
	OrgUnitID *uuid.UUID
	From, To  schedules.Date
}

// VenueFigures count the active venues.
type VenueFigures struct {
	Total      int64            `json:"total"`
	ByLevel    map[string]int64 `json:"by_level"`
	ByCategory map[string]int64 `json:"by_category"`
}

// InspectionFigures count the inspections due in the range.
type InspectionFigures struct {
	// Due: not cancelled, due date in the range.
	Due int64 `json:"due"`
	// Done: of those, submitted (and not returned since).
	Done int64 `json:"done"`
	// OnTime: done on or before the due date.
	OnTime int64 `json:"on_time"`
	// Overdue: not done (an open status), and the due date is before today.
	// It counts the rows of GET /inspections?overdue=true&planned=true
	// &due_from=From&due_to=To&org_unit_id=OrgUnitID: the dashboard links the
	// figure to that list (the work page), so both follow one rule.
	Overdue int64 `json:"overdue"`
	// CompletionRate is Done / Due (0 when nothing is due).
	CompletionRate float64 `json:"completion_rate"`
	// AdHoc, AdHocDone: the officers' own visits (ad hoc inspections) due in
	// the range, and those of them submitted. They are work beside the
	// schedule, so Due, Done, OnTime, Overdue and the rate leave them out.
	AdHoc     int64 `json:"ad_hoc"`
	AdHocDone int64 `json:"ad_hoc_done"`
}

// HazardFigures count the hazards found in the range.
type HazardFigures struct {
	// Found: created (found) on a date in the range.
	Found int64 `json:"found"`
	// FixedOnSite: of those, fixed on site (当场整改), unless the fix was
	// rejected and the hazard is open again.
	FixedOnSite int64 `json:"fixed_on_site"`
	// FixedByDeadline: of those with a deadline (限期整改), fixed on or
	// before it, unless the fix was rejected and the hazard is open again.
	FixedByDeadline int64 `json:"fixed_by_deadline"`
	// Rectified, Verified, Open: of those, by their status now.
	Rectified int64 `json:"rectified"`
	Verified  int64 `json:"verified"`
	Open      int64 `json:"open"`
	// Overdue: open, and the deadline is before today.
	Overdue int64 `json:"overdue"`
}

// Stats are the figures of one unit or grid.
type Stats struct {
	OrgUnitID   *uuid.UUID        `json:"org_unit_id"`
	Name        string            `json:"name,omitempty"`
	Code        string            `json:"code,omitempty"`
	From        schedules.Date    `json:"from"`
	To          schedules.Date    `json:"to"`
	Venues      VenueFigures      `json:"venues"`
	Inspections InspectionFigures `json:"inspections"`
	Hazards     HazardFigures     `json:"hazards"`
	Documents   DocumentFigures   `json:"documents"`
	Reports     ReportFigures     `json:"reports"`
}

// ReportFigures count the reports (举报投诉) received in the range (counted
// from the reports themselves).
type ReportFigures struct {
	// Received: received on a date in the range.
	Received int64 `json:"received"`
	// CheckedInTime, CheckedLate: of those, checked by their due time, or after.
	CheckedInTime int64 `json:"checked_in_time"`
	CheckedLate   int64 `json:"checked_late"`
	// Open: not checked yet; Overdue: of those, past their due time.
	Open    int64 `json:"open"`
	Overdue int64 `json:"overdue"`
}

// DocumentFigures count the legal documents made in the range (counted
// from the documents themselves: they are few beside inspections).
type DocumentFigures struct {
	// Issued: given a number (served and void ones included).
	Issued int64 `json:"issued"`
	// Served: of those made, served on the venue.
	Served int64 `json:"served"`
	// Unserved: drafts and issued ones not yet served.
	Unserved int64 `json:"unserved"`
	// Overdue: unserved, and past their serve-by date.
	Overdue int64 `json:"overdue"`
	// Void: voided (作废).
	Void int64 `json:"void"`
}

// statsGrids is the set of grids the figures cover, as a SELECT of their ids.
func statsGrids(ctx context.Context, db *gorm.DB, actor Actor, q StatsQuery) (stmt, error) {
	if err := checkStatsRange(q.From, q.To); err != nil {
		return stmt{}, err
	}
	cond, args := actor.ScopeSQL("id")
	grids := sqlOf("SELECT id FROM org_units WHERE kind = 'grid' AND "+cond, args...)
	if q.OrgUnitID != nil {
		if _, err := GetOrgUnit(ctx, db, actor, *q.OrgUnitID); err != nil {
			return stmt{}, err
		}
		grids.add(" AND path @> ARRAY[?]::uuid[]", *q.OrgUnitID)
	}
	return grids, nil
}

// statsRow is one grid's counts as SQL returns them.
type statsRow struct {
	GridID uuid.UUID
	Key    string
	N      int64
}

// StatsOverview computes the figures of a unit in SQL, from the counts kept
// per grid and day (see statsByGrid).
func StatsOverview(ctx context.Context, db *gorm.DB, actor Actor, q StatsQuery, today schedules.Date) (Stats, error) {
	per, err := statsByGrid(ctx, db, actor, q, today, false)
	if err != nil {
		return Stats{}, err
	}
	s := per[uuid.Nil]
	s.OrgUnitID, s.From, s.To = q.OrgUnitID, q.From, q.To
	return *s, nil
}

// StatsGrids computes the figures of every grid of a unit, the grids most
// behind schedule first (lowest completion rate, then most overdue); grids
// with nothing due are behind on nothing and come last.
func StatsGrids(ctx context.Context, db *gorm.DB, actor Actor, q StatsQuery, today schedules.Date) ([]Stats, error) {
	per, err := statsByGrid(ctx, db, actor, q, today, true)
	if err != nil {
		return nil, err
	}
	out := make([]Stats, 0, len(per))
	for id, s := range per {
		id := id
		s.OrgUnitID, s.From, s.To = &id, q.From, q.To
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Inspections, out[j].Inspections
		if (a.Due == 0) != (b.Due == 0) {
			return b.Due == 0
		}
		if a.CompletionRate != b.CompletionRate {
			return a.CompletionRate < b.CompletionRate
		}
		if a.Overdue != b.Overdue {
			return a.Overdue > b.Overdue
		}
		return out[i].Code < out[j].Code
	})
	return out, nil
}

// statsByGrid runs the three aggregate queries, grouped by grid (or all
// together, under uuid.Nil), and assembles the figures.
func statsByGrid(ctx context.Context, db *gorm.DB, actor Actor, q StatsQuery, today schedules.Date, perGrid bool) (map[uuid.UUID]*Stats, error) {
	grids, err := statsGrids(ctx, db, actor, q)
	if err != nil {
		return nil, err
	}
	group, byGrid := "'00000000-0000-0000-0000-000000000000'::uuid", "'00000000-0000-0000-0000-000000000000'::uuid"
	if perGrid {
		group, byGrid = "grid_id", "g.id"
	}
	out := map[uuid.UUID]*Stats{}
	get := func(id uuid.UUID) *Stats {
		s := out[id]
		if s == nil {
			s = &Stats{Venues: VenueFigures{ByLevel: map[string]int64{}, ByCategory: map[string]int64{}}}
			for _, l := range vocab.RiskLevels.Strings() {
				s.Venues.ByLevel[l] = 0
			}
			for _, c := range vocab.Categories.Strings() {
				s.Venues.ByCategory[c] = 0
			}
			out[id] = s
		}
		return s
	}
	if perGrid {
		var units []OrgUnit
		if err := db.WithContext(ctx).Where("id IN ("+grids.sql+")", grids.args...).Find(&units).Error; err != nil {
			return nil, translate(err, "read grids")
		}
		for _, u := range units {
			s := get(u.ID)
			s.Name, s.Code = u.Name, u.Code
		}
	} else {
		get(uuid.Nil)
	}

	// The counts come from the stats_* tables, kept per grid (and day) by
	// triggers in the same transactions as the writes (migration 00006);
	// only what depends on today is worked out here.
	var rows []statsRow
	venues := sqlOf(`SELECT ` + group + ` AS grid_id, 'level:' || risk_level AS key, sum(n) AS n
		FROM stats_venues WHERE grid_id IN (`)
	venues.addStmt(grids).add(`) GROUP BY 1, 2
		UNION ALL
		SELECT ` + group + `, 'category:' || category, sum(n)
		FROM stats_venues WHERE grid_id IN (`).addStmt(grids).add(`) GROUP BY 1, 2`)
	err = db.WithContext(ctx).Raw(venues.sql, venues.args...).Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "count venues")
	}
	for _, r := range rows {
		s := get(r.GridID)
		if level, ok := strings.CutPrefix(r.Key, "level:"); ok {
			s.Venues.ByLevel[level] = r.N
			s.Venues.Total += r.N
		} else if cat, ok := strings.CutPrefix(r.Key, "category:"); ok {
			s.Venues.ByCategory[cat] = r.N
		}
	}

	var ins []struct {
		GridID                                       uuid.UUID
		Due, Done, OnTime, Overdue, AdHoc, AdHocDone int64
	}
	// The per-day counts are summed grid by grid (an aggregate LATERAL, on
	// the primary key's range of each grid): a scan of the whole table would
	// read every day of every grid of the province's years of history.
	counts := sqlOf(`SELECT ` + byGrid + ` AS grid_id,
		sum(due) AS due, sum(done) AS done, sum(on_time) AS on_time, sum(overdue) AS overdue,
		sum(ad_hoc) AS ad_hoc, sum(ad_hoc_done) AS ad_hoc_done
		FROM (`)
	counts.addStmt(grids).add(`) g CROSS JOIN LATERAL (
			SELECT count(*) AS n, sum(due) AS due, sum(done) AS done, sum(on_time) AS on_time,
				coalesce(sum(open) FILTER (WHERE due_date < ?), 0) AS overdue,
				sum(ad_hoc) AS ad_hoc, sum(ad_hoc_done) AS ad_hoc_done
			FROM stats_inspections s WHERE s.grid_id = g.id AND s.due_date BETWEEN ? AND ?) s
		WHERE s.n > 0
		GROUP BY 1`, today, q.From, q.To)
	err = db.WithContext(ctx).Raw(counts.sql, counts.args...).Scan(&ins).Error
	if err != nil {
		return nil, translate(err, "count inspections")
	}
	for _, r := range ins {
		s := get(r.GridID)
		s.Inspections = InspectionFigures{Due: r.Due, Done: r.Done, OnTime: r.OnTime, Overdue: r.Overdue, AdHoc: r.AdHoc, AdHocDone: r.AdHocDone}
		if r.Due > 0 {
			s.Inspections.CompletionRate = float64(r.Done) / float64(r.Due)
		}
	}

	var hz []struct {
		GridID                                                                  uuid.UUID
		Found, FixedOnSite, FixedByDeadline, Rectified, Verified, Open, Overdue int64
	}
	// Overdue hazards are open ones past their deadline: few, counted from
	// hazards_open_deadline_idx.
	hq := sqlOf(`SELECT grid_id, sum(found) AS found, sum(fixed_on_site) AS fixed_on_site,
			sum(fixed_by_deadline) AS fixed_by_deadline, sum(rectified) AS rectified, sum(verified) AS verified,
			sum(open) AS open, sum(overdue) AS overdue
		FROM (
			SELECT ` + byGrid + ` AS grid_id, found, fixed_on_site, fixed_by_deadline, rectified, verified, open, 0 AS overdue
			FROM (`)
	hq.addStmt(grids).add(`) g CROSS JOIN LATERAL (
				SELECT count(*) AS n, sum(found) AS found, sum(fixed_on_site) AS fixed_on_site,
					sum(fixed_by_deadline) AS fixed_by_deadline, sum(rectified) AS rectified,
					sum(verified) AS verified, sum(open) AS open
				FROM stats_hazards s WHERE s.grid_id = g.id AND s.found_on BETWEEN ? AND ?) s
			WHERE s.n > 0
			UNION ALL
			SELECT`, q.From, q.To)
	hq.add(` `+group+`, 0, 0, 0, 0, 0, 0, 1
			FROM hazards
			WHERE status = 'open' AND deadline < ? AND grid_id IN (`, today)
	hq.addStmt(grids).add(`)
				AND created_at >= ?::date AND created_at < (?::date + 1)
		) h
		GROUP BY 1`, q.From, q.To)
	err = db.WithContext(ctx).Raw(hq.sql, hq.args...).Scan(&hz).Error
	if err != nil {
		return nil, translate(err, "count hazards")
	}
	for _, r := range hz {
		get(r.GridID).Hazards = HazardFigures{Found: r.Found, FixedOnSite: r.FixedOnSite, FixedByDeadline: r.FixedByDeadline,
			Rectified: r.Rectified, Verified: r.Verified, Open: r.Open, Overdue: r.Overdue}
	}

	var docs []struct {
		GridID                                  uuid.UUID
		Issued, Served, Unserved, Overdue, Void int64
	}
	// Documents are counted grid by grid on (grid_id, created_at), like the
	// per-day counts: bounded by the scope and the period, not by history.
	dq := sqlOf(`SELECT ` + byGrid + ` AS grid_id, sum(issued) AS issued, sum(served) AS served,
			sum(unserved) AS unserved, sum(overdue) AS overdue, sum(void) AS void
		FROM (`)
	dq.addStmt(grids).add(`) g CROSS JOIN LATERAL (
			SELECT count(*) AS n, count(*) FILTER (WHERE number IS NOT NULL) AS issued,
				count(*) FILTER (WHERE status = 'served') AS served,
				count(*) FILTER (WHERE status IN ('draft', 'issued')) AS unserved,
				count(*) FILTER (WHERE status IN ('draft', 'issued') AND serve_by < ?) AS overdue,
				count(*) FILTER (WHERE status = 'void') AS void
			FROM documents d WHERE d.grid_id = g.id AND d.created_at >= ?::date AND d.created_at < (?::date + 1)) d
		WHERE d.n > 0
		GROUP BY 1`, today, q.From, q.To)
	if err := db.WithContext(ctx).Raw(dq.sql, dq.args...).Scan(&docs).Error; err != nil {
		return nil, translate(err, "count documents")
	}
	for _, r := range docs {
		get(r.GridID).Documents = DocumentFigures{Issued: r.Issued, Served: r.Served, Unserved: r.Unserved, Overdue: r.Overdue, Void: r.Void}
	}

	var reps []struct {
		GridID                                           uuid.UUID
		Received, CheckedInTime, CheckedLate, Open, Late int64
	}
	rq := sqlOf(`SELECT `+group+` AS grid_id, count(*) AS received,
			count(*) FILTER (WHERE status = 'checked' AND checked_at <= due_at) AS checked_in_time,
			count(*) FILTER (WHERE status = 'checked' AND checked_at > due_at) AS checked_late,
			count(*) FILTER (WHERE status = 'received') AS open,
			count(*) FILTER (WHERE status = 'received' AND due_at < now()) AS late
		FROM reports WHERE received_at >= ?::date AND received_at < (?::date + 1) AND grid_id IN (`, q.From, q.To)
	rq.addStmt(grids).add(`) GROUP BY 1`)
	if err := db.WithContext(ctx).Raw(rq.sql, rq.args...).Scan(&reps).Error; err != nil {
		return nil, translate(err, "count reports")
	}
	for _, r := range reps {
		get(r.GridID).Reports = ReportFigures{Received: r.Received, CheckedInTime: r.CheckedInTime, CheckedLate: r.CheckedLate,
			Open: r.Open, Overdue: r.Late}
	}
	return out, nil
}

// RebuildStats counts the figures' per-grid tables again from the venues,
// inspections and hazards (what stats_rebuild() of migration 00006 does,
// table by table), in the service's zone, holding writes to those tables
// off meanwhile. The triggers keep the counts; this is for rows loaded with
// triggers off, or to check them. It returns the rows of each table
// afterwards, and tells progress (when not nil) of each table as it is done.
func RebuildStats(ctx context.Context, db *gorm.DB, progress func(table string, rows int64)) (map[string]int64, error) {
	rows := map[string]int64{}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("LOCK TABLE venues, inspections, hazards IN SHARE ROW EXCLUSIVE MODE").Error; err != nil {
			return err
		}
		if err := tx.Exec("UPDATE stats_zone SET zone = current_setting('TimeZone')").Error; err != nil {
			return err
		}
		for _, t := range []string{"venues", "inspections", "hazards"} {
			var rebuild string
			if err := tx.Raw("SELECT stats_sql(?, 'REBUILD')", t).Scan(&rebuild).Error; err != nil {
				return err
			}
			if err := tx.Exec("DELETE FROM stats_" + t).Error; err != nil {
				return err
			}
			if err := tx.Exec(rebuild).Error; err != nil {
				return err
			}
			var n int64
			if err := tx.Table("stats_" + t).Count(&n).Error; err != nil {
				return err
			}
			rows["stats_"+t] = n
			if progress != nil {
				progress("stats_"+t, n)
			}
		}
		return nil
	})
	return rows, translate(err, "rebuild the figures' counts")
}
