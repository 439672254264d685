package models

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/forms"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"github.com/jiuxiao/jiuxiao/storage"
	"gorm.io/gorm"
)

// What an owner does in an owner session, for their venue only. Each
// function checks that the resource is the venue's (anything else is not
// found, as out of scope), then does what the staff's path does with the
// owner as the actor: the same rules, the same audit trail and events, with
// actor_kind "owner".

// ownsVenue is ErrNotFound unless the row of table with id belongs to the
// owner's venue (and nil for any actor that is not an owner).
func ownsVenue(ctx context.Context, db *gorm.DB, actor Actor, table string, id uuid.UUID) error {
	if !actor.IsOwner() {
		return forbidden("only a venue's owner does this")
	}
	var n int64
	err := db.WithContext(ctx).Table(table).Where("id = ? AND venue_id = ?", id, actor.Owner.VenueID).Count(&n).Error
	if err != nil {
		return translate(err, "read "+table)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// OwnerView is the owner's home: the venue, its open hazards with their
// deadlines and reinspections, and whether it consented to electronic service.
type OwnerView struct {
	Venue struct {
		ID           uuid.UUID       `json:"id"`
		Name         string          `json:"name"`
		Category     vocab.Category  `json:"category"`
		RiskLevel    vocab.RiskLevel `json:"risk_level"`
		Address      string          `json:"address"`
		ContactName  string          `json:"contact_name"`
		ContactPhone string          `json:"contact_phone"`
	} `json:"venue"`
	Consent       *ServiceConsent `json:"service_consent"`
	SelfInspected bool            `json:"self_inspected_this_month"`
	Month         string          `json:"month"`
}

// OwnerHome reads the owner's venue.
func OwnerHome(ctx context.Context, db *gorm.DB, actor Actor, today schedules.Date) (OwnerView, error) {
	var out OwnerView
	if !actor.IsOwner() {
		return out, ErrNotFound
	}
	v, err := GetVenue(ctx, db, actor, actor.Owner.VenueID)
	if err != nil {
		return out, err
	}
	out.Venue.ID, out.Venue.Name, out.Venue.Category, out.Venue.RiskLevel = v.ID, v.Name, v.Category, v.RiskLevel
	out.Venue.Address, out.Venue.ContactName, out.Venue.ContactPhone = v.Address, v.ContactName, phoneHint(v.ContactPhone)
	var cs []ServiceConsent
	if err := db.WithContext(ctx).Raw("SELECT venue_id, address, recorded_by, recorded_at FROM service_consents WHERE venue_id = ?", v.ID).Scan(&cs).Error; err != nil {
		return out, translate(err, "read consent")
	}
	if len(cs) > 0 {
		out.Consent = &cs[0]
	}
	month := selfInspectionMonth(today)
	out.Month = month.String()[:7]
	var n int64
	if err := db.WithContext(ctx).Table("self_inspections").Where("venue_id = ? AND month = ?", v.ID, month).Count(&n).Error; err != nil {
		return out, translate(err, "read self-inspections")
	}
	out.SelfInspected = n > 0
	return out, nil
}

// OwnerHazards lists the venue's hazards not yet verified (open, or fixed
// and waiting for the station), deadlines first.
func OwnerHazards(ctx context.Context, db *gorm.DB, actor Actor, today schedules.Date) ([]Hazard, error) {
	if !actor.IsOwner() {
		return nil, ErrNotFound
	}
	out := []Hazard{}
	err := db.WithContext(ctx).Table("hazards h").Select(hazardColumns).
		Where("h.venue_id = ? AND h.status IN ('open', 'rectified')", actor.Owner.VenueID).
		Order("h.deadline NULLS LAST, h.id").Limit(200).Scan(&out).Error
	if err != nil {
		return nil, translate(err, "list hazards")
	}
	ptrs := make([]*Hazard, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, finishHazards(ctx, db, ptrs, today)
}

// OwnerFix records the owner's fix (整改回执) of an open hazard of the
// venue: photos the owner uploaded and a text. The hazard is `rectified`,
// by the owner, and waits for an officer or a supervisor to verify it.
func OwnerFix(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, description string, photos []uuid.UUID, today schedules.Date) (Hazard, error) {
	if err := ownsVenue(ctx, db, actor, "hazards", id); err != nil {
		return Hazard{}, err
	}
	var c Check
	c.Add(len(photos) == 0, "photo_ids", "a fix needs at least one photo of it")
	c.Add(len(photos) > 10, "photo_ids", "at most 10 photos")
	if err := c.Err(); err != nil {
		return Hazard{}, err
	}
	return RectifyHazard(ctx, db, actor, id, description, photos, today)
}

// ActRequestReinspection is the owner's 复查申请 of a hazard.
const ActRequestReinspection = "request_reinspection"

// OwnerRequestReinspection is the owner's application for the reinspection
// of a deadline hazard of the venue before its deadline (复查申请): the
// reinspection opens at once and is due 3 working days after the
// application (earlyReinspection). Applying again answers the hazard as it is.
func OwnerRequestReinspection(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, today schedules.Date) (Hazard, error) {
	if err := ownsVenue(ctx, db, actor, "hazards", id); err != nil {
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
		if h.ReinspectionRequestedOn != nil {
			out = h
			return nil
		}
		if h.FixMode != vocab.FixDeadline || h.ReinspectionID == nil {
			return Conflict("fix_mode", "only a hazard fixed by a deadline has a reinspection to apply for")
		}
		if h.Status == vocab.HazardVerified {
			return Conflict("status", "the hazard is verified already")
		}
		var r struct {
			Status  vocab.InspectionStatus
			DueDate schedules.Date
		}
		if err := tx.Raw("SELECT status, due_date FROM inspections WHERE id = ? FOR NO KEY UPDATE", *h.ReinspectionID).Scan(&r).Error; err != nil {
			return translate(err, "lock reinspection")
		}
		if r.Status != vocab.Scheduled {
			return Conflict("status", "the reinspection is %s already", r.Status)
		}
		cal, err := schedules.LoadCalendar(ctx, tx, today)
		if err != nil {
			return err
		}
		opens, due := earlyReinspection(cal, today, r.DueDate)
		err = tx.Exec(`UPDATE inspections SET opens_on = LEAST(opens_on, ?::date), due_date = ?, version = version + 1, updated_at = now() WHERE id = ?`,
			opens, due, *h.ReinspectionID).Error
		if err != nil {
			return translate(err, "move reinspection")
		}
		err = tx.Exec(`UPDATE hazards SET reinspection_requested_on = ?, version = version + 1, updated_at = now() WHERE id = ?`, today, id).Error
		if err != nil {
			return translate(err, "apply for reinspection")
		}
		if out, err = GetHazard(ctx, tx, actor, id, today); err != nil {
			return err
		}
		return audit(ctx, tx, actor, ActRequestReinspection, "hazard", id, &h.GridID, h, out)
	})
	return out, err
}

// OwnerExtension is the owner's request for more time to fix a hazard of
// the venue (延期整改): RequestExtension's rules, filed by the owner, for a
// supervisor to decide.
func OwnerExtension(ctx context.Context, db *gorm.DB, actor Actor, hazardID uuid.UUID, in NewExtension, rules FieldRules, today schedules.Date) (Extension, error) {
	if err := ownsVenue(ctx, db, actor, "hazards", hazardID); err != nil {
		return Extension{}, err
	}
	return RequestExtension(ctx, db, actor, hazardID, in, rules, today)
}

// ownerDocumentStatuses are what an owner sees: issued and served papers
// (not drafts, not void ones).
var ownerDocumentStatuses = []vocab.DocumentStatus{vocab.DocIssued, vocab.DocServed}

// OwnerDocuments lists the venue's issued and served documents.
func OwnerDocuments(ctx context.Context, db *gorm.DB, actor Actor, p Page, today schedules.Date) (List[Document], error) {
	if !actor.IsOwner() {
		return List[Document]{}, ErrNotFound
	}
	return ListDocuments(ctx, db, actor, DocumentFilter{VenueID: &actor.Owner.VenueID, Statuses: ownerDocumentStatuses}, p, today)
}

// ownsDocument is ErrNotFound unless the document is the venue's and issued or served.
func ownsDocument(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) error {
	if err := ownsVenue(ctx, db, actor, "documents", id); err != nil {
		return err
	}
	var st vocab.DocumentStatus
	if err := db.WithContext(ctx).Raw("SELECT status FROM documents WHERE id = ?", id).Scan(&st).Error; err != nil {
		return translate(err, "read document")
	}
	if !slices.Contains(ownerDocumentStatuses, st) {
		return ErrNotFound
	}
	return nil
}

// OwnerDocument reads one of the venue's documents.
func OwnerDocument(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, today schedules.Date) (Document, error) {
	if err := ownsDocument(ctx, db, actor, id); err != nil {
		return Document{}, err
	}
	return GetDocument(ctx, db, actor, id, today)
}

// OwnerDocumentPaper is the paper of one of the venue's documents (its PDF).
// The owner is in Jiuxiao already: it carries no invitation.
func OwnerDocumentPaper(ctx context.Context, db *gorm.DB, blobs storage.Blobs, actor Actor, id uuid.UUID, loc *time.Location, now time.Time) (Document, forms.Paper, error) {
	if err := ownsDocument(ctx, db, actor, id); err != nil {
		return Document{}, forms.Paper{}, err
	}
	return DocumentPaper(ctx, db, blobs, actor, id, PrintedInvites{}, loc, now)
}

// OwnerSign is the owner signing for an issued document of the venue:
// in person (the owner's name and an image of the signature drawn on the
// phone) or electronic (once the venue consented to electronic service).
func OwnerSign(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, s Service, now time.Time, today schedules.Date) (Document, error) {
	if err := ownsDocument(ctx, db, actor, id); err != nil {
		return Document{}, err
	}
	if s.Method != vocab.ServeInPerson && s.Method != vocab.ServeElectronic {
		return Document{}, Invalid("method", "an owner signs in_person or electronic")
	}
	s.Witness, s.PhotoIDs, s.ReceivedAt = "", nil, nil
	return ServeDocument(ctx, db, actor, id, s, now, today)
}

// OwnerConsent records the venue's consent to electronic service
// (送达地址确认书), given by its owner.
func OwnerConsent(ctx context.Context, db *gorm.DB, actor Actor, address string) (ServiceConsent, error) {
	if !actor.IsOwner() {
		return ServiceConsent{}, ErrNotFound
	}
	return RecordServiceConsent(ctx, db, actor, actor.Owner.VenueID, address)
}

// SelfInspection is a venue's monthly self-inspection (自查), filed by its owner.
type SelfInspection struct {
	ID        uuid.UUID        `json:"id"`
	VenueID   uuid.UUID        `json:"venue_id"`
	GridID    uuid.UUID        `json:"grid_id"`
	Month     string           `json:"month"`
	Checklist ChecklistAnswers `json:"checklist"`
	Failed    []string         `json:"failed" gorm:"-"`
	FailedArr string           `json:"-" gorm:"column:failed_text"`
	Notes     string           `json:"notes"`
	CreatedAt time.Time        `json:"created_at"`
}

const selfInspectionColumns = `id, venue_id, grid_id, to_char(month, 'YYYY-MM') AS month, checklist, array_to_json(failed)::text AS failed_text, notes, created_at`

// selfInspectionColumn is, on a read of an inspection (i) not yet
// submitted, the venue's latest self-inspection with failed items.
const selfInspectionColumn = `(SELECT jsonb_build_object('id', s.id, 'month', to_char(s.month, 'YYYY-MM'), 'failed', to_jsonb(s.failed), 'filed_at', s.created_at)
	FROM self_inspections s WHERE s.venue_id = i.venue_id AND cardinality(s.failed) > 0 AND i.status IN ('scheduled', 'in_progress', 'returned')
	ORDER BY s.month DESC LIMIT 1) AS self_inspection`

func (s *SelfInspection) finish() {
	s.Failed = []string{}
	_ = json.Unmarshal([]byte(s.FailedArr), &s.Failed)
	if s.Checklist == nil {
		s.Checklist = ChecklistAnswers{}
	}
}

// NewSelfInspection is a self-inspection as the owner files it.
type NewSelfInspection struct {
	ID        uuid.UUID
	Checklist ChecklistAnswers
	Notes     string
}

// FileSelfInspection files the venue's self-inspection of this month with
// the category's checklist, every item answered. One per venue per month:
// the same one sent again (same id) answers it; another one is a conflict.
// Its failed items show on the grid officer's next task for the venue
// (Inspection.SelfInspection) and in the venue's page.
func FileSelfInspection(ctx context.Context, db *gorm.DB, actor Actor, in NewSelfInspection, today schedules.Date) (SelfInspection, error) {
	if !actor.IsOwner() {
		return SelfInspection{}, ErrNotFound
	}
	v, err := GetVenue(ctx, db, actor, actor.Owner.VenueID)
	if err != nil {
		return SelfInspection{}, err
	}
	items, err := ChecklistFor(ctx, db, v.Category)
	if err != nil {
		return SelfInspection{}, err
	}
	var c Check
	checkAnswers(&c, items, v.Category, in.Checklist)
	c.Add(len([]rune(in.Notes)) > 2000, "notes", "must be at most 2000 characters")
	if err := c.Err(); err != nil {
		return SelfInspection{}, err
	}
	if in.ID == uuid.Nil {
		in.ID = newID()
	}
	failed := []string{}
	for _, a := range in.Checklist {
		if a.Result == vocab.Fail {
			failed = append(failed, a.ItemCode)
		}
	}
	month := selfInspectionMonth(today)
	var out SelfInspection
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		out, _, err = createOnce(ctx, tx, "self_inspections", "a self-inspection", in.ID,
			func() (SelfInspection, error) { return getSelfInspection(ctx, tx, v.ID, in.ID) },
			func(x SelfInspection) bool { return x.Notes == in.Notes && slices.Equal(x.Checklist, in.Checklist) },
			func() (SelfInspection, error) {
				var n int64
				if err := tx.Table("self_inspections").Where("venue_id = ? AND month = ?", v.ID, month).Count(&n).Error; err != nil {
					return SelfInspection{}, translate(err, "read self-inspections")
				}
				if n > 0 {
					return SelfInspection{}, Conflict("month", "the self-inspection of %s is filed already", month.String()[:7])
				}
				err := tx.Exec(`INSERT INTO self_inspections (id, venue_id, grid_id, month, checklist, failed, notes, session_id)
					VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?)`, in.ID, v.ID, v.GridID, month, in.Checklist, "{"+strings.Join(failed, ",")+"}",
					in.Notes, actor.Owner.SessionID).Error
				if err != nil {
					return SelfInspection{}, translate(err, "insert self-inspection")
				}
				made, err := getSelfInspection(ctx, tx, v.ID, in.ID)
				if err != nil {
					return made, err
				}
				return made, audit(ctx, tx, actor, "create", "self_inspection", in.ID, &v.GridID, nil, made)
			})
		return err
	})
	return out, err
}

func getSelfInspection(ctx context.Context, db *gorm.DB, venueID, id uuid.UUID) (SelfInspection, error) {
	var s SelfInspection
	err := db.WithContext(ctx).Table("self_inspections").Select(selfInspectionColumns).Where("id = ? AND venue_id = ?", id, venueID).Take(&s).Error
	s.finish()
	return s, translate(err, "read self-inspection")
}

// ListSelfInspections lists a venue's self-inspections, newest first: the
// owner's own venue, or a venue in a staff actor's scope.
func ListSelfInspections(ctx context.Context, db *gorm.DB, actor Actor, venueID uuid.UUID) ([]SelfInspection, error) {
	if actor.IsOwner() {
		venueID = actor.Owner.VenueID
	}
	if _, err := GetVenue(ctx, db, actor, venueID); err != nil {
		return nil, err
	}
	out := []SelfInspection{}
	err := db.WithContext(ctx).Table("self_inspections").Select(selfInspectionColumns).Where("venue_id = ?", venueID).
		Order("month DESC").Limit(120).Scan(&out).Error
	for i := range out {
		out[i].finish()
	}
	return out, translate(err, "list self-inspections")
}
