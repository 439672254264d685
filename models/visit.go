package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// FieldRules are the configurable limits of field work.
type FieldRules struct {
	// CheckinRadiusM: a start farther than this from the venue is off site.
	CheckinRadiusM float64
	// MaxDeadlineDays: how far ahead a fix-by deadline may be set.
	MaxDeadlineDays int
	// Invites are the owner invitations printed on orders.
	Invites PrintedInvites
}

// reinspectionWorkingDays: a reinspection is due this many working days
// after the deadline (公安部令第120号).
const reinspectionWorkingDays = 3

// NewAdHoc is an inspection an officer starts on their own initiative.
type NewAdHoc struct {
	ID      uuid.UUID
	VenueID uuid.UUID
	Notes   string
}

// CreateAdHoc makes an ad hoc inspection of a venue in scope, open and due
// today. A retry with the same id and venue returns the first result.
func CreateAdHoc(ctx context.Context, db *gorm.DB, actor Actor, in NewAdHoc, today schedules.Date) (Inspection, error) {
	if len([]rune(in.Notes)) > 2000 {
		return Inspection{}, Invalid("notes", "must be at most 2000 characters")
	}
	if in.ID == uuid.Nil {
		in.ID = newID()
	}
	var out Inspection
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		out, _, err = createOnce(ctx, tx, "inspections", "an inspection", in.ID,
			func() (Inspection, error) { return GetInspection(ctx, tx, actor, in.ID, today) },
			func(x Inspection) bool { return x.VenueID == in.VenueID && x.Kind == vocab.AdHoc },
			func() (Inspection, error) {
				v, err := GetVenue(ctx, tx, actor, in.VenueID)
				if err != nil {
					if err == ErrNotFound {
						return Inspection{}, Invalid("venue_id", "is not a venue you can see")
					}
					return Inspection{}, err
				}
				if v.Status != vocab.VenueActive {
					return Inspection{}, Invalid("venue_id", "the venue is closed")
				}
				err = tx.Exec(`INSERT INTO inspections (id, venue_id, grid_id, kind, status, opens_on, due_date, notes, created_by)
					VALUES (?, ?, ?, 'ad_hoc', 'scheduled', ?, ?, ?, ?)`, in.ID, v.ID, v.GridID, today, today, in.Notes, nullID(actor.UserID)).Error
				if err != nil {
					return Inspection{}, translate(err, "insert inspection")
				}
				created, err := GetInspection(ctx, tx, actor, in.ID, today)
				if err != nil {
					return created, err
				}
				return created, audit(ctx, tx, actor, "create", "inspection", in.ID, &v.GridID, nil, created)
			})
		return err
	})
	return out, err
}

// Position is where an officer's phone says they are.
type Position struct {
	Lat, Lng  float64
	AccuracyM *float64
}

// lockInspection reads an inspection in scope for update.
func lockInspection(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID, today schedules.Date) (Inspection, error) {
	var in Inspection
	err := inspections(ctx, tx, actor).Select(inspectionColumns).Clauses(clause.Locking{Strength: forUpdate.Strength, Table: clause.Table{Name: "i"}}).Where("i.id = ?", id).Take(&in).Error
	if err != nil {
		return in, translate(err, "lock inspection")
	}
	in.Overdue = IsOverdue(in.Status, in.DueDate, today)
	return in, nil
}

