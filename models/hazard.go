package models

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Rectification is the recorded fix of a hazard.
type Rectification struct {
	Description string      `json:"description"`
	PhotoIDs    []uuid.UUID `json:"photo_ids"`
	At          time.Time   `json:"at"`
	By          *uuid.UUID  `json:"by"`
	// ByOwner: the venue's owner recorded it (整改回执); it waits for an
	// officer or a supervisor to verify it.
	ByOwner bool `json:"by_owner"`
}

// Hazard is a fire hazard (隐患) found during an inspection.
type Hazard struct {
	ID               uuid.UUID          `json:"id"`
	InspectionID     uuid.UUID          `json:"inspection_id"`
	VenueID          uuid.UUID          `json:"venue_id"`
	GridID           uuid.UUID          `json:"grid_id"`
	Code             string             `json:"code"`
	Severity         vocab.Severity     `json:"severity"`
	Description      string             `json:"description"`
	FixMode          vocab.FixMode      `json:"fix_mode"`
	Deadline         schedules.Date     `json:"deadline"`
	Status           vocab.HazardStatus `json:"status"`
	Overdue          bool               `json:"overdue" gorm:"-"`
	PhotoIDs         []uuid.UUID        `json:"photo_ids" gorm:"-"`
	Rectification    *Rectification     `json:"rectification" gorm:"-"`
	ReinspectionID   *uuid.UUID         `json:"reinspection_id"`
	RectifiedByOwner bool               `json:"rectified_by_owner"`
	// ReinspectionRequestedOn is the day the owner applied for the 复查 early.
	ReinspectionRequestedOn *schedules.Date `json:"reinspection_requested_on"`
	ReviewComment           string          `json:"review_comment"`
	VerifiedAt              *time.Time      `json:"verified_at"`
	VerifiedBy              *uuid.UUID      `json:"verified_by"`
	Version                 int             `json:"version"`
	CreatedAt               time.Time       `json:"created_at"`
	UpdatedAt               time.Time       `json:"updated_at"`
	RectifyDescription      *string         `json:"-"`
	RectifiedAt             *time.Time      `json:"-"`
	RectifiedBy             *uuid.UUID      `json:"-"`
}

// HazardOverdue is the derived overdue flag: past its deadline and not rectified.
func HazardOverdue(status vocab.HazardStatus, deadline, today schedules.Date) bool {
	return status == vocab.HazardOpen && !deadline.IsZero() && deadline.Before(today)
}

// openHazardsColumn counts the open hazards of an inspection's venue.
const openHazardsColumn = "(SELECT count(*) FROM hazards h WHERE h.venue_id = i.venue_id AND h.status = 'open') AS open_hazards"

const hazardColumns = `h.id, h.inspection_id, h.venue_id, h.grid_id, h.code, h.severity, h.description, h.fix_mode, h.deadline,
	h.status, h.reinspection_id, h.review_comment, h.verified_at, h.verified_by, h.version, h.created_at, h.updated_at,
	h.rectify_description, h.rectified_at, h.rectified_by, h.rectified_by_owner, h.reinspection_requested_on`

// loadHazardIDs fills HazardIDs of the given inspections.
func loadHazardIDs(ctx context.Context, db *gorm.DB, ins []*Inspection) error {
	if len(ins) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(ins))
	byID := make(map[uuid.UUID]*Inspection, len(ins))
	for i, in := range ins {
		in.HazardIDs = []uuid.UUID{}
		ids[i] = in.ID
		byID[in.ID] = in
	}
	var rows []struct {
		InspectionID uuid.UUID
		ID           uuid.UUID
	}
	if err := db.WithContext(ctx).Raw("SELECT inspection_id, id FROM hazards WHERE inspection_id IN ? ORDER BY created_at, id", ids).Scan(&rows).Error; err != nil {
		return translate(err, "read hazard ids")
	}
	for _, r := range rows {
		byID[r.InspectionID].HazardIDs = append(byID[r.InspectionID].HazardIDs, r.ID)
	}
	return nil
}

