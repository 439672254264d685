package models

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/forms"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Legal documents (法律文书, SPEC "Legal documents"): made from the data an
// inspection holds when it is submitted (and when an extension is
// decided), numbered when issued, served on the venue, or voided.

// ServiceRecord is how a document was served.
type ServiceRecord struct {
	Method           vocab.ServiceMethod `json:"method"`
	ReceivedBy       string              `json:"received_by"`
	ReceivedAt       time.Time           `json:"received_at"`
	Witness          string              `json:"witness"`
	SignaturePhotoID *uuid.UUID          `json:"signature_photo_id"`
	PhotoIDs         []uuid.UUID         `json:"photo_ids"`
	By               *uuid.UUID          `json:"by"`
	At               time.Time           `json:"at"`
}

// Document is one legal document.
type Document struct {
	ID           uuid.UUID            `json:"id"`
	Kind         vocab.DocumentKind   `json:"kind"`
	Number       *string              `json:"number"`
	Status       vocab.DocumentStatus `json:"status"`
	StationID    uuid.UUID            `json:"station_id"`
	GridID       uuid.UUID            `json:"grid_id"`
	VenueID      uuid.UUID            `json:"venue_id"`
	VenueName    string               `json:"venue_name"`
	InspectionID *uuid.UUID           `json:"inspection_id"`
	ExtensionID  *uuid.UUID           `json:"extension_id"`
	HazardIDs    idList               `json:"hazard_ids"`
	IssuedAt     *time.Time           `json:"issued_at"`
	IssuedBy     *uuid.UUID           `json:"issued_by"`
	ServeBy      *schedules.Date      `json:"serve_by"`
	Overdue      bool                 `json:"overdue" gorm:"-"`
	Service      *ServiceRecord       `json:"service" gorm:"-"`
	VoidReason   *string              `json:"void_reason"`
	ReplacesID   *uuid.UUID           `json:"replaces_id"`
	// OwnerInviteID is the owner invitation printed on an order's paper.
	OwnerInviteID *uuid.UUID `json:"owner_invite_id"`
	CreatedBy     *uuid.UUID `json:"created_by"`
	Version       int        `json:"version"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`

	Content          forms.Sheet          `json:"-"`
	ServiceMethod    *vocab.ServiceMethod `json:"-"`
	ReceivedBy       *string              `json:"-"`
	ReceivedAt       *time.Time           `json:"-"`
	Witness          *string              `json:"-"`
	SignaturePhotoID *uuid.UUID           `json:"-"`
	ServicePhotoIDs  idList               `json:"-"`
	ServedBy         *uuid.UUID           `json:"-"`
	ServedAt         *time.Time           `json:"-"`
}

// idList is a uuid[] column.
type idList []uuid.UUID

// Value writes the ids as a PostgreSQL array literal.
func (l idList) Value() (driver.Value, error) { return arrayOf(l), nil }

// Scan reads a PostgreSQL array of ids.
func (l *idList) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*l = idList{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("cannot scan %T into ids", src)
	}
	s = strings.Trim(s, "{}")
	out := idList{}
	for _, p := range strings.Split(s, ",") {
		if p == "" {
			continue
		}
		id, err := uuid.Parse(p)
		if err != nil {
			return err
		}
		out = append(out, id)
	}
	*l = out
	return nil
}

func arrayOf(ids []uuid.UUID) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id.String()
	}
	return "{" + strings.Join(parts, ",") + "}"
}

const documentColumns = `d.id, d.kind, d.number, d.status, d.station_id, d.grid_id, d.venue_id, v.name AS venue_name, d.inspection_id,
	d.extension_id, d.hazard_ids, d.issued_at, d.issued_by, d.serve_by, d.void_reason, d.replaces_id, d.owner_invite_id, d.created_by, d.version, d.created_at,
	d.updated_at, d.content, d.service_method, d.received_by, d.received_at, d.witness, d.signature_photo_id,
	d.service_photo_ids, d.served_by, d.served_at`

// documents starts a scoped query of documents joined to their venues.
func documents(ctx context.Context, db *gorm.DB, actor Actor) *gorm.DB {
	q := db.WithContext(ctx).Table("documents d").Joins("JOIN venues v ON v.id = d.venue_id")
	return actor.Scoped(q, "d.grid_id")
}

// finish fills the derived fields.
func (d *Document) finish(today schedules.Date) {
	d.Overdue = DocumentOverdue(d.Status, d.ServeBy, today)
	if d.HazardIDs == nil {
		d.HazardIDs = idList{}
	}
	d.Service = nil
	if d.ServedAt != nil && d.ServiceMethod != nil {
		s := &ServiceRecord{Method: *d.ServiceMethod, SignaturePhotoID: d.SignaturePhotoID, PhotoIDs: d.ServicePhotoIDs, By: d.ServedBy, At: *d.ServedAt}
		if d.ReceivedBy != nil {
			s.ReceivedBy = *d.ReceivedBy
		}
		if d.ReceivedAt != nil {
			s.ReceivedAt = *d.ReceivedAt
		}
		if d.Witness != nil {
			s.Witness = *d.Witness
		}
		if s.PhotoIDs == nil {
			s.PhotoIDs = []uuid.UUID{}
		}
		d.Service = s
	}
}

