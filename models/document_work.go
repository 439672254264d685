package models

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/forms"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"github.com/jiuxiao/jiuxiao/storage"
	"gorm.io/gorm"
)

// documentsOnSubmit makes the documents of a submitted visit, in its
// transaction: the inspection record; an immediate_order listing the on-site
// hazards; a deadline_order listing the deadline hazards (a draft when the
// station wants a supervisor to approve it first); and, for a reinspection,
// the reinspection_opinion on each hazard it was made for. A resubmission
// (after a return) makes the kinds not made yet, and replaces each document
// whose listing it corrected (correctDocument); one left with no hazard is
// void.
//
// Orders carry the venue's printed owner invitation (invites.forOrder).
func documentsOnSubmit(ctx context.Context, tx *gorm.DB, actor Actor, in Inspection, invites PrintedInvites, cal schedules.Calendar,
	today schedules.Date, now time.Time) (err error) {
	current, err := currentDocuments(ctx, tx, in.ID)
	if err != nil {
		return err
	}
	st, err := stationOf(ctx, tx, in.GridID)
	if err != nil {
		return err
	}
	facts, err := readVisitFacts(ctx, tx, in.VenueID, actor.UserID)
	if err != nil {
		return err
	}
	found, err := readDocHazards(ctx, tx, "h.inspection_id = ?", in.ID)
	if err != nil {
		return err
	}
	kinds := []vocab.DocumentKind{vocab.DocInspectionRecord, vocab.DocImmediateOrder, vocab.DocDeadlineOrder}
	if in.Kind == vocab.Reinspection {
		kinds = append(kinds, vocab.DocReinspectionOpinion)
	}
	templates, err := loadTemplates(ctx, tx, kinds...)
	if err != nil {
		return err
	}
	// The venue's orders carry one invitation: asked for once.
	var invite *uuid.UUID
	var askedInvite bool
	make1 := func(kind vocab.DocumentKind, hs []docHazard, draft bool, edit func(*forms.Sheet)) error {
		cur, has := current[kind]
		delete(current, kind)
		t := templates[kind]
		var err error
		day := chineseDate(today)
		if has {
			day = cur.Content.InspectedOn // a correction keeps the day of the inspection
		}
		v := withValue(baseValues(facts, st, today), "inspected_on", day)
		if d := latestDeadline(hs); !d.IsZero() {
			v = withValue(v, "deadline", chineseDate(d))
		}
		sheet := t.sheetOf(v)
		fillFacts(&sheet, facts, st, today)
		sheet.InspectedOn = day
		sheet.Deadline = v["deadline"]
		ids := make([]uuid.UUID, len(hs))
		for i, h := range hs {
			ids[i] = h.ID
			sheet.Items = append(sheet.Items, h.item())
		}
		if sheet.Items == nil {
			sheet.Items = []forms.Item{}
		}
		if edit != nil {
			edit(&sheet)
		}
		n := newDocument{Kind: kind, GridID: in.GridID, VenueID: in.VenueID, InspectionID: &in.ID,
			HazardIDs: ids, Sheet: sheet, ServeFrom: today, Draft: draft, Station: &st}
		if kind == vocab.DocImmediateOrder || kind == vocab.DocDeadlineOrder {
			if n.Invite = cur.OwnerInviteID; n.Invite == nil {
				if !askedInvite {
					if invite, err = invites.forOrder(ctx, tx, actor, in.VenueID, now); err != nil {
						return err
					}
					askedInvite = true
				}
				n.Invite = invite
			}
		}
		if has {
			return correctDocument(ctx, tx, actor, cur, n, cal, today)
		}
		_, err = makeDocument(ctx, tx, actor, n, cal, today)
		return err
	}
	defer func() {
		// Orders the corrected hazards left empty are void (unless served).
		for _, cur := range current {
			if err == nil && (cur.Kind == vocab.DocImmediateOrder || cur.Kind == vocab.DocDeadlineOrder) && cur.Status != vocab.DocServed {
				_, err = voidLocked(ctx, tx, actor, cur, CorrectedReason, today)
			}
		}
	}()
	checklist, err := checklistLines(ctx, tx, in.ID)
	if err != nil {
		return err
	}
	err = make1(vocab.DocInspectionRecord, found, false, func(s *forms.Sheet) {
		s.Checklist = checklist
		s.Notes = in.Notes
		if in.StartDistanceM != nil {
			s.CheckIn = fmt.Sprintf("距场所 %.0f 米", *in.StartDistanceM)
			if in.OffSite {
				s.CheckIn += "（超出签到范围）"
			}
		}
	})
	if err != nil {
		return err
	}
	var onSite, byDeadline []docHazard
	for _, h := range found {
		if h.FixMode == vocab.FixOnSite {
			onSite = append(onSite, h)
		} else {
			byDeadline = append(byDeadline, h)
		}
	}
	if len(onSite) > 0 {
		if err := make1(vocab.DocImmediateOrder, onSite, false, nil); err != nil {
			return err
		}
	}
	if len(byDeadline) > 0 {
		if err := make1(vocab.DocDeadlineOrder, byDeadline, st.Approval, nil); err != nil {
			return err
		}
	}
	if in.Kind != vocab.Reinspection {
		return nil
	}
	rechecked, err := readDocHazards(ctx, tx, "h.reinspection_id = ?", in.ID)
	if err != nil || len(rechecked) == 0 {
		return err
	}
	return make1(vocab.DocReinspectionOpinion, rechecked, false, func(s *forms.Sheet) {
		for i, h := range rechecked {
			s.Items[i].Finding = "未改正"
			if h.Status != vocab.HazardOpen {
				s.Items[i].Finding = "已改正"
			}
		}
	})
}

