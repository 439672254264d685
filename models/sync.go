package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Tombstone tells a client to forget something: a cancelled inspection, or
// a venue that has left the caller's scope (with its inspections and hazards).
type Tombstone struct {
	Entity string    `json:"entity"`
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason"`
}

// Changes is one page of a delta sync.
type Changes struct {
	Venues      []Venue      `json:"venues"`
	Inspections []Inspection `json:"inspections"`
	Hazards     []Hazard     `json:"hazards"`
	Tombstones  []Tombstone  `json:"tombstones"`
	// NextCursor is where the next call starts. When HasMore is false the
	// client is up to date and keeps NextCursor for its next sync.
	NextCursor string `json:"next_cursor"`
	HasMore    bool   `json:"has_more"`
	// Reset: the caller's scope changed since the cursor (new grids, a new
	// unit); the client drops what it has and syncs again from an empty cursor.
	Reset bool `json:"reset"`
}

// syncCursor: rows written by transactions with ids in [Lo, Hi), read table
// by table, after (Tx, ID) in the current one. Scope fingerprints the
// caller's scope when the cursor was made.
type syncCursor struct {
	Lo    uint64    `json:"lo"`
	Hi    uint64    `json:"hi"`
	Table int       `json:"t"`
	Tx    uint64    `json:"x"`
	ID    uuid.UUID `json:"id"`
	Scope string    `json:"s"`
	// From is set on a first sync: the inspections and hazards it sends
	// are those not yet closed and those of the last SyncHistoryDays.
	From string `json:"f,omitempty"`
}

// SyncHistoryDays is how far back a first sync (an empty cursor: a new
// phone, or a reset) reaches for closed inspections and hazards: half a
// year, the longest routine interval, so that every venue's last visit is
// there. Open work is sent whatever its age; later syncs send every change.
// A first sync costs what a grid holds now, not its years of history.
const SyncHistoryDays = 183

// The tables of a sync, in the order they are read.
const (
	syncVenues = iota
	syncInspections
	syncHazards
	syncDone
)

// scopeFingerprint changes when what the actor may see changes wholesale.
func scopeFingerprint(ctx context.Context, db *gorm.DB, a Actor) (string, error) {
	key := string(a.Role) + "|" + a.OrgUnitID.String()
	if a.Role == vocab.Supervisor {
		// A unit moved under or away from the supervisor's unit changes
		// their subtree: its tree_version says so.
		var tv int64
		if err := db.WithContext(ctx).Raw("SELECT tree_version FROM org_units WHERE id = ?", a.OrgUnitID).Scan(&tv).Error; err != nil {
			return "", translate(err, "read org unit")
		}
		key += "|" + strconv.FormatInt(tv, 10)
	}
	if a.IsOfficer() {
		var grids []string
		err := db.WithContext(ctx).Raw("SELECT grid_id::text FROM user_grids WHERE user_id = ? ORDER BY grid_id", a.UserID).Scan(&grids).Error
		if err != nil {
			return "", translate(err, "read grids")
		}
		for _, g := range grids {
			key += "|" + g
		}
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8]), nil
}