// StartInspection checks an officer in at the venue: it records where they
// are and how far that is from the venue, flagging a start beyond the
// check-in radius as off site (accepted: GPS is poor indoors). The starter
// becomes the assignee. Starting one's own started inspection again returns
// it as it is; one started by someone else, or finished, is a conflict; a
// reinspection cannot start before it opens.
func StartInspection(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, pos Position, rules FieldRules, today schedules.Date) (Inspection, error) {
	var c Check
	c.Add(math.IsNaN(pos.Lat) || pos.Lat < -90 || pos.Lat > 90, "lat", "must be a latitude between -90 and 90")
	c.Add(math.IsNaN(pos.Lng) || pos.Lng < -180 || pos.Lng > 180, "lng", "must be a longitude between -180 and 180")
	c.Add(pos.AccuracyM != nil && (*pos.AccuracyM < 0 || *pos.AccuracyM > 100000), "accuracy_m", "must be between 0 and 100000")
	if err := c.Err(); err != nil {
		return Inspection{}, err
	}
	var out Inspection
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		in, err := lockInspection(ctx, tx, actor, id, today)
		if err != nil {
			return err
		}
		if in.Status == vocab.InProgress && in.AssigneeID != nil && *in.AssigneeID == actor.UserID {
			out, err = GetInspection(ctx, tx, actor, id, today)
			return err // a retried start
		}
		to, err := InspectionLife.Step(ActStart, in.Status)
		if err != nil {
			return err
		}
		if err := checkOpen(in.OpensOn, today); err != nil {
			return err
		}
		var v Venue
		if err := tx.Select("lat", "lng", "checkin_lat", "checkin_lng").Take(&v, "id = ?", in.VenueID).Error; err != nil {
			return translate(err, "read venue")
		}
		refLat, refLng := v.CheckinReference() // not a position an officer moved it to
		dist := Distance(pos.Lat, pos.Lng, refLat, refLng)
		err = tx.Exec(`UPDATE inspections SET status = ?, assignee_id = ?, started_at = now(), start_lat = ?, start_lng = ?,
			start_accuracy_m = ?, start_distance_m = ?, off_site = ?, version = version + 1, updated_at = now() WHERE id = ?`,
			to, actor.UserID, pos.Lat, pos.Lng, pos.AccuracyM, dist, rules.offSite(dist), id).Error
		if err != nil {
			return translate(err, "start inspection")
		}
		if out, err = GetInspection(ctx, tx, actor, id, today); err != nil {
			return err
		}
		return audit(ctx, tx, actor, ActStart, "inspection", id, &in.GridID, in, out)
	})
	if err != nil {
		return Inspection{}, err
	}
	return out, nil
}