// fillFacts copies the venue's, station's and visit's facts into a sheet.
func fillFacts(s *forms.Sheet, f visitFacts, st station, day schedules.Date) {
	s.Venue, s.Address, s.Person, s.Phone, s.LicenseNo = f.Venue, f.Address, f.Person, f.Phone, f.LicenseNo
	s.Station, s.Officer, s.InspectedOn = st.Name, f.Officer, chineseDate(day)
}

func withValue(vals map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(vals)+1)
	for a, b := range vals {
		out[a] = b
	}
	out[k] = v
	return out
}

func latestDeadline(hs []docHazard) schedules.Date {
	var d schedules.Date
	for _, h := range hs {
		if !h.Deadline.IsZero() && (d.IsZero() || d.Before(h.Deadline)) {
			d = h.Deadline
		}
	}
	return d
}

// checklistLines are an inspection's answers as its record lists them.
func checklistLines(ctx context.Context, tx *gorm.DB, id uuid.UUID) ([]forms.CheckLine, error) {
	var rows []struct {
		Label  string
		Result vocab.CheckResult
		Note   string
	}
	err := tx.WithContext(ctx).Raw(`SELECT c.label_zh AS label, a.result, COALESCE(a.note, '') AS note
		FROM inspections i, jsonb_to_recordset(i.checklist) AS a (item_code text, result text, note text)
		JOIN checklist_items c ON c.code = a.item_code WHERE i.id = ? ORDER BY c.position`, id).Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "read checklist")
	}
	out := make([]forms.CheckLine, len(rows))
	for i, r := range rows {
		out[i] = forms.CheckLine{Label: r.Label, Result: r.Result.ZH(), Note: r.Note}
	}
	return out, nil
}

// Service is how a document is served (POST /documents/{id}/service).
type Service struct {
	Method           vocab.ServiceMethod
	ReceivedBy       string
	ReceivedAt       *time.Time
	SignaturePhotoID *uuid.UUID
	Witness          string
	PhotoIDs         []uuid.UUID
}