// GetDocument returns a document in scope.
func GetDocument(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, today schedules.Date) (Document, error) {
	var d Document
	if err := documents(ctx, db, actor).Select(documentColumns).Where("d.id = ?", id).Take(&d).Error; err != nil {
		return d, translate(err, "read document")
	}
	d.finish(today)
	return d, nil
}

// lockDocument reads a document in scope for update.
func lockDocument(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID, today schedules.Date) (Document, error) {
	var d Document
	err := documents(ctx, tx, actor).Select(documentColumns).Clauses(clause.Locking{Strength: forUpdate.Strength, Table: clause.Table{Name: "d"}}).Where("d.id = ?", id).Take(&d).Error
	if err != nil {
		return d, translate(err, "lock document")
	}
	d.finish(today)
	return d, nil
}

// DocumentFilter narrows a list of documents.
type DocumentFilter struct {
	VenueID      *uuid.UUID
	InspectionID *uuid.UUID
	OrgUnitID    *uuid.UUID
	Kind         vocab.DocumentKind
	Statuses     []vocab.DocumentStatus
	Overdue      *bool
	// Mine keeps the documents the caller made (their inspections' and
	// their decisions'): with status=issued, what they still have to serve.
	Mine bool
}

// filterDocuments builds the scoped, filtered query of a list or a ledger.
func filterDocuments(ctx context.Context, db *gorm.DB, actor Actor, f DocumentFilter, today schedules.Date) (*gorm.DB, error) {
	var c Check
	optionalTerm(&c, "kind", vocab.DocumentKinds, f.Kind)
	for _, s := range f.Statuses {
		c.Add(!s.Valid(), "status", "must be one or more of %s", vocab.DocumentStatuses.List())
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	q := documents(ctx, db, actor)
	if f.VenueID != nil {
		q = q.Where("d.venue_id = ?", *f.VenueID)
	}
	if f.InspectionID != nil {
		q = q.Where("d.inspection_id = ?", *f.InspectionID)
	}
	if f.OrgUnitID != nil {
		q = q.Where("d.grid_id IN (SELECT id FROM org_units WHERE path @> ARRAY[?]::uuid[])", *f.OrgUnitID)
	}
	if f.Kind != "" {
		q = q.Where("d.kind = ?", f.Kind)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("d.status IN ?", f.Statuses)
	}
	if f.Overdue != nil {
		cond := "d.status IN ('draft', 'issued') AND d.serve_by < ?"
		if !*f.Overdue {
			cond = "NOT (d.status IN ('draft', 'issued') AND d.serve_by IS NOT NULL AND d.serve_by < ?)"
		}
		q = q.Where(cond, today)
	}
	if f.Mine {
		q = q.Where("d.created_by = ?", actor.UserID)
	}
	return q, nil
}

// ListDocuments lists documents in scope, oldest first.
func ListDocuments(ctx context.Context, db *gorm.DB, actor Actor, f DocumentFilter, p Page, today schedules.Date) (List[Document], error) {
	q, err := filterDocuments(ctx, db, actor, f, today)
	if err != nil {
		return List[Document]{}, err
	}
	out, err := pageByKey(q.Select(documentColumns), p, "d.id", "list documents", func(d Document) uuid.UUID { return d.ID })
	for i := range out.Items {
		out.Items[i].finish(today)
	}
	return out, err
}

// station is what a document needs of the station that issues it.
type station struct {
	ID         uuid.UUID
	Name       string
	City       string
	AgencyCode string
	Approval   bool
}

// stationOf is the station a grid belongs to, with the agency code of the
// nearest unit from the station up that has one.
func stationOf(ctx context.Context, tx *gorm.DB, gridID uuid.UUID) (station, error) {
	var s station
	err := tx.WithContext(ctx).Raw(`SELECT s.id, s.name, s.deadline_order_approval AS approval,
		COALESCE((SELECT c.name FROM org_units c WHERE c.id = s.path[1]), '') AS city,
		COALESCE((SELECT a.agency_code FROM org_units a WHERE a.id = ANY (s.path) AND a.agency_code IS NOT NULL
		          ORDER BY array_position(s.path, a.id) DESC LIMIT 1), '') AS agency_code
		FROM org_units g JOIN org_units s ON s.id = g.parent_id WHERE g.id = ?`, gridID).Scan(&s).Error
	if err != nil {
		return s, translate(err, "read station")
	}
	if s.ID == uuid.Nil {
		return s, fmt.Errorf("grid %s has no station", gridID)
	}
	return s, nil
}

// DocumentNumber is a document's number: {agency_code}公（消）{kind word}字〔{year}〕第{NNNN}号.
func DocumentNumber(agencyCode, kindWord string, year, seq int) string {
	return fmt.Sprintf("%s公（消）%s字〔%d〕第%04d号", agencyCode, kindWord, year, seq)
}

// nextNumber moves the counter of (station, kind, year) on by one and
// returns it with the year: the year of the database's now() in the
// issuing transaction (in the session's time zone, TZ), which is also the
// document's issued_at, so that the number's year and the date printed on
// the paper never disagree, whatever the app's clock says. The row stays
// locked until the transaction ends, so issues of one station and kind take
// turns, and a rollback takes the number back: the numbers have no gap and
// none is used twice (a sequence would leave gaps).
func nextNumber(ctx context.Context, tx *gorm.DB, stationID uuid.UUID, kind vocab.DocumentKind) (year, seq int, err error) {
	var row struct{ Year, Last int }
	err = tx.WithContext(ctx).Raw(`INSERT INTO document_counters AS c (station_id, kind, year, last)
		VALUES (?, ?, extract(year FROM now())::int, 1)
		ON CONFLICT (station_id, kind, year) DO UPDATE SET last = c.last + 1 RETURNING year, last`, stationID, kind).Scan(&row).Error
	return row.Year, row.Last, translate(err, "number document")
}

// issueDocument gives a draft its number and issues it, in tx, at the
// database's now().
func issueDocument(ctx context.Context, tx *gorm.DB, actor Actor, d Document) error {
	st, err := stationOf(ctx, tx, d.GridID)
	if err != nil {
		return err
	}
	year, seq, number, err := numberFor(ctx, tx, st, d.Kind, d.Content.KindWord)
	if err != nil {
		return err
	}
	err = tx.Exec(`UPDATE documents SET status = 'issued', year = ?, seq = ?, number = ?, issued_at = now(), issued_by = ?,
		version = version + 1, updated_at = now() WHERE id = ?`, year, seq, number, nullID(actor.UserID), d.ID).Error
	return translate(err, "issue document")
}

// numberFor is the next number of the station's documents of a kind.
func numberFor(ctx context.Context, tx *gorm.DB, st station, kind vocab.DocumentKind, kindWord string) (year, seq int, number string, err error) {
	if year, seq, err = nextNumber(ctx, tx, st.ID, kind); err != nil {
		return 0, 0, "", err
	}
	return year, seq, DocumentNumber(st.AgencyCode, kindWord, year, seq), nil
}

// newDocument is a document to make.
type newDocument struct {
	Kind         vocab.DocumentKind
	GridID       uuid.UUID
	VenueID      uuid.UUID
	InspectionID *uuid.UUID
	ExtensionID  *uuid.UUID
	HazardIDs    []uuid.UUID
	Sheet        forms.Sheet
	ServeFrom    schedules.Date // the day its serve-by date counts from
	Draft        bool           // waits for a supervisor before it is issued
	ReplacesID   *uuid.UUID     // the document it corrects or reissues
	Invite       *uuid.UUID     // the owner invitation its paper carries
	Station      *station       // the issuing station, when the caller read it already
}

// makeDocument writes a document, as a draft or issued with its number at
// once, with its audit row (draft or issue).
func makeDocument(ctx context.Context, tx *gorm.DB, actor Actor, n newDocument, cal schedules.Calendar, today schedules.Date) (Document, error) {
	st := n.Station
	if st == nil {
		s, err := stationOf(ctx, tx, n.GridID)
		if err != nil {
			return Document{}, err
		}
		st = &s
	}
	id := newID()
	action, status := ActDraft, vocab.DocDraft
	var year, seq *int
	var number *string
	var issuedBy any
	if !n.Draft {
		y, q, num, err := numberFor(ctx, tx, *st, n.Kind, n.Sheet.KindWord)
		if err != nil {
			return Document{}, err
		}
		action, status, year, seq, number, issuedBy = ActIssue, vocab.DocIssued, &y, &q, &num, nullID(actor.UserID)
	}
	// It is read back as GetDocument reads it, from the insert's own rows.
	var out Document
	err := tx.WithContext(ctx).Raw(`WITH d AS (INSERT INTO documents (id, kind, status, station_id, grid_id, venue_id, inspection_id, extension_id,
		hazard_ids, content, serve_by, created_by, replaces_id, owner_invite_id, year, seq, number, issued_at, issued_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END, ?) RETURNING *)
		SELECT `+documentColumns+` FROM d JOIN venues v ON v.id = d.venue_id`,
		id, n.Kind, status, st.ID, n.GridID, n.VenueID, n.InspectionID, n.ExtensionID, arrayOf(n.HazardIDs), n.Sheet,
		serveBy(cal, n.Kind, n.ServeFrom), nullID(actor.UserID), n.ReplacesID, n.Invite, year, seq, number, !n.Draft, issuedBy).Scan(&out).Error
	if err == nil && out.ID != id {
		err = fmt.Errorf("document %s was not read back", id)
	}
	if err != nil {
		return Document{}, translate(err, "insert document")
	}
	out.finish(today)
	return out, audit(ctx, tx, actor, action, "document", id, &n.GridID, nil, out)
}

// template is the wording of one kind of document.
type template struct {
	Kind                                       vocab.DocumentKind
	Title                                      string
	KindWord                                   string
	Authority, Opening, Order, Appeal, Closing string
}

func loadTemplate(ctx context.Context, tx *gorm.DB, kind vocab.DocumentKind) (template, error) {
	ts, err := loadTemplates(ctx, tx, kind)
	return ts[kind], err
}

// loadTemplates reads the templates of kinds, in one statement; each must
// exist.
func loadTemplates(ctx context.Context, tx *gorm.DB, kinds ...vocab.DocumentKind) (map[vocab.DocumentKind]template, error) {
	var rows []template
	err := tx.WithContext(ctx).Raw(`SELECT kind, title, kind_word, authority, opening, "order", appeal, closing
		FROM document_templates WHERE kind IN ?`, kinds).Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "read template")
	}
	out := make(map[vocab.DocumentKind]template, len(rows))
	for _, t := range rows {
		out[t.Kind] = t
	}
	for _, k := range kinds {
		if _, ok := out[k]; !ok {
			return nil, translate(fmt.Errorf("no template for %s", k), "read template")
		}
	}
	return out, nil
}