// SyncChanges returns the venues, inspections and hazards in the actor's
// scope written since the cursor (everything, from an empty cursor), at
// most limit rows a page. A row is handed out once its transaction has
// ended before the sync's snapshot, so a slow writer's rows are never
// skipped: they come in a later sync.
func SyncChanges(ctx context.Context, db *gorm.DB, actor Actor, cursor string, limit int, today schedules.Date) (Changes, error) {
	out := Changes{Venues: []Venue{}, Inspections: []Inspection{}, Hazards: []Hazard{}, Tombstones: []Tombstone{}}
	if limit <= 0 || limit > MaxLimit {
		limit = MaxLimit
	}
	fp, err := scopeFingerprint(ctx, db, actor)
	if err != nil {
		return out, err
	}
	var cur syncCursor
	if cursor != "" {
		if err := DecodeCursor(cursor, &cur); err != nil {
			return out, err
		}
		if cur.Table < syncVenues || cur.Table > syncDone {
			return out, Invalid("cursor", "is not a cursor this list gave out")
		}
		if cur.Scope != fp {
			out.Reset = true
			return out, nil
		}
	}
	cur.Scope = fp
	if cursor == "" {
		cur.From = today.AddDays(-SyncHistoryDays).String()
	}
	if cur.Hi == 0 {
		var xmin string
		if err := db.WithContext(ctx).Raw("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").Scan(&xmin).Error; err != nil {
			return out, translate(err, "read snapshot")
		}
		if cur.Hi, err = strconv.ParseUint(xmin, 10, 64); err != nil {
			return out, err
		}
	}
	left := limit
	for cur.Table < syncDone && left > 0 {
		n, last, err := syncTable(ctx, db, actor, &out, cur, left+1, today)
		if err != nil {
			return out, err
		}
		if n > left { // more in this table: stop at the last row handed out
			out.HasMore = true
			cur.Tx, cur.ID = last.tx, last.id
			break
		}
		left -= n
		cur.Table, cur.Tx, cur.ID = cur.Table+1, 0, uuid.Nil
	}
	if cur.Table == syncDone {
		cur = syncCursor{Lo: cur.Hi, Scope: fp}
	} else {
		out.HasMore = true
	}
	out.NextCursor = EncodeCursor(cur)
	return out, nil
}

type syncPos struct {
	tx uint64
	id uuid.UUID
}

// syncRange is the condition on sync_txid and the position for one table.
func syncRange(alias string, cur syncCursor) (string, []any) {
	return "(" + alias + ".sync_txid >= ?::text::xid8 AND " + alias + ".sync_txid < ?::text::xid8 AND (" + alias + ".sync_txid, " + alias + ".id) > (?::text::xid8, ?))",
		[]any{strconv.FormatUint(cur.Lo, 10), strconv.FormatUint(cur.Hi, 10), strconv.FormatUint(cur.Tx, 10), cur.ID}
}

