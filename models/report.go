package models

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"github.com/jiuxiao/jiuxiao/storage"
	"gorm.io/gorm"
)

// This file is reports (举报投诉): from the public page of a venue, from the
// hotline and from grid workers, each on its legal clock (ReportDue), each
// checked by a complaint inspection of the venue's grid, and closed with
// its outcome when that inspection is submitted.

// Report is one report as staff see it.
type Report struct {
	ID            uuid.UUID          `json:"id"`
	VenueID       *uuid.UUID         `json:"venue_id"`
	VenueName     *string            `json:"venue_name" gorm:"->"`
	GridID        uuid.UUID          `json:"grid_id"`
	Address       string             `json:"address"`
	Lat           *float64           `json:"lat"`
	Lng           *float64           `json:"lng"`
	Kind          vocab.ReportKind   `json:"kind"`
	Text          string             `json:"text"`
	PhotoIDs      []uuid.UUID        `json:"photo_ids" gorm:"-"`
	PhotoList     string             `json:"-" gorm:"->"`
	ReporterPhone string             `json:"reporter_phone"`
	Source        vocab.ReportSource `json:"source"`
	Status        vocab.ReportStatus `json:"status"`
	ReceivedAt    time.Time          `json:"received_at"`
	DueAt         time.Time          `json:"due_at"`
	Urgent        bool               `json:"urgent" gorm:"-"`
	Overdue       bool               `json:"overdue" gorm:"-"`
	CheckedAt     *time.Time         `json:"checked_at"`
	InTime        *bool              `json:"checked_in_time" gorm:"-"`
	Outcome       string             `json:"outcome"`
	InspectionID  *uuid.UUID         `json:"inspection_id"`
	// CloseReason, CloseNote and ClosedBy are set when a report about an
	// address was closed by hand (report_close.go); the note is for staff.
	CloseReason *vocab.ReportCloseReason `json:"close_reason"`
	CloseNote   string                   `json:"close_note"`
	ClosedBy    *uuid.UUID               `json:"closed_by"`
	CreatedBy   *uuid.UUID               `json:"created_by"`
	Version     int                      `json:"version"`
	UpdatedAt   time.Time                `json:"updated_at"`
}

// reportColumns is what every staff read of reports selects.
const reportColumns = `r.id, r.venue_id, v.name AS venue_name, r.grid_id, r.address, r.lat, r.lng, r.kind, r.text,
	array_to_string(r.photo_ids, ',') AS photo_list, r.reporter_phone, r.source, r.status, r.received_at, r.due_at,
	r.checked_at, r.outcome, r.inspection_id, r.close_reason, r.close_note, r.closed_by, r.created_by, r.version, r.updated_at`

// reportAudit is a report as the audit trail and the events carry it: the
// reporter's phone is left out (events leave the system), only whether one
// was left is kept.
type reportAudit struct {
	ID           uuid.UUID                `json:"id"`
	VenueID      *uuid.UUID               `json:"venue_id"`
	GridID       uuid.UUID                `json:"grid_id"`
	Kind         vocab.ReportKind         `json:"kind"`
	Source       vocab.ReportSource       `json:"source"`
	Status       vocab.ReportStatus       `json:"status"`
	ReceivedAt   time.Time                `json:"received_at"`
	DueAt        time.Time                `json:"due_at"`
	CheckedAt    *time.Time               `json:"checked_at"`
	Outcome      string                   `json:"outcome"`
	InspectionID *uuid.UUID               `json:"inspection_id"`
	CloseReason  *vocab.ReportCloseReason `json:"close_reason"`
	PhoneLeft    bool                     `json:"phone_left"`
}

func (r Report) audit() reportAudit {
	return reportAudit{ID: r.ID, VenueID: r.VenueID, GridID: r.GridID, Kind: r.Kind, Source: r.Source, Status: r.Status,
		ReceivedAt: r.ReceivedAt, DueAt: r.DueAt, CheckedAt: r.CheckedAt, Outcome: r.Outcome, InspectionID: r.InspectionID,
		CloseReason: r.CloseReason, PhoneLeft: r.ReporterPhone != ""}
}