// sheetOf fills a template's placeholders with vals into a sheet.
func (t template) sheetOf(vals map[string]string) forms.Sheet {
	f := func(s string) string { return fillPlaceholders(s, vals) }
	return forms.Sheet{Title: t.Title, KindWord: t.KindWord, Authority: f(t.Authority), Opening: f(t.Opening), Order: f(t.Order),
		Appeal: f(t.Appeal), Closing: f(t.Closing)}
}

// chineseDate is a date as the forms write it: 2026年06月03日.
func chineseDate(d schedules.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%02d月%02d日", d.Year(), int(d.Month()), d.Day())
}

// visitFacts is what the documents of a visit say of the venue, the
// station and the officer.
type visitFacts struct {
	Venue, Address, Person, Phone, LicenseNo string
	Officer                                  string
}

func readVisitFacts(ctx context.Context, tx *gorm.DB, venueID uuid.UUID, officer uuid.UUID) (visitFacts, error) {
	var f visitFacts
	err := tx.WithContext(ctx).Raw(`SELECT v.name AS venue, v.address, v.contact_name AS person, v.contact_phone AS phone,
		COALESCE(v.license_no, '') AS license_no, COALESCE((SELECT name FROM users WHERE id = ?), '') AS officer
		FROM venues v WHERE v.id = ?`, nullID(officer), venueID).Scan(&f).Error
	return f, translate(err, "read venue")
}