// syncTable reads up to max rows of the cursor's table into out, and
// returns how many it read and the position of the limit-th (the last one
// kept when it read more than the page holds).
func syncTable(ctx context.Context, db *gorm.DB, actor Actor, out *Changes, cur syncCursor, max int, today schedules.Date) (int, syncPos, error) {
	keep := max - 1
	var pos []syncPos
	switch cur.Table {
	case syncVenues:
		cond, args := syncRange("venues", cur)
		q := db.WithContext(ctx).Model(&Venue{}).Select("venues.*, sync_txid::text AS sync_tx").Where(cond, args...)
		if !actor.IsAdmin() {
			in, inArgs := actor.ScopeSQL("grid_id")
			was, wasArgs := actor.ScopeSQL("p.grid_id")
			q = q.Where("("+in+" OR EXISTS (SELECT 1 FROM unnest(venues.prev_grid_ids) AS p (grid_id) WHERE "+was+"))", append(inArgs, wasArgs...)...)
		}
		var rows []struct {
			Venue
			SyncTx string
		}
		if err := q.Order("sync_txid, id").Limit(max).Find(&rows).Error; err != nil {
			return 0, syncPos{}, translate(err, "sync venues")
		}
		inScope, err := gridsInScope(ctx, db, actor)
		if err != nil {
			return 0, syncPos{}, err
		}
		for i, r := range rows {
			pos = append(pos, syncPos{parseTx(r.SyncTx), r.ID})
			if i >= keep {
				break
			}
			if inScope(r.GridID) {
				out.Venues = append(out.Venues, r.Venue)
			} else {
				out.Tombstones = append(out.Tombstones, Tombstone{Entity: "venue", ID: r.ID, Reason: "moved out of your grids"})
			}
		}
	case syncInspections:
		cond, args := syncRange("i", cur)
		var rows []struct {
			Inspection
			SyncTx string
		}
		q := inspections(ctx, db, actor).Select(inspectionColumns+", "+openHazardsColumn+", i.sync_txid::text AS sync_tx").
			Where(cond, args...)
		if cur.From != "" {
			q = q.Where("(i.due_date >= ? OR i.status IN ?)", cur.From, unfinishedInspectionStatuses)
		}
		err := q.Order("i.sync_txid, i.id").Limit(max).Find(&rows).Error
		if err != nil {
			return 0, syncPos{}, translate(err, "sync inspections")
		}
		var ptrs []*Inspection
		for i := range rows {
			r := &rows[i]
			pos = append(pos, syncPos{parseTx(r.SyncTx), r.ID})
			if i >= keep {
				break
			}
			if r.Status == vocab.Cancelled {
				out.Tombstones = append(out.Tombstones, Tombstone{Entity: "inspection", ID: r.ID, Reason: "cancelled"})
				continue
			}
			r.Overdue = IsOverdue(r.Status, r.DueDate, today)
			out.Inspections = append(out.Inspections, r.Inspection)
		}
		for i := range out.Inspections {
			ptrs = append(ptrs, &out.Inspections[i])
		}
		if err := loadHazardIDs(ctx, db, ptrs); err != nil {
			return 0, syncPos{}, err
		}
	case syncHazards:
		cond, args := syncRange("h", cur)
		var rows []struct {
			Hazard
			SyncTx string
		}
		q := actor.Scoped(db.WithContext(ctx).Table("hazards h"), "h.grid_id").Select(hazardColumns+", h.sync_txid::text AS sync_tx").
			Where(cond, args...)
		if cur.From != "" {
			q = q.Where("(h.created_at >= ?::date OR h.status IN ?)", cur.From, vocab.UnverifiedHazardStatuses)
		}
		err := q.Order("h.sync_txid, h.id").Limit(max).Find(&rows).Error
		if err != nil {
			return 0, syncPos{}, translate(err, "sync hazards")
		}
		start := len(out.Hazards)
		for i, r := range rows {
			pos = append(pos, syncPos{parseTx(r.SyncTx), r.ID})
			if i >= keep {
				break
			}
			out.Hazards = append(out.Hazards, r.Hazard)
		}
		var ptrs []*Hazard
		for i := start; i < len(out.Hazards); i++ {
			ptrs = append(ptrs, &out.Hazards[i])
		}
		if err := finishHazards(ctx, db, ptrs, today); err != nil {
			return 0, syncPos{}, err
		}
	}
	if len(pos) == max {
		return len(pos), pos[keep-1], nil
	}
	return len(pos), syncPos{}, nil
}

// unfinishedInspectionStatuses are the inspections a first sync sends
// whatever their age: to do, or waiting for a supervisor.
var unfinishedInspectionStatuses = append(append([]vocab.InspectionStatus{}, vocab.OpenInspectionStatuses...), vocab.Submitted)

func parseTx(s string) uint64 {
	n, _ := strconv.ParseUint(s, 10, 64)
	return n
}

// gridsInScope returns a test of whether a grid is in the actor's scope now.
func gridsInScope(ctx context.Context, db *gorm.DB, actor Actor) (func(uuid.UUID) bool, error) {
	if actor.IsAdmin() {
		return func(uuid.UUID) bool { return true }, nil
	}
	cond, args := actor.ScopeSQL("id")
	var rows []struct{ ID uuid.UUID }
	if err := db.WithContext(ctx).Table("org_units").Select("id").Where("kind = 'grid' AND "+cond, args...).Scan(&rows).Error; err != nil {
		return nil, translate(err, "read grids")
	}
	set := map[uuid.UUID]bool{}
	for _, r := range rows {
		set[r.ID] = true
	}
	return func(id uuid.UUID) bool { return set[id] }, nil
}