// ServeDocument records the service of an issued document in scope: in
// person with the receiver's name and signature image, left at the premises
// with a witness and a photo, or electronically to a venue that consented.
// A served document never changes: serving it again is a conflict, unless
// it is the same service sent again (a retry), which answers it as it is.
func ServeDocument(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, s Service, now time.Time, today schedules.Date) (Document, error) {
	var c Check
	term(&c, "method", vocab.ServiceMethods, s.Method)
	c.Add(len([]rune(s.ReceivedBy)) > 100, "received_by", "must be at most 100 characters")
	c.Add(len([]rune(s.Witness)) > 100, "witness", "must be at most 100 characters")
	c.Add(len(s.PhotoIDs) > 10, "photo_ids", "at most 10 photos")
	switch s.Method {
	case vocab.ServeInPerson:
		c.Add(strings.TrimSpace(s.ReceivedBy) == "", "received_by", "in-person service needs the receiver's name")
		c.Add(s.SignaturePhotoID == nil, "signature_photo_id", "in-person service needs an image of the receiver's signature")
	case vocab.ServeLeftAtPremises:
		c.Add(strings.TrimSpace(s.Witness) == "", "witness", "service left at the premises needs a witness")
		c.Add(len(s.PhotoIDs) == 0, "photo_ids", "service left at the premises needs at least one photo")
	}
	c.Add(s.ReceivedAt != nil && s.ReceivedAt.After(now.Add(5*time.Minute)), "received_at", "must not be in the future")
	if err := c.Err(); err != nil {
		return Document{}, err
	}
	var out Document
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := lockDocument(ctx, tx, actor, id, today)
		if err != nil {
			return err
		}
		if d.Status == vocab.DocServed && d.Service != nil && d.Service.Method == s.Method && d.Service.ReceivedBy == s.ReceivedBy &&
			d.Service.Witness == s.Witness && sameID(d.Service.SignaturePhotoID, s.SignaturePhotoID) {
			out = d
			return nil // a retried service
		}
		to, err := DocumentLife.Step(ActServe, d.Status)
		if err != nil {
			return err
		}
		if s.ReceivedAt != nil && d.IssuedAt != nil && s.ReceivedAt.Before(d.IssuedAt.Add(-time.Minute)) {
			return Invalid("received_at", "must not be before the document was issued (%s)", d.IssuedAt.Format(time.RFC3339))
		}
		if s.Method == vocab.ServeElectronic {
			var consents int64
			if err := tx.Raw("SELECT count(*) FROM service_consents WHERE venue_id = ?", d.VenueID).Scan(&consents).Error; err != nil {
				return translate(err, "read consent")
			}
			if consents == 0 {
				return Conflict("method", "the venue has not consented to electronic service (POST /venues/{id}/service-consent)")
			}
		}
		photos := append([]uuid.UUID{}, s.PhotoIDs...)
		if s.SignaturePhotoID != nil {
			if err := checkPhotos(ctx, tx, actor, "signature_photo_id", []uuid.UUID{*s.SignaturePhotoID}); err != nil {
				return err
			}
		}
		if err := checkPhotos(ctx, tx, actor, "photo_ids", photos); err != nil {
			return err
		}
		err = tx.Exec(`UPDATE documents SET status = ?, service_method = ?, received_by = ?, received_at = ?, signature_photo_id = ?,
			witness = ?, service_photo_ids = ?::uuid[], served_by = ?, served_at = now(), version = version + 1, updated_at = now() WHERE id = ?`,
			to, s.Method, s.ReceivedBy, receivedAt(s.ReceivedAt), s.SignaturePhotoID, s.Witness, arrayOf(s.PhotoIDs), nullID(actor.UserID), id).Error
		if err != nil {
			return translate(err, "serve document")
		}
		if out, err = GetDocument(ctx, tx, actor, id, today); err != nil {
			return err
		}
		return audit(ctx, tx, actor, ActServe, "document", id, &d.GridID, d, out)
	})
	return out, err
}