// docHazard is a hazard as a document lists it.
type docHazard struct {
	ID          uuid.UUID
	Code        string
	Label       string
	LegalBasis  string
	Severity    vocab.Severity
	Description string
	FixMode     vocab.FixMode
	Deadline    schedules.Date
	Status      vocab.HazardStatus
}

func readDocHazards(ctx context.Context, tx *gorm.DB, where string, args ...any) ([]docHazard, error) {
	var hs []docHazard
	err := tx.WithContext(ctx).Raw(`SELECT h.id, h.code, c.label_zh AS label, c.legal_basis, h.severity, h.description, h.fix_mode,
		h.deadline, h.status FROM hazards h JOIN checklist_items c ON c.code = h.code WHERE `+where+` ORDER BY h.created_at, h.id`, args...).Scan(&hs).Error
	return hs, translate(err, "read hazards")
}

func (h docHazard) item() forms.Item {
	return forms.Item{Label: h.Label, Severity: h.Severity.ZH(), Description: h.Description, LegalBasis: h.LegalBasis,
		FixMode: h.FixMode.ZH(), Deadline: chineseDate(h.Deadline)}
}

// baseValues are the placeholders every document fills.
func baseValues(f visitFacts, st station, inspectedOn schedules.Date) map[string]string {
	return map[string]string{"venue": f.Venue, "address": f.Address, "person": f.Person, "license_no": f.LicenseNo,
		"station": st.Name, "city": st.City, "officer": f.Officer, "inspected_on": chineseDate(inspectedOn)}
}