// finish derives a read report's flags and shows its reporter's phone as
// the actor may see it: whole to supervisors and admins (the station calls
// the reporter back), masked to officers.
func (r *Report) finish(actor Actor, now time.Time) error {
	r.Urgent = ReportUrgent(r.Kind)
	r.Overdue = ReportOverdue(r.Status, r.DueAt, now)
	if r.Status == vocab.ReportChecked {
		in := ReportInTime(r.DueAt, r.CheckedAt)
		r.InTime = &in
	}
	if actor.IsOfficer() {
		r.ReporterPhone = MaskPhone(r.ReporterPhone)
	}
	var err error
	r.PhotoIDs, err = parseIDList(r.PhotoList)
	return err
}

// MaskPhone keeps the first 3 and last 4 digits of a phone number.
func MaskPhone(p string) string {
	if len(p) < 8 {
		return strings.Repeat("*", len(p))
	}
	return p[:3] + strings.Repeat("*", len(p)-7) + p[len(p)-4:]
}

// Report limits.
const (
	MaxReportText    = 2000
	MaxReportPhotos  = 5
	reportNearestKM  = 5
	publicCodeBytes  = 16
	trackingBytes    = 16
	trackingHintSize = 6
)

// randomCode is n random bytes as base64url without padding.
func randomCode(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("models: no randomness: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewPublicCode is a new venue code: 128 random bits, 22 characters.
func NewPublicCode() string { return randomCode(publicCodeBytes) }

// codeShape is what a public or tracking code looks like; anything else is
// not looked up at all.
func codeShape(s string) bool {
	if len(s) < 22 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func trackingHash(code string) []byte {
	sum := sha256.Sum256([]byte(code))
	return sum[:]
}

// NewReport is a report to record.
type NewReport struct {
	// VenueID, for staff: a venue in scope. Public reports name their
	// venue by its code (CreatePublicReport).
	VenueID *uuid.UUID
	// Address and a position, for a report that names no venue.
	Address  string
	Lat, Lng *float64
	Kind     vocab.ReportKind
	Text     string
	// PhotoIDs, for staff: photos they uploaded (POST /photos).
	PhotoIDs      []uuid.UUID
	ReporterPhone string
	Source        vocab.ReportSource
}

// checkReport validates the fields every report must have right.
func checkReport(c *Check, in *NewReport) {
	in.Text = strings.TrimSpace(in.Text)
	in.Address = strings.TrimSpace(in.Address)
	in.ReporterPhone = strings.TrimSpace(in.ReporterPhone)
	term(c, "kind", vocab.ReportKinds, in.Kind)
	c.Add(!utf8.ValidString(in.Text) || in.Text == "" || utf8.RuneCountInString(in.Text) > MaxReportText, "text", "must be 1-%d characters", MaxReportText)
	c.Add(strings.ContainsRune(in.Text, 0), "text", "must not contain NUL characters")
	c.Add(!utf8.ValidString(in.Address) || utf8.RuneCountInString(in.Address) > 500, "address", "must be at most 500 characters")
	c.Add(in.ReporterPhone != "" && !mobilePattern.MatchString(in.ReporterPhone), "reporter_phone", "must be a mainland mobile number (11 digits, 1[3-9]…) or left out")
	c.Add(len(in.PhotoIDs) > MaxReportPhotos, "photo_ids", "at most %d photos", MaxReportPhotos)
}

// ReportClock is what a report's clock needs: the time of receipt and the
// service's zone.
type ReportClock struct {
	Now time.Time
	Loc *time.Location
}

func (k ReportClock) today() schedules.Date { return schedules.DateIn(k.Now, k.Loc) }

// CreateReport records a staff report: a hotline transfer (supervisors and
// admins) or a grid worker's tip (officers, whose reports are always
// grid_worker and reach only their grids). It names a venue in scope, or an
// address and position: the report then goes to the grid of the nearest
// venue in the caller's scope (a KNN read of the venues' GiST index), at
// most 5 km away. It answers the report and its tracking code (shown once).
func CreateReport(ctx context.Context, db *gorm.DB, actor Actor, in NewReport, clock ReportClock) (Report, string, error) {
	var c Check
	switch {
	case actor.IsOfficer():
		c.Add(in.Source != "" && in.Source != vocab.SourceGridWorker, "source", "an officer's report is a grid worker's tip (grid_worker)")
		in.Source = vocab.SourceGridWorker
	case in.Source == "":
		in.Source = vocab.SourceHotline
	default:
		c.Add(in.Source == vocab.SourcePublic, "source", "public reports come from the venue's public page")
		term(&c, "source", vocab.ReportSources, in.Source)
	}
	checkReport(&c, &in)
	if in.VenueID == nil {
		c.Add(in.Address == "", "address", "is required without a venue_id")
		c.Add(in.Lat == nil || in.Lng == nil, "lat", "lat and lng are required without a venue_id")
		if in.Lat != nil && in.Lng != nil {
			c.Add(math.IsNaN(*in.Lat) || *in.Lat < -90 || *in.Lat > 90, "lat", "must be a latitude between -90 and 90")
			c.Add(math.IsNaN(*in.Lng) || *in.Lng < -180 || *in.Lng > 180, "lng", "must be a longitude between -180 and 180")
		}
	} else {
		c.Add(in.Address != "" || in.Lat != nil || in.Lng != nil, "venue_id", "give a venue_id or an address and position, not both")
	}
	if err := c.Err(); err != nil {
		return Report{}, "", err
	}
	var out Report
	var code string
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := checkPhotos(ctx, tx, actor, "photo_ids", in.PhotoIDs); err != nil {
			return err
		}
		var venue *Venue
		var grid uuid.UUID
		if in.VenueID != nil {
			v, err := GetVenue(ctx, tx, actor, *in.VenueID)
			if errors.Is(err, ErrNotFound) {
				return Invalid("venue_id", "is not a venue you can see")
			} else if err != nil {
				return err
			}
			venue, grid = &v, v.GridID
		} else {
			var err error
			if grid, err = nearestGrid(ctx, tx, actor, *in.Lat, *in.Lng); err != nil {
				return err
			}
		}
		var err error
		out, code, err = insertReport(ctx, tx, actor, in, venue, grid, clock)
		return err
	})
	return out, code, err
}

// nearestGrid is the grid of the venue nearest to a position among the
// venues in the actor's scope, at most reportNearestKM away.
func nearestGrid(ctx context.Context, tx *gorm.DB, actor Actor, lat, lng float64) (uuid.UUID, error) {
	var near struct {
		GridID    uuid.UUID
		DistanceM float64
	}
	q := actor.Scoped(tx.WithContext(ctx).Table("venues"), "grid_id").
		Select("grid_id, "+venueDistance+" AS distance_m", lat, lng).
		Order(gorm.Expr(venueDistance, lat, lng)).Limit(1)
	if err := q.Scan(&near).Error; err != nil {
		return uuid.Nil, translate(err, "find the nearest venue")
	}
	if near.GridID == uuid.Nil || near.DistanceM > reportNearestKM*1000 {
		return uuid.Nil, Invalid("lat", "no venue you can see is within %d km of this position: give the venue_id", reportNearestKM)
	}
	return near.GridID, nil
}

// insertReport writes a checked report, its complaint inspection when it
// names a venue, and its audit row (report.received).
func insertReport(ctx context.Context, tx *gorm.DB, actor Actor, in NewReport, venue *Venue, grid uuid.UUID, clock ReportClock) (Report, string, error) {
	cal, err := schedules.LoadCalendar(ctx, tx, clock.today())
	if err != nil {
		return Report{}, "", err
	}
	due := ReportDue(cal, in.Kind, clock.Now, clock.Loc)
	id, code := newID(), randomCode(trackingBytes)
	var venueID *uuid.UUID
	if venue != nil {
		venueID = &venue.ID
	}
	photos := make([]string, len(in.PhotoIDs))
	for i, p := range in.PhotoIDs {
		photos[i] = p.String()
	}
	err = tx.Exec(`INSERT INTO reports (id, venue_id, grid_id, address, lat, lng, kind, text, photo_ids, reporter_phone, source,
			tracking_hash, tracking_hint, received_at, due_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?, ?, ?)`,
		id, venueID, grid, in.Address, in.Lat, in.Lng, in.Kind, in.Text, "{"+strings.Join(photos, ",")+"}", in.ReporterPhone, in.Source,
		trackingHash(code), code[:trackingHintSize], clock.Now, due, nullID(actor.UserID)).Error
	if err != nil {
		return Report{}, "", translate(err, "insert report")
	}
	if venue != nil {
		if err := complaintFor(ctx, tx, actor, id, *venue, due, clock); err != nil {
			return Report{}, "", err
		}
	}
	r, err := readReport(ctx, tx, Actor{Role: vocab.Admin}, id, clock.Now)
	if err != nil {
		return Report{}, "", err
	}
	if err := audit(ctx, tx, actor, "receive", "report", id, &grid, nil, r.audit()); err != nil {
		return Report{}, "", err
	}
	if err := r.finish(actor, clock.Now); err != nil {
		return Report{}, "", err
	}
	return r, code, nil
}

// complaintFor links a report to the venue's complaint inspection: the open
// one, due no later than the report's clock (several reports of one venue
// are one visit), or a new one that opens today and is due on the day of the
// report's due time.
func complaintFor(ctx context.Context, tx *gorm.DB, actor Actor, reportID uuid.UUID, v Venue, due time.Time, clock ReportClock) error {
	dueDate := schedules.DateIn(due.Add(-time.Nanosecond), clock.Loc)
	today := clock.today()
	var open struct {
		ID      uuid.UUID
		DueDate schedules.Date
	}
	err := tx.Raw(`SELECT id, due_date FROM inspections WHERE venue_id = ? AND kind = 'complaint' AND status IN `+openSQL+`
		ORDER BY due_date LIMIT 1 FOR NO KEY UPDATE`, v.ID).Scan(&open).Error
	if err != nil {
		return translate(err, "find complaint inspection")
	}
	id := open.ID
	switch {
	case id == uuid.Nil:
		id = newID()
		err := tx.Exec(`INSERT INTO inspections (id, venue_id, grid_id, kind, status, opens_on, due_date, notes, created_by)
			VALUES (?, ?, ?, 'complaint', 'scheduled', ?, ?, '', ?)`, id, v.ID, v.GridID, today, dueDate, nullID(actor.UserID)).Error
		if err != nil {
			return translate(err, "create complaint inspection")
		}
		created, err := GetInspection(ctx, tx, Actor{Role: vocab.Admin}, id, today)
		if err != nil {
			return err
		}
		if err := audit(ctx, tx, actor, "create", "inspection", id, &v.GridID, nil, created); err != nil {
			return err
		}
	case dueDate.Before(open.DueDate):
		err := tx.Exec(`UPDATE inspections SET due_date = ?, version = version + 1, updated_at = now() WHERE id = ?`, dueDate, id).Error
		if err != nil {
			return translate(err, "bring the complaint inspection forward")
		}
	}
	return translate(tx.Exec(`UPDATE reports SET inspection_id = ? WHERE id = ?`, id, reportID).Error, "link report")
}

// readReport reads one report in the actor's scope (no phone masking).
func readReport(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, now time.Time) (Report, error) {
	var r Report
	err := actor.Scoped(db.WithContext(ctx).Table("reports r").Joins("LEFT JOIN venues v ON v.id = r.venue_id"), "r.grid_id").
		Select(reportColumns).Where("r.id = ?", id).Take(&r).Error
	return r, translate(err, "read report")
}

// GetReport returns a report in the actor's scope.
func GetReport(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, now time.Time) (Report, error) {
	r, err := readReport(ctx, db, actor, id, now)
	if err != nil {
		return r, err
	}
	return r, r.finish(actor, now)
}

// ReportFilter narrows a list of reports.
type ReportFilter struct {
	Status    vocab.ReportStatus
	Overdue   *bool
	OrgUnitID *uuid.UUID
	VenueID   *uuid.UUID
}

type reportCursor struct {
	Due time.Time `json:"due"`
	ID  uuid.UUID `json:"id"`
}

// ListReports lists the reports in scope that match f, by due time (so the
// most pressing first), then id.
func ListReports(ctx context.Context, db *gorm.DB, actor Actor, f ReportFilter, p Page, now time.Time) (List[Report], error) {
	var c Check
	optionalTerm(&c, "status", vocab.ReportStatuses, f.Status)
	if err := c.Err(); err != nil {
		return List[Report]{}, err
	}
	q := actor.Scoped(db.WithContext(ctx).Table("reports r").Joins("LEFT JOIN venues v ON v.id = r.venue_id"), "r.grid_id")
	if f.Status != "" {
		q = q.Where("r.status = ?", f.Status)
	}
	if f.Overdue != nil {
		cond := "r.status = 'received' AND r.due_at < ?"
		if !*f.Overdue {
			cond = "NOT (" + cond + ")"
		}
		q = q.Where(cond, now)
	}
	if f.OrgUnitID != nil {
		q = q.Where("r.grid_id IN (SELECT id FROM org_units WHERE path @> ARRAY[?]::uuid[])", *f.OrgUnitID)
	}
	if f.VenueID != nil {
		q = q.Where("r.venue_id = ?", *f.VenueID)
	}
	if p.Cursor != "" {
		var after reportCursor
		if err := DecodeCursor(p.Cursor, &after); err != nil {
			return List[Report]{}, err
		}
		q = q.Where("(r.due_at, r.id) > (?, ?)", after.Due, after.ID)
	}
	var rows []Report
	if err := q.Select(reportColumns).Order("r.due_at, r.id").Limit(p.limit() + 1).Find(&rows).Error; err != nil {
		return List[Report]{}, translate(err, "list reports")
	}
	for i := range rows {
		if err := rows[i].finish(actor, now); err != nil {
			return List[Report]{}, err
		}
	}
	return pageOf(rows, p.limit(), func(r Report) any { return reportCursor{Due: r.DueAt, ID: r.ID} }), nil
}

// closeReports closes the open reports a submitted complaint inspection was
// made for, in its transaction: checked now, with the outcome, audited
// (report.closed), and the outcome texted to each reporter who left a
// number. The outcome says what the visit found, never who was there nor
// the officer's notes.
func closeReports(ctx context.Context, tx *gorm.DB, actor Actor, in Inspection, hazards int, now time.Time) error {
	var open []uuid.UUID
	err := tx.Raw(`SELECT id FROM reports WHERE inspection_id = ? AND status = 'received' ORDER BY id FOR UPDATE`, in.ID).Scan(&open).Error
	if err != nil {
		return translate(err, "lock reports")
	}
	outcome := ReportOutcome(hazards)
	for _, id := range open {
		if _, err := closeReport(ctx, tx, actor, id, outcome, nil, "", now); err != nil {
			return err
		}
	}
	return nil
}

// closeReport marks a locked, received report checked at now with the
// outcome (and, closed by hand, the reason and the staff's note), audited
// (report.closed), and texts the outcome to the reporter who left a number.
// It returns the report as it is then.
func closeReport(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID, outcome string, reason *vocab.ReportCloseReason, note string,
	now time.Time) (Report, error) {
	before, err := readReport(ctx, tx, Actor{Role: vocab.Admin}, id, now)
	if err != nil {
		return Report{}, err
	}
	var closedBy any
	if reason != nil {
		closedBy = nullID(actor.UserID)
	}
	var hint string // the tracking code's first characters, for the SMS
	err = tx.Raw(`UPDATE reports SET status = 'checked', checked_at = ?, outcome = ?, close_reason = ?, close_note = ?, closed_by = ?,
		version = version + 1, updated_at = now() WHERE id = ? RETURNING tracking_hint`, now, outcome, reason, note, closedBy, id).Scan(&hint).Error
	if err != nil {
		return Report{}, translate(err, "close report")
	}
	after, err := readReport(ctx, tx, Actor{Role: vocab.Admin}, id, now)
	if err != nil {
		return Report{}, err
	}
	if err := audit(ctx, tx, actor, "close", "report", id, &after.GridID, before.audit(), after.audit()); err != nil {
		return Report{}, err
	}
	if before.ReporterPhone == "" {
		return after, nil
	}
	_, err = QueueSMS(ctx, tx, before.ReporterPhone, SMSReportOutcome, map[string]string{"report": hint, "outcome": outcome},
		"report:"+id.String()+":outcome")
	return after, err
}

// ReportOutcome is the outcome told to a reporter of a visit that found
// hazards hazards.
func ReportOutcome(hazards int) string {
	if hazards == 0 {
		return closeOutcomes[vocab.CloseNoHazard]
	}
	return "经现场核查，发现火灾隐患" + itoa(hazards) + "处，已依法责令整改"
}

// closeOutcomes are the outcomes told to the reporter of a report about an
// address closed by hand, by reason.
var closeOutcomes = map[vocab.ReportCloseReason]string{
	vocab.CloseNoHazard: "经现场核查，未发现所反映的火灾隐患",
	vocab.CloseNotFound: "经核查，未找到所反映的地址或场所；如有新的情况，请再次举报",
	vocab.CloseReferred: "经核查，所反映的问题不属于消防监督检查范围，已移交有关部门处理",
}

// ---- the public side -------------------------------------------------------------

// PublicVenue is what a venue's public page shows: what the city chooses to
// (RiskLevel only when configured), nothing about people.
type PublicVenue struct {
	ID            uuid.UUID        `json:"-"`
	Code          string           `json:"-"`
	Name          string           `json:"name"`
	Category      vocab.Category   `json:"category"`
	RiskLevel     *vocab.RiskLevel `json:"risk_level,omitempty"`
	Station       string           `json:"station"`
	StationPhone  string           `json:"station_phone"`
	LastInspected *string          `json:"last_inspected"` // YYYY-MM
}

// PublicVenueByCode finds the active venue of a public code, or ErrNotFound
// (a rotated code too). The code is compared in constant time after the
// index found its row.
func PublicVenueByCode(ctx context.Context, db *gorm.DB, code string, showLevel bool) (PublicVenue, error) {
	if !codeShape(code) {
		return PublicVenue{}, ErrNotFound
	}
	var row struct {
		ID            uuid.UUID
		PublicCode    string
		Name          string
		Category      vocab.Category
		RiskLevel     vocab.RiskLevel
		Station       string
		StationPhone  string
		LastInspected *string
	}
	err := db.WithContext(ctx).Raw(`SELECT v.id, v.public_code, v.name, v.category, v.risk_level, s.name AS station, s.phone AS station_phone,
			(SELECT to_char(max(i.submitted_on), 'YYYY-MM') FROM inspections i
			  WHERE i.venue_id = v.id AND i.status IN ('submitted', 'approved')) AS last_inspected
		FROM venues v JOIN org_units g ON g.id = v.grid_id JOIN org_units s ON s.id = g.parent_id
		WHERE v.public_code = ? AND v.status = 'active'`, code).Scan(&row).Error
	if err != nil {
		return PublicVenue{}, translate(err, "read venue by code")
	}
	if row.ID == uuid.Nil || subtle.ConstantTimeCompare([]byte(row.PublicCode), []byte(code)) != 1 {
		return PublicVenue{}, ErrNotFound
	}
	out := PublicVenue{ID: row.ID, Code: row.PublicCode, Name: row.Name, Category: row.Category, Station: row.Station,
		StationPhone: row.StationPhone, LastInspected: row.LastInspected}
	if showLevel {
		out.RiskLevel = &row.RiskLevel
	}
	return out, nil
}

// PublicReport is one report as a public answer and the tracking page show
// it: its status and dates and the outcome, the venue's name, nothing about
// people.
type PublicReport struct {
	Status     vocab.ReportStatus `json:"status"`
	Kind       vocab.ReportKind   `json:"kind"`
	VenueName  *string            `json:"venue_name"`
	ReceivedAt time.Time          `json:"received_at"`
	DueAt      time.Time          `json:"due_at"`
	CheckedAt  *time.Time         `json:"checked_at"`
	Outcome    string             `json:"outcome"`
}

// PublicReportByTracking finds a report by its tracking code, or
// ErrNotFound. Only the code's SHA-256 is stored and looked up, so the
// lookup's timing says nothing of the code.
func PublicReportByTracking(ctx context.Context, db *gorm.DB, code string) (PublicReport, error) {
	if !codeShape(code) {
		return PublicReport{}, ErrNotFound
	}
	var r PublicReport
	err := db.WithContext(ctx).Table("reports r").Joins("LEFT JOIN venues v ON v.id = r.venue_id").
		Select("r.status, r.kind, v.name AS venue_name, r.received_at, r.due_at, r.checked_at, r.outcome").
		Where("r.tracking_hash = ?", trackingHash(code)).Take(&r).Error
	return r, translate(err, "read report by tracking code")
}

// PublicLimits bound the reports one address and one venue may send.
type PublicLimits struct {
	PerAddr, PerVenue int
	Window            time.Duration
}

// PublicReportIn is a report from a venue's public page.
type PublicReportIn struct {
	Kind          vocab.ReportKind
	Text          string
	ReporterPhone string
	// Photo is the one photo's bytes (nil: none).
	Photo []byte
	// RequestID is the request's, for the audit trail.
	RequestID string
}

// CreatePublicReport records a report sent from the public page of the
// venue of code, by a client at addr. Reports are counted per address and
// per venue before anything is checked (a *ThrottledError past either); the
// photo is checked as POST /photos checks one and stored without an
// uploader. It answers the report and its tracking code.
func CreatePublicReport(ctx context.Context, db *gorm.DB, blobs storage.Blobs, code, addr string, in PublicReportIn, lim PublicLimits,
	clock ReportClock) (PublicReport, string, error) {
	v, err := PublicVenueByCode(ctx, db, code, false)
	if err != nil {
		return PublicReport{}, "", err
	}
	if lim.PerAddr > 0 {
		if err := countAttempt(ctx, db, "report-addr|"+addr, lim.PerAddr, lim.Window); err != nil {
			return PublicReport{}, "", err
		}
	}
	if lim.PerVenue > 0 {
		if err := countAttempt(ctx, db, "report-venue|"+v.ID.String(), lim.PerVenue, lim.Window); err != nil {
			return PublicReport{}, "", err
		}
	}
	nr := NewReport{Kind: in.Kind, Text: in.Text, ReporterPhone: in.ReporterPhone, Source: vocab.SourcePublic}
	var c Check
	checkReport(&c, &nr)
	var contentType string
	if in.Photo != nil {
		ct, err := SniffPhoto(in.Photo)
		if err != nil {
			var ve *ValidationError
			if errors.As(err, &ve) {
				return PublicReport{}, "", Invalid("photo", "must be a JPEG, PNG or HEIC photo")
			}
			return PublicReport{}, "", err
		}
		contentType = ct
	}
	if err := c.Err(); err != nil {
		return PublicReport{}, "", err
	}
	// The bytes go to the store before the transaction: a slow store never
	// holds a database connection, and bytes no row names are harmless.
	var hash string
	if in.Photo != nil {
		sum := sha256.Sum256(in.Photo)
		hash = hex.EncodeToString(sum[:])
		if err := blobs.Put(ctx, hash, bytes.NewReader(in.Photo), int64(len(in.Photo))); err != nil {
			return PublicReport{}, "", err
		}
	}
	var tracking string
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var venue Venue
		if err := tx.Take(&venue, "id = ?", v.ID).Error; err != nil {
			return translate(err, "read venue")
		}
		public := Actor{RequestID: in.RequestID}
		if in.Photo != nil {
			id, err := insertPublicPhoto(ctx, tx, public, hash, int64(len(in.Photo)), contentType)
			if err != nil {
				return err
			}
			nr.PhotoIDs = []uuid.UUID{id}
		}
		_, tracking, err = insertReport(ctx, tx, public, nr, &venue, venue.GridID, clock)
		return err
	})
	if err != nil {
		return PublicReport{}, "", err
	}
	out, err := PublicReportByTracking(ctx, db, tracking)
	return out, tracking, err
}