// finishHazards fills the derived fields: overdue, photos, rectification.
func finishHazards(ctx context.Context, db *gorm.DB, hs []*Hazard, today schedules.Date) error {
	if len(hs) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(hs))
	byID := make(map[uuid.UUID]*Hazard, len(hs))
	for i, h := range hs {
		ids[i] = h.ID
		byID[h.ID] = h
		h.PhotoIDs = []uuid.UUID{}
		h.Overdue = HazardOverdue(h.Status, h.Deadline, today)
		if h.RectifiedAt != nil {
			h.Rectification = &Rectification{At: *h.RectifiedAt, By: h.RectifiedBy, ByOwner: h.RectifiedByOwner, PhotoIDs: []uuid.UUID{}}
			if h.RectifyDescription != nil {
				h.Rectification.Description = *h.RectifyDescription
			}
		}
	}
	var rows []struct {
		HazardID uuid.UUID
		PhotoID  uuid.UUID
		Role     vocab.PhotoRole
	}
	err := db.WithContext(ctx).Raw("SELECT hazard_id, photo_id, role FROM hazard_photos WHERE hazard_id IN ? ORDER BY position", ids).Scan(&rows).Error
	if err != nil {
		return translate(err, "read hazard photos")
	}
	for _, r := range rows {
		h := byID[r.HazardID]
		if r.Role == vocab.PhotoFinding {
			h.PhotoIDs = append(h.PhotoIDs, r.PhotoID)
		} else if h.Rectification != nil {
			h.Rectification.PhotoIDs = append(h.Rectification.PhotoIDs, r.PhotoID)
		}
	}
	return nil
}

// GetHazard returns a hazard in scope.
func GetHazard(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, today schedules.Date) (Hazard, error) {
	var h Hazard
	err := actor.Scoped(db.WithContext(ctx).Table("hazards h"), "h.grid_id").Select(hazardColumns).Where("h.id = ?", id).Take(&h).Error
	if err != nil {
		return h, translate(err, "read hazard")
	}
	return h, finishHazards(ctx, db, []*Hazard{&h}, today)
}