// receivedAt is the time a service was received: the one given, or the
// database's now, as the other times of the document.
func receivedAt(t *time.Time) any {
	if t == nil {
		return gorm.Expr("now()")
	}
	return *t
}

// VoidDocument voids (作废) a draft or an unserved document in scope, with a
// reason; it keeps its number. Supervisors and admins only.
func VoidDocument(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, reason string, today schedules.Date) (Document, error) {
	var c Check
	c.Add(strings.TrimSpace(reason) == "" || len([]rune(reason)) > 500, "reason", "say why it is void (1-500 characters)")
	if err := c.Err(); err != nil {
		return Document{}, err
	}
	var out Document
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := lockDocument(ctx, tx, actor, id, today)
		if err != nil {
			return err
		}
		if err := actor.MayDecide(VoidPaper, nil); err != nil {
			return err
		}
		if d.Status == vocab.DocVoid && d.VoidReason != nil && *d.VoidReason == reason {
			out = d
			return nil // a retry
		}
		out, err = voidLocked(ctx, tx, actor, d, reason, today)
		return err
	})
	return out, err
}

// voidLocked voids d, locked in tx, with its audit row.
func voidLocked(ctx context.Context, tx *gorm.DB, actor Actor, d Document, reason string, today schedules.Date) (Document, error) {
	to, err := DocumentLife.Step(ActVoid, d.Status)
	if err != nil {
		return d, err
	}
	err = tx.Exec(`UPDATE documents SET status = ?, void_reason = ?, voided_by = ?, voided_at = now(), version = version + 1,
		updated_at = now() WHERE id = ?`, to, reason, nullID(actor.UserID), d.ID).Error
	if err != nil {
		return d, translate(err, "void document")
	}
	out, err := GetDocument(ctx, tx, Actor{Role: vocab.Admin}, d.ID, today)
	if err != nil {
		return out, err
	}
	return out, audit(ctx, tx, actor, ActVoid, "document", d.ID, &d.GridID, d, out)
}

// IssueDraft issues a deadline_order that waited for a supervisor's
// approval (the station's setting): it gets its number now. Nobody issues
// a notice they made themselves.
func IssueDraft(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, today schedules.Date) (Document, error) {
	var out Document
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := lockDocument(ctx, tx, actor, id, today)
		if err != nil {
			return err
		}
		if err := actor.MayDecide(ApproveNotice, d.CreatedBy); err != nil {
			return err
		}
		if d.Status == vocab.DocIssued && d.IssuedBy != nil && *d.IssuedBy == actor.UserID {
			out = d
			return nil // a retry
		}
		if _, err := DocumentLife.Step(ActIssue, d.Status); err != nil {
			return err
		}
		if err := issueDocument(ctx, tx, actor, d); err != nil {
			return err
		}
		if out, err = GetDocument(ctx, tx, actor, id, today); err != nil {
			return err
		}
		return audit(ctx, tx, actor, ActIssue, "document", id, &d.GridID, d, out)
	})
	return out, err
}

// ServiceConsent is a venue's consent to electronic service (送达地址确认书).
type ServiceConsent struct {
	VenueID    uuid.UUID  `json:"venue_id"`
	Address    string     `json:"address"`
	RecordedBy *uuid.UUID `json:"recorded_by"`
	RecordedAt time.Time  `json:"recorded_at"`
}