// insertPublicPhoto records a public report's photo, whose bytes are in
// the store already, with no uploader.
func insertPublicPhoto(ctx context.Context, tx *gorm.DB, actor Actor, hash string, size int64, contentType string) (uuid.UUID, error) {
	id := newID()
	err := tx.Exec(`INSERT INTO photos (id, sha256, content_type, bytes, uploaded_by) VALUES (?, ?, ?, ?, NULL)`,
		id, hash, contentType, size).Error
	if err != nil {
		return uuid.Nil, translate(err, "insert photo")
	}
	p := Photo{ID: id, SHA256: hash, ContentType: contentType, Bytes: size}
	return id, audit(ctx, tx, actor, "create", "photo", id, nil, nil, p)
}

// ReportToVenue makes the venue that a report about an address found: a
// new venue at the report's address and position, in the report's grid,
// with the report linked to it and its complaint inspection made (due at the
// report's clock). A report that names a venue, or is checked, is a
// ConflictError.
func ReportToVenue(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, nv NewVenue, clock ReportClock) (Report, error) {
	var out Report
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockAddressReport(ctx, tx, actor, id, clock.Now)
		if err != nil {
			return err
		}
		nv.GridID, nv.Address, nv.Lat, nv.Lng = before.GridID, before.Address, *before.Lat, *before.Lng
		v, err := CreateVenue(ctx, tx, actor, nv)
		if err != nil {
			return err
		}
		if err := tx.Exec("UPDATE reports SET venue_id = ?, version = version + 1, updated_at = now() WHERE id = ?", v.ID, id).Error; err != nil {
			return translate(err, "link report")
		}
		if err := complaintFor(ctx, tx, actor, id, v, before.DueAt, clock); err != nil {
			return err
		}
		if out, err = readReport(ctx, tx, actor, id, clock.Now); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "create_venue", "report", id, &out.GridID, before.audit(), out.audit())
	})
	if err != nil {
		return Report{}, err
	}
	return out, out.finish(actor, clock.Now)
}