// hazardsByID returns the hazards in scope with those ids, in the order of
// ids (one read of the rows and one of their photos).
func hazardsByID(ctx context.Context, db *gorm.DB, actor Actor, ids []uuid.UUID, today schedules.Date) ([]Hazard, error) {
	var rows []Hazard
	err := actor.Scoped(db.WithContext(ctx).Table("hazards h"), "h.grid_id").Select(hazardColumns).Where("h.id IN ?", ids).Find(&rows).Error
	if err != nil {
		return nil, translate(err, "read hazards")
	}
	at := make(map[uuid.UUID]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	slices.SortFunc(rows, func(a, b Hazard) int { return at[a.ID] - at[b.ID] })
	ptrs := make([]*Hazard, len(rows))
	for i := range rows {
		ptrs[i] = &rows[i]
	}
	return rows, finishHazards(ctx, db, ptrs, today)
}

// HazardFilter narrows a list of hazards.
type HazardFilter struct {
	Status   vocab.HazardStatus
	Severity vocab.Severity
	Overdue  *bool
	VenueID  *uuid.UUID
	GridID   *uuid.UUID
	// FoundBy keeps the hazards found by one officer (their inspection's).
	FoundBy *uuid.UUID
	// RectifiedBy is "owner" (the fixes the venue's owner recorded) or
	// "staff" (those an officer recorded); empty for any.
	RectifiedBy string
	// FoundFrom and FoundTo keep the hazards found (made) on those days,
	// both included, as the figures count them (statsByGrid).
	FoundFrom, FoundTo *schedules.Date
	// OrgUnitID keeps the hazards of the grids under that unit.
	OrgUnitID *uuid.UUID
}

// filterHazards builds the scoped, filtered query of a list or an export
// of hazards.
func filterHazards(ctx context.Context, db *gorm.DB, actor Actor, f HazardFilter, today schedules.Date) (*gorm.DB, error) {
	var c Check
	optionalTerm(&c, "status", vocab.HazardStatuses, f.Status)
	optionalTerm(&c, "severity", vocab.Severities, f.Severity)
	c.Add(f.RectifiedBy != "" && f.RectifiedBy != "owner" && f.RectifiedBy != "staff", "rectified_by", "must be owner or staff")
	c.Add(f.FoundFrom != nil && f.FoundTo != nil && f.FoundTo.Before(*f.FoundFrom), "found_to", "must not be before found_from")
	if err := c.Err(); err != nil {
		return nil, err
	}
	q := actor.Scoped(db.WithContext(ctx).Table("hazards h"), "h.grid_id")
	if f.FoundFrom != nil {
		q = q.Where("h.created_at >= ?::date", f.FoundFrom.String())
	}
	if f.FoundTo != nil {
		q = q.Where("h.created_at < (?::date + 1)", f.FoundTo.String())
	}
	if f.OrgUnitID != nil {
		q = q.Where("h.grid_id IN (SELECT id FROM org_units WHERE path @> ARRAY[?]::uuid[])", *f.OrgUnitID)
	}
	if f.Status != "" {
		q = q.Where("h.status = ?", f.Status)
	}
	if f.Severity != "" {
		q = q.Where("h.severity = ?", f.Severity)
	}
	if f.Overdue != nil {
		cond := "h.status = 'open' AND h.deadline < ?"
		if !*f.Overdue {
			cond = "NOT (h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?)"
		}
		q = q.Where(cond, today)
	}
	if f.VenueID != nil {
		q = q.Where("h.venue_id = ?", *f.VenueID)
	}
	if f.GridID != nil {
		q = q.Where("h.grid_id = ?", *f.GridID)
	}
	switch f.RectifiedBy {
	case "owner":
		q = q.Where("h.rectified_at IS NOT NULL AND h.rectified_by_owner")
	case "staff":
		q = q.Where("h.rectified_at IS NOT NULL AND NOT h.rectified_by_owner")
	}
	if f.FoundBy != nil {
		q = q.Where("h.inspection_id IN (SELECT id FROM inspections WHERE assignee_id = ?)", *f.FoundBy)
	}
	return q, nil
}

// ListHazards lists hazards in scope, ordered by id (ids are made by the
// clients, so this is not the order they were found in).
func ListHazards(ctx context.Context, db *gorm.DB, actor Actor, f HazardFilter, p Page, today schedules.Date) (List[Hazard], error) {
	q, err := filterHazards(ctx, db, actor, f, today)
	if err != nil {
		return List[Hazard]{}, err
	}
	q = q.Select(hazardColumns)
	out, err := pageByKey(q, p, "h.id", "list hazards", func(x Hazard) uuid.UUID { return x.ID })
	if err != nil {
		return out, err
	}
	ptrs := make([]*Hazard, len(out.Items))
	for i := range out.Items {
		ptrs[i] = &out.Items[i]
	}
	return out, finishHazards(ctx, db, ptrs, today)
}

// lockHazard reads a hazard in scope for update.
func lockHazard(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID) (Hazard, error) {
	var h Hazard
	err := actor.Scoped(tx.WithContext(ctx).Table("hazards h"), "h.grid_id").Select(hazardColumns).Clauses(forUpdate).Where("h.id = ?", id).Take(&h).Error
	return h, translate(err, "lock hazard")
}

// addPhotos links photos to a hazard in a role, in order.
func addPhotos(tx *gorm.DB, hazardID uuid.UUID, role vocab.PhotoRole, ids []uuid.UUID) error {
	var links photoLinks
	links.add(hazardID, role, ids)
	return links.write(tx)
}

// photoLinks are links of photos to hazards, written in one statement.
type photoLinks struct {
	rows []string
	args []any
}

// add queues the links of photos to a hazard in a role, in order.
func (l *photoLinks) add(hazardID uuid.UUID, role vocab.PhotoRole, ids []uuid.UUID) {
	for i, p := range ids {
		l.rows = append(l.rows, "(?, ?, ?, ?)")
		l.args = append(l.args, hazardID, p, role, i)
	}
}

func (l *photoLinks) write(tx *gorm.DB) error {
	if len(l.rows) == 0 {
		return nil
	}
	err := tx.Exec(`INSERT INTO hazard_photos (hazard_id, photo_id, role, position) VALUES `+strings.Join(l.rows, ", ")+
		` ON CONFLICT DO NOTHING`, l.args...).Error
	return translate(err, "link photo")
}

// RectifyHazard records the fix of an open hazard in scope (a description
// and photos); it becomes `rectified` and waits for a supervisor or a
// reinspection to verify it. A retry with the same fix returns the hazard as
// it is; another fix of an already rectified hazard is a conflict.
func RectifyHazard(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, description string, photos []uuid.UUID, today schedules.Date) (Hazard, error) {
	var c Check
	c.Add(description == "" || len([]rune(description)) > 2000, "description", "must be 1-2000 characters")
	if err := c.Err(); err != nil {
		return Hazard{}, err
	}
	var out Hazard
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		h, err := lockHazard(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := finishHazards(ctx, tx, []*Hazard{&h}, today); err != nil {
			return err
		}
		if h.Status != vocab.HazardOpen && h.Rectification != nil && h.Rectification.Description == description && slices.Equal(h.Rectification.PhotoIDs, photos) {
			out = h
			return nil // a retry of the same fix
		}
		if _, err := HazardLife.Step(ActRectify, h.Status); err != nil {
			return err
		}
		if err := checkPhotos(ctx, tx, actor, "photo_ids", photos); err != nil {
			return err
		}
		if err := rectify(tx, h.ID, actor, description, photos); err != nil {
			return err
		}
		if out, err = GetHazard(ctx, tx, actor, id, today); err != nil {
			return err
		}
		return audit(ctx, tx, actor, ActRectify, "hazard", id, &h.GridID, h, out)
	})
	if err != nil {
		return Hazard{}, err
	}
	return out, nil
}