// Distance is the great-circle distance in metres between two WGS-84 points.
func Distance(lat1, lng1, lat2, lng2 float64) float64 {
	const r = 6371008.8 // mean Earth radius, metres
	rad := math.Pi / 180
	dlat, dlng := (lat2-lat1)*rad, (lng2-lng1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlng/2)*math.Sin(dlng/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// NewHazard is a hazard recorded in a submission.
type NewHazard struct {
	ID          uuid.UUID       `json:"id"`
	Code        string          `json:"code"`
	Severity    vocab.Severity  `json:"severity"`
	Description string          `json:"description"`
	PhotoIDs    []uuid.UUID     `json:"photo_ids"`
	FixMode     vocab.FixMode   `json:"fix_mode"`
	Deadline    *schedules.Date `json:"deadline"`
}

// Resolution is a reinspection's finding on a hazard it was made for.
type Resolution struct {
	HazardID    uuid.UUID   `json:"hazard_id"`
	Fixed       bool        `json:"fixed"`
	Description string      `json:"description"`
	PhotoIDs    []uuid.UUID `json:"photo_ids"`
}

// Submission is what an officer sends at the end of a visit.
type Submission struct {
	Checklist   ChecklistAnswers `json:"checklist"`
	Hazards     []NewHazard      `json:"hazards"`
	Resolutions []Resolution     `json:"resolutions"`
	Notes       string           `json:"notes"`
}

// hash identifies a submission, so that a retry is recognised.
func (s Submission) hash() string {
	b, _ := json.Marshal(s)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// SubmitInspection records a visit, all or nothing: the checklist (every
// item that applies to the venue's category answered once), the hazards
// found, and, for a reinspection, what became of the hazards it was made
// for. An on-site hazard is rectified at once and needs a photo; a deadline
// hazard stays open and gets a reinspection that opens on the deadline and
// is due 3 working days after it (hazards with the same deadline share one).
// Only the officer who started it submits (a returned one may be submitted
// again). Sending the same submission again returns the inspection as it
// is; a different one after submitting is a conflict.
//
// A complaint inspection's submission closes the reports it was made for,
// checked at now.
func SubmitInspection(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, s Submission, rules FieldRules, today schedules.Date, now time.Time) (Inspection, error) {
	hash := s.hash()
	var out Inspection
	// Its audit rows (about ten) are written together at the end.
	err := db.WithContext(ctx).Transaction(batchAudits(ctx, actor, func(ctx context.Context, tx *gorm.DB) error {
		in, err := lockInspection(ctx, tx, actor, id, today)
		if err != nil {
			return err
		}
		var prev struct{ SubmitHash *string }
		if err := tx.Raw("SELECT submit_hash FROM inspections WHERE id = ?", id).Scan(&prev).Error; err != nil {
			return translate(err, "read inspection")
		}
		if (in.Status == vocab.Submitted || in.Status == vocab.Approved) && prev.SubmitHash != nil && *prev.SubmitHash == hash {
			out, err = GetInspection(ctx, tx, actor, id, today)
			return err // a retried submit
		}
		to, err := InspectionLife.Step(ActSubmit, in.Status)
		if err != nil {
			return err
		}
		if err := actor.MayWorkOn(in.AssigneeID); err != nil {
			return err
		}
		if err := checkSubmission(ctx, tx, actor, in, s, rules, today); err != nil {
			return err
		}
		if err := checkResubmission(ctx, tx, in, s); err != nil {
			return err
		}
		cal, err := schedules.LoadCalendar(ctx, tx, today)
		if err != nil {
			return err
		}
		reinspections := map[schedules.Date]uuid.UUID{}
		if err := recordHazards(ctx, tx, actor, in, s.Hazards, cal, reinspections, today); err != nil {
			return err
		}
		for _, r := range s.Resolutions {
			if err := resolve(ctx, tx, actor, r); err != nil {
				return err
			}
		}
		err = tx.Exec(`UPDATE inspections SET status = ?, submitted_at = now(), submitted_on = ?, checklist = ?, notes = ?,
			submit_hash = ?, version = version + 1, updated_at = now() WHERE id = ?`, to, today, s.Checklist, s.Notes, hash, id).Error
		if err != nil {
			return translate(err, "submit inspection")
		}
		if out, err = GetInspection(ctx, tx, actor, id, today); err != nil {
			return err
		}
		if err := documentsOnSubmit(ctx, tx, actor, out, rules.Invites, cal, today, now); err != nil {
			return err
		}
		if err := audit(ctx, tx, actor, ActSubmit, "inspection", id, &in.GridID, in, out); err != nil {
			return err
		}
		if in.Kind == vocab.Complaint {
			// The reports it was made for are checked: closed with the outcome.
			return closeReports(ctx, tx, actor, out, len(s.Hazards), now)
		}
		return nil
	}))
	if err != nil {
		return Inspection{}, err
	}
	return out, nil
}

// checkAnswers adds to c the problems of answers to the checklist items
// of a category: each item answered once, with a known result (an
// officer's inspection and an owner's self-inspection alike).
func checkAnswers(c *Check, items []string, category vocab.Category, answers ChecklistAnswers) {
	answered := map[string]bool{}
	for i, a := range answers {
		f := fieldAt("checklist", i)
		c.Add(!slices.Contains(items, a.ItemCode), f+".item_code", "%q is not an item of the %s checklist", a.ItemCode, category)
		c.Add(answered[a.ItemCode], f+".item_code", "%q is answered twice", a.ItemCode)
		term(c, f+".result", vocab.CheckResults, a.Result)
		c.Add(len([]rune(a.Note)) > 1000, f+".note", "must be at most 1000 characters")
		answered[a.ItemCode] = true
	}
	for _, code := range items {
		c.Add(!answered[code], "checklist", "item %q is not answered", code)
	}
}

// checkSubmission validates a submission against the venue's checklist,
// the photos the officer uploaded, and the deadlines allowed.
func checkSubmission(ctx context.Context, tx *gorm.DB, actor Actor, in Inspection, s Submission, rules FieldRules, today schedules.Date) error {
	items, err := ChecklistFor(ctx, tx, in.Venue.Category)
	if err != nil {
		return err
	}
	var c Check
	checkAnswers(&c, items, in.Venue.Category, s.Checklist)
	seen := map[uuid.UUID]bool{}
	for i, h := range s.Hazards {
		f := fieldAt("hazards", i)
		c.Add(h.ID == uuid.Nil, f+".id", "is required (a UUID made by the client)")
		c.Add(seen[h.ID], f+".id", "is used twice")
		seen[h.ID] = true
		c.Add(!slices.Contains(items, h.Code), f+".code", "%q is not an item of the %s checklist", h.Code, in.Venue.Category)
		term(&c, f+".severity", vocab.Severities, h.Severity)
		c.Add(h.Description == "" || len([]rune(h.Description)) > 2000, f+".description", "must be 1-2000 characters")
		c.Add(len(h.PhotoIDs) > 20, f+".photo_ids", "at most 20 photos")
		rules.checkFix(&c, f, h, today)
		if err := checkPhotos(ctx, tx, actor, f+".photo_ids", h.PhotoIDs); err != nil {
			return err
		}
	}
	c.Add(len([]rune(s.Notes)) > 2000, "notes", "must be at most 2000 characters")
	c.Add(len(s.Resolutions) > 0 && in.Kind != vocab.Reinspection, "resolutions", "only a reinspection resolves hazards")
	resolved := map[uuid.UUID]bool{}
	for i, r := range s.Resolutions {
		f := fieldAt("resolutions", i)
		c.Add(resolved[r.HazardID], f+".hazard_id", "is resolved twice")
		resolved[r.HazardID] = true
		var made struct{ ReinspectionID *uuid.UUID }
		if err := tx.Raw("SELECT reinspection_id FROM hazards WHERE id = ?", r.HazardID).Scan(&made).Error; err != nil {
			return translate(err, "read hazard")
		}
		c.Add(made.ReinspectionID == nil || *made.ReinspectionID != in.ID, f+".hazard_id", "is not a hazard this reinspection was made for")
		c.Add(r.Fixed && r.Description == "", f+".description", "say how it was fixed")
		if err := checkPhotos(ctx, tx, actor, f+".photo_ids", r.PhotoIDs); err != nil {
			return err
		}
	}
	return c.Err()
}

// recordHazards records the hazards of a submission: the new ones in one
// statement (so the figures' triggers run once), each with its
// reinspection when it has a deadline, and the corrections of those the
// first submission recorded (an inspection returned for corrections). A
// hazard id another inspection holds is a conflict.
func recordHazards(ctx context.Context, tx *gorm.DB, actor Actor, in Inspection, hs []NewHazard, cal schedules.Calendar,
	reinspections map[schedules.Date]uuid.UUID, today schedules.Date) error {
	if len(hs) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(hs))
	for i, h := range hs {
		ids[i] = h.ID
	}
	var existing []struct{ ID, InspectionID uuid.UUID }
	if err := tx.Raw("SELECT id, inspection_id FROM hazards WHERE id IN ?", ids).Scan(&existing).Error; err != nil {
		return translate(err, "read hazards")
	}
	held := make(map[uuid.UUID]uuid.UUID, len(existing))
	for _, e := range existing {
		held[e.ID] = e.InspectionID
	}
	var made []uuid.UUID
	var rows []string
	var args []any
	var links photoLinks
	for _, h := range hs {
		if of, ok := held[h.ID]; ok {
			if of != in.ID {
				return Conflict("hazards.id", "hazard %s exists already in another inspection", h.ID)
			}
			// recorded by the first submission; the supervisor returned it for corrections
			if err := correctHazard(ctx, tx, actor, in, h, cal, reinspections, today); err != nil {
				return err
			}
			continue
		}
		deadline, reinspection, err := fixBy(ctx, tx, actor, in, h, cal, reinspections, today)
		if err != nil {
			return err
		}
		// A fix made during the visit is written with the hazard, as
		// recordFinding records it on a corrected one.
		links.add(h.ID, vocab.PhotoFinding, h.PhotoIDs)
		status, fix, fixer := vocab.HazardOpen, (*string)(nil), (*uuid.UUID)(nil)
		if h.FixMode == vocab.FixOnSite {
			d := onSiteFix(h)
			status, fix, fixer = vocab.HazardRectified, &d, nullID(actor.UserID)
			links.add(h.ID, vocab.PhotoRectification, h.PhotoIDs)
		}
		made = append(made, h.ID)
		rows = append(rows, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ?::boolean THEN now() END, ?, ?)")
		args = append(args, h.ID, in.ID, in.VenueID, in.GridID, h.Code, h.Severity, h.Description, h.FixMode,
			deadline, status, reinspection, fix, fix != nil, fixer, fix != nil && actor.IsOwner())
	}
	if len(made) == 0 {
		return nil
	}
	err := tx.Exec(`INSERT INTO hazards (id, inspection_id, venue_id, grid_id, code, severity, description, fix_mode, deadline, status,
		reinspection_id, rectify_description, rectified_at, rectified_by, rectified_by_owner) VALUES `+strings.Join(rows, ", "), args...).Error
	if err != nil {
		return translate(err, "insert hazards")
	}
	if err := links.write(tx); err != nil {
		return err
	}
	created, err := hazardsByID(ctx, tx, actor, made, today)
	if err != nil {
		return err
	}
	for _, h := range created {
		if err := audit(ctx, tx, actor, "create", "hazard", h.ID, &in.GridID, nil, h); err != nil {
			return err
		}
	}
	return nil
}

// fixBy is what a hazard's fix mode makes of its deadline column and its
// reinspection: for a fix by deadline, the deadline and the reinspection
// for it (reinspectionFor); for an on-site fix, neither.
func fixBy(ctx context.Context, tx *gorm.DB, actor Actor, in Inspection, h NewHazard, cal schedules.Calendar,
	made map[schedules.Date]uuid.UUID, today schedules.Date) (deadline any, reinspection *uuid.UUID, err error) {
	if h.FixMode != vocab.FixDeadline {
		return nil, nil, nil
	}
	rid, err := reinspectionFor(ctx, tx, actor, in, *h.Deadline, cal, made, today)
	if err != nil {
		return nil, nil, err
	}
	return *h.Deadline, &rid, nil
}

// recordFinding links a recorded hazard's photos as its finding and, for
// an on-site fix, records the fix made during the visit.
func recordFinding(tx *gorm.DB, actor Actor, h NewHazard) error {
	if err := addPhotos(tx, h.ID, vocab.PhotoFinding, h.PhotoIDs); err != nil {
		return err
	}
	if h.FixMode != vocab.FixOnSite {
		return nil
	}
	return rectify(tx, h.ID, actor, onSiteFix(h), h.PhotoIDs)
}

// onSiteFix is the description of the fix of a hazard fixed on site.
func onSiteFix(h NewHazard) string {
	return vocab.FixOnSite.ZH() + " (" + vocab.FixOnSite.EN() + "): " + h.Description
}

// reinspectionFor is the reinspection of the venue for a deadline: one made
// earlier in this submission or still open from before, or a new one that
// opens on the deadline and is due 3 working days after it.
func reinspectionFor(ctx context.Context, tx *gorm.DB, actor Actor, in Inspection, deadline schedules.Date, cal schedules.Calendar,
	made map[schedules.Date]uuid.UUID, today schedules.Date) (uuid.UUID, error) {
	if id, ok := made[deadline]; ok {
		return id, nil
	}
	var open struct{ ID uuid.UUID }
	err := tx.Raw(`SELECT id FROM inspections WHERE venue_id = ? AND kind = 'reinspection' AND opens_on = ? AND status = 'scheduled' LIMIT 1`,
		in.VenueID, deadline).Scan(&open).Error
	if err != nil {
		return uuid.Nil, translate(err, "find reinspection")
	}
	id := open.ID
	if id == uuid.Nil {
		id = newID()
		opens, due := reinspectionWindow(cal, deadline)
		err := tx.Exec(`INSERT INTO inspections (id, venue_id, grid_id, kind, status, opens_on, due_date, created_by)
			VALUES (?, ?, ?, 'reinspection', 'scheduled', ?, ?, ?)`, id, in.VenueID, in.GridID, opens, due, nullID(actor.UserID)).Error
		if err != nil {
			return uuid.Nil, translate(err, "create reinspection")
		}
		created, err := GetInspection(ctx, tx, actor, id, today)
		if err != nil {
			return uuid.Nil, err
		}
		if err := audit(ctx, tx, actor, "create", "inspection", id, &in.GridID, nil, created); err != nil {
			return uuid.Nil, err
		}
	}
	made[deadline] = id
	return id, nil
}

// resolve applies a reinspection's finding on a hazard, as actor.Resolve
// says: not fixed, it is open again and no longer verified; fixed, the fix
// is recorded if it was not, and verified unless the actor recorded it (a
// supervisor then verifies it from the review queue).
func resolve(ctx context.Context, tx *gorm.DB, actor Actor, r Resolution) error {
	var h Hazard
	if err := tx.Table("hazards h").Select(hazardColumns).Clauses(forUpdate).Take(&h, "h.id = ?", r.HazardID).Error; err != nil {
		return translate(err, "lock hazard")
	}
	before := h
	for _, act := range actor.Resolve(Resolving{Fixed: r.Fixed, Status: h.Status, RectifiedBy: h.RectifiedBy}) {
		to, err := HazardLife.Step(act, h.Status)
		if err != nil {
			return err
		}
		switch act {
		case ActRectify:
			err = rectify(tx, h.ID, actor, r.Description, r.PhotoIDs)
			h.RectifiedBy = nullID(actor.UserID)
		case ActVerify:
			err = tx.Exec(`UPDATE hazards SET status = ?, verified_at = now(), verified_by = ?, review_comment = ?,
				version = version + 1, updated_at = now() WHERE id = ?`, to, nullID(actor.UserID), "verified by reinspection", h.ID).Error
		case ActReopen:
			err = tx.Exec(`UPDATE hazards SET status = ?, review_comment = ?, verified_at = NULL, verified_by = NULL,
				version = version + 1, updated_at = now() WHERE id = ?`, to, "still not fixed at reinspection: "+r.Description, h.ID).Error
		}
		if err != nil {
			return translate(err, "resolve hazard")
		}
		h.Status = to
	}
	// The trail keeps the finding, also when it changes nothing (a fix the
	// officer recorded themself waits for a supervisor).
	after := struct {
		Hazard
		Resolution Resolution `json:"resolution"`
	}{h, r}
	return audit(ctx, tx, actor, "resolve", "hazard", h.ID, &h.GridID, before, after)
}

// ReviewInspection approves or returns a submitted inspection in scope.
// Only a supervisor or an admin decides (ErrForbidden otherwise), never on
// their own work; returning needs a comment and sends the inspection back
// to its officer, who can submit it again.
func ReviewInspection(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, approve bool, comment string, today schedules.Date) (Inspection, error) {
	if len([]rune(comment)) > 2000 {
		return Inspection{}, Invalid("comment", "must be at most 2000 characters")
	}
	if !approve && comment == "" {
		return Inspection{}, Invalid("comment", "say what is to be corrected")
	}
	action := ActApprove
	if !approve {
		action = ActReturn
	}
	var out Inspection
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		in, err := lockInspection(ctx, tx, actor, id, today)
		if err != nil {
			return err
		}
		if err := actor.MayDecide(ReviewSubmission, in.AssigneeID); err != nil {
			return err
		}
		to, err := InspectionLife.Step(action, in.Status)
		if err != nil {
			return err
		}
		err = tx.Exec(`UPDATE inspections SET status = ?, review_comment = ?, reviewed_by = ?, reviewed_at = now(),
			version = version + 1, updated_at = now() WHERE id = ?`, to, comment, actor.UserID, id).Error
		if err != nil {
			return translate(err, "review inspection")
		}
		if out, err = GetInspection(ctx, tx, actor, id, today); err != nil {
			return err
		}
		return audit(ctx, tx, actor, action, "inspection", id, &in.GridID, in, out)
	})
	if err != nil {
		return Inspection{}, err
	}
	return out, nil
}