// RecordServiceConsent records (or replaces) a venue's consent to
// electronic service at an address (a phone number or an e-mail address).
func RecordServiceConsent(ctx context.Context, db *gorm.DB, actor Actor, venueID uuid.UUID, address string) (ServiceConsent, error) {
	address = strings.TrimSpace(address)
	if address == "" || len([]rune(address)) > 200 {
		return ServiceConsent{}, Invalid("address", "must be 1-200 characters: where electronic service goes")
	}
	var out ServiceConsent
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		v, err := lockVenue(ctx, tx, actor, venueID, AnyVersion)
		if err != nil {
			return err
		}
		var before *ServiceConsent
		var prev ServiceConsent
		if err := tx.Raw("SELECT venue_id, address, recorded_by, recorded_at FROM service_consents WHERE venue_id = ?", venueID).Scan(&prev).Error; err != nil {
			return translate(err, "read consent")
		}
		if prev.VenueID != uuid.Nil {
			if prev.Address == address {
				out = prev
				return nil // recorded already
			}
			before = &prev
		}
		err = tx.Raw(`INSERT INTO service_consents (venue_id, address, recorded_by) VALUES (?, ?, ?)
			ON CONFLICT (venue_id) DO UPDATE SET address = excluded.address, recorded_by = excluded.recorded_by, recorded_at = now()
			RETURNING venue_id, address, recorded_by, recorded_at`, venueID, address, nullID(actor.UserID)).Scan(&out).Error
		if err != nil {
			return translate(err, "record consent")
		}
		return audit(ctx, tx, actor, "record", "service_consent", venueID, &v.GridID, before, out)
	})
	return out, err
}

// DocumentPaper is a document in scope as it is printed at now: its sheet,
// number, marks, the service with the receiver's signature image, and the
// owner invitation it carries while that is pending.
func DocumentPaper(ctx context.Context, db *gorm.DB, blobs storage.Blobs, actor Actor, id uuid.UUID, invites PrintedInvites, loc *time.Location,
	now time.Time) (Document, forms.Paper, error) {
	d, err := GetDocument(ctx, db, actor, id, schedules.DateIn(now, loc))
	if err != nil {
		return d, forms.Paper{}, err
	}
	p := forms.Paper{Sheet: d.Content, Draft: d.Status == vocab.DocDraft, Void: d.Status == vocab.DocVoid}
	if d.Status != vocab.DocVoid {
		link, phone, until, err := invites.printed(ctx, db, d.OwnerInviteID, now)
		if err != nil {
			return d, p, err
		}
		if link != "" {
			p.Invite = &forms.Invite{URL: link, Phone: phone, Until: chineseDate(schedules.DateIn(until.Add(-time.Second), loc))}
		}
	}
	if d.Number != nil {
		p.Number = *d.Number
	}
	if d.IssuedAt != nil {
		p.IssuedOn = chineseDate(schedules.DateIn(*d.IssuedAt, loc))
	}
	if s := d.Service; s != nil {
		var by string
		if s.By != nil {
			if err := db.WithContext(ctx).Raw("SELECT name FROM users WHERE id = ?", *s.By).Scan(&by).Error; err != nil {
				return d, p, translate(err, "read user")
			}
		}
		p.Service = &forms.Service{Method: s.Method.ZH(), ReceivedBy: s.ReceivedBy, ReceivedAt: s.ReceivedAt.In(loc).Format("2006-01-02 15:04"),
			Witness: s.Witness, By: by}
		if s.SignaturePhotoID != nil && blobs != nil {
			var sha string
			if err := db.WithContext(ctx).Raw("SELECT sha256 FROM photos WHERE id = ?", *s.SignaturePhotoID).Scan(&sha).Error; err != nil {
				return d, p, translate(err, "read signature")
			}
			// The signature is kept in the photo store. A store that does
			// not answer fails the paper (503): a served document printed
			// without its signature would look unsigned.
			r, err := blobs.Open(ctx, sha)
			if errors.Is(err, storage.ErrUnavailable) {
				return d, p, err
			}
			if err == nil {
				p.Service.Signature, err = io.ReadAll(io.LimitReader(r, 8<<20))
				r.Close()
				if errors.Is(err, storage.ErrUnavailable) {
					return d, p, err
				}
			}
		}
	}
	return d, p, nil
}