// rectify records a fix.
func rectify(tx *gorm.DB, id uuid.UUID, actor Actor, description string, photos []uuid.UUID) error {
	err := tx.Exec(`UPDATE hazards SET status = 'rectified', rectify_description = ?, rectified_at = now(), rectified_by = ?,
		rectified_by_owner = ?, version = version + 1, updated_at = now() WHERE id = ?`, description, nullID(actor.UserID), actor.IsOwner(), id).Error
	if err != nil {
		return translate(err, "rectify hazard")
	}
	if err := tx.Exec(`DELETE FROM hazard_photos WHERE hazard_id = ? AND role = 'rectification'`, id).Error; err != nil {
		return translate(err, "clear photos")
	}
	return addPhotos(tx, id, vocab.PhotoRectification, photos)
}

// VerifyHazard is a supervisor's decision on a rectified hazard in scope:
// accepted, it is `verified`; rejected, it is `open` again with the comment.
// Officers may not verify (ErrForbidden), nor may whoever recorded the fix.
func VerifyHazard(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, accepted bool, comment string, today schedules.Date) (Hazard, error) {
	if len([]rune(comment)) > 1000 {
		return Hazard{}, Invalid("comment", "must be at most 1000 characters")
	}
	if !accepted && comment == "" {
		return Hazard{}, Invalid("comment", "say why the fix is rejected")
	}
	action := ActVerify
	if !accepted {
		action = ActRejectFix
	}
	var out Hazard
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		h, err := lockHazard(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		decision := VerifyFix
		if h.RectifiedByOwner {
			decision = VerifyOwnerFix
		}
		if err := actor.MayDecide(decision, h.RectifiedBy); err != nil {
			return err
		}
		status, err := HazardLife.Step(action, h.Status)
		if err != nil {
			return err
		}
		err = tx.Exec(`UPDATE hazards SET status = ?, review_comment = ?,
			verified_at = CASE WHEN ? THEN now() END, verified_by = CASE WHEN ? THEN ?::uuid END,
			version = version + 1, updated_at = now() WHERE id = ?`,
			status, comment, accepted, accepted, nullID(actor.UserID), id).Error
		if err != nil {
			return translate(err, "verify hazard")
		}
		if out, err = GetHazard(ctx, tx, actor, id, today); err != nil {
			return err
		}
		return audit(ctx, tx, actor, action, "hazard", id, &h.GridID, h, out)
	})
	if err != nil {
		return Hazard{}, err
	}
	return out, nil
}

// escalate files a pending reclassification to red for each venue with a
// major hazard still open after its reinspection was due, with an audit
// row. A hazard is marked escalated once its venue is red or has a
// proposal to red pending; while the venue has another proposal pending,
// the hazard waits for a later run. It runs inside schedule generation and
// returns how many proposals it filed.
func escalate(ctx context.Context, tx *gorm.DB, asOf schedules.Date, actor Actor) (int64, error) {
	with := sqlOf(`cand AS (
			SELECT h.id, h.venue_id, h.code, h.deadline
			FROM hazards h JOIN inspections r ON r.id = h.reinspection_id
			WHERE h.severity = 'major' AND h.status = 'open' AND h.escalated_at IS NULL AND r.due_date < ?
		),`, asOf)
	with.add(`
		filed AS (
			INSERT INTO reclassifications (venue_id, from_level, to_level, reason, status)
			SELECT DISTINCT ON (v.id) v.id, v.risk_level, 'red',
			       'escalation: major hazard ' || cand.code || ' not rectified by ' || cand.deadline || ' nor by its reinspection', 'pending'
			FROM cand JOIN venues v ON v.id = cand.venue_id
			WHERE v.risk_level <> 'red'
			ORDER BY v.id, cand.deadline
			ON CONFLICT DO NOTHING
			RETURNING id, venue_id, from_level, reason
		),
		marked AS (
			UPDATE hazards h SET escalated_at = now()
			FROM cand JOIN venues v ON v.id = cand.venue_id
			WHERE h.id = cand.id
			  AND (v.risk_level = 'red'
			       OR cand.venue_id IN (SELECT venue_id FROM filed)
			       OR EXISTS (SELECT 1 FROM reclassifications p WHERE p.venue_id = cand.venue_id AND p.status = 'pending' AND p.to_level = 'red'))
		)`)
	rows := sqlOf(`SELECT f.id AS entity_id, v.grid_id, NULL::jsonb AS before,
		       jsonb_build_object('venue_id', f.venue_id, 'from_level', f.from_level, 'to_level', 'red', 'status', 'pending', 'reason', f.reason) AS after
		FROM filed f JOIN venues v ON v.id = f.venue_id`)
	filed, err := auditEach(ctx, tx, actor, "escalate", "reclassification", with, rows)
	return filed, translate(err, "escalate hazards")
}
