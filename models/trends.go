package models

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// TrendMonths is how many months a trend covers, the current one last.
const TrendMonths = 12

// TrendMonth is one month of a unit's trend.
type TrendMonth struct {
	Month string `json:"month"` // YYYY-MM
	// Due and Done: inspections due in the month (ad hoc visits left out),
	// and of those done; CompletionRate is Done / Due.
	Due            int64   `json:"due"`
	Done           int64   `json:"done"`
	CompletionRate float64 `json:"completion_rate"`
	// Found: hazards found in the month; Fixed: of those, rectified or
	// verified by now.
	Found int64 `json:"found"`
	Fixed int64 `json:"fixed"`
}

// TrendSeries is the trend of one org unit.
type TrendSeries struct {
	OrgUnitID uuid.UUID         `json:"org_unit_id"`
	Name      string            `json:"name"`
	Code      string            `json:"code"`
	Kind      vocab.OrgUnitKind `json:"kind"`
	Months    []TrendMonth      `json:"months"`
	byMonth   map[string]*TrendMonth
}

// Trends is a unit's trend and its children's, month by month.
type Trends struct {
	OrgUnitID uuid.UUID      `json:"org_unit_id"`
	From      schedules.Date `json:"from"`
	To        schedules.Date `json:"to"`
	Months    []string       `json:"months"`
	// Unit is the unit's own trend; Children those of the units under it
	// (a city's districts, a district's stations, a station's grids).
	Unit     TrendSeries   `json:"unit"`
	Children []TrendSeries `json:"children"`
}

// StatsTrends computes the trend of the last TrendMonths months up to
// today for a unit (nil: the actor's own) and each of its children, from
// the counts kept per grid and day: two grouped queries, each summing the
// rows of the unit's grids once per unit that contains them.
func StatsTrends(ctx context.Context, db *gorm.DB, actor Actor, unitID *uuid.UUID, today schedules.Date) (Trends, error) {
	id := actor.OrgUnitID
	if unitID != nil {
		id = *unitID
	}
	unit, err := GetOrgUnit(ctx, db, actor, id)
	if err != nil {
		return Trends{}, err
	}
	first := schedules.NewDate(today.Year(), today.Month()-TrendMonths+1, 1)
	out := Trends{OrgUnitID: unit.ID, From: first, To: today}
	for m := 0; m < TrendMonths; m++ {
		out.Months = append(out.Months, schedules.NewDate(first.Year(), first.Month()+time.Month(m), 1).String()[:7])
	}
	series := func(u OrgUnit) TrendSeries {
		s := TrendSeries{OrgUnitID: u.ID, Name: u.Name, Code: u.Code, Kind: u.Kind, byMonth: map[string]*TrendMonth{}}
		s.Months = make([]TrendMonth, len(out.Months))
		for i, m := range out.Months {
			s.Months[i].Month = m
			s.byMonth[m] = &s.Months[i]
		}
		return s
	}
	out.Unit = series(unit)
	cond, args := actor.ScopeSQL("id")
	var children []OrgUnit
	if err := db.WithContext(ctx).Where("parent_id = ? AND "+cond, append([]any{unit.ID}, args...)...).
		Order("code").Find(&children).Error; err != nil {
		return Trends{}, translate(err, "read child units")
	}
	byUnit := map[uuid.UUID]*TrendSeries{unit.ID: &out.Unit}
	out.Children = make([]TrendSeries, len(children))
	for i, c := range children {
		out.Children[i] = series(c)
		byUnit[c.ID] = &out.Children[i]
	}

	// units: the unit and its children; grids: the grids in scope under
	// each, joined by the ancestor path.
	gcond, gargs := actor.ScopeSQL("g.id")
	units := sqlOf(`WITH u AS (SELECT id FROM org_units WHERE id = ? OR parent_id = ?),
		g AS (SELECT u.id AS unit_id, g.id AS grid_id FROM u JOIN org_units g ON g.kind = 'grid' AND g.path @> ARRAY[u.id] AND `+gcond+`)
		`, append([]any{unit.ID, unit.ID}, gargs...)...)
	var rows []struct {
		UnitID              uuid.UUID
		Month               string
		Due, Done, Found, N int64
	}
	q := units
	q.add(`SELECT g.unit_id, to_char(s.due_date, 'YYYY-MM') AS month, sum(s.due) AS due, sum(s.done) AS done, 0 AS found, 0 AS n
		FROM g JOIN stats_inspections s ON s.grid_id = g.grid_id
		WHERE s.due_date BETWEEN ? AND ?
		GROUP BY 1, 2
		UNION ALL
		SELECT g.unit_id, to_char(s.found_on, 'YYYY-MM'), 0, 0, sum(s.found), sum(s.rectified + s.verified)
		FROM g JOIN stats_hazards s ON s.grid_id = g.grid_id
		WHERE s.found_on BETWEEN ? AND ?
		GROUP BY 1, 2`, first, today, first, today)
	if err := db.WithContext(ctx).Raw(q.sql, q.args...).Scan(&rows).Error; err != nil {
		return Trends{}, translate(err, "count trends")
	}
	for _, r := range rows {
		s := byUnit[r.UnitID]
		if s == nil {
			continue
		}
		m := s.byMonth[r.Month]
		if m == nil {
			continue
		}
		m.Due += r.Due
		m.Done += r.Done
		m.Found += r.Found
		m.Fixed += r.N
	}
	for _, s := range byUnit {
		for i := range s.Months {
			if m := &s.Months[i]; m.Due > 0 {
				m.CompletionRate = float64(m.Done) / float64(m.Due)
			}
		}
	}
	return out, nil
}
