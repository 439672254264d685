package models

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Venue is a small venue under inspection.
type Venue struct {
	ID           uuid.UUID         `json:"id" gorm:"type:uuid;primaryKey"`
	Name         string            `json:"name"`
	Category     vocab.Category    `json:"category"`
	RiskLevel    vocab.RiskLevel   `json:"risk_level"`
	GridID       uuid.UUID         `json:"grid_id" gorm:"type:uuid"`
	Address      string            `json:"address"`
	Lat          float64           `json:"lat"`
	Lng          float64           `json:"lng"`
	ContactName  string            `json:"contact_name"`
	ContactPhone string            `json:"contact_phone"`
	LicenseNo    *string           `json:"license_no"`
	Status       vocab.VenueStatus `json:"status"`
	// PublicCode is the venue's code (场所码): its public page is /v/{code}.
	PublicCode string    `json:"public_code"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	// CheckinLat/Lng: the approved position that check-ins are measured
	// against while an officer's change of lat/lng waits for a supervisor
	// (nil: lat/lng are approved; see venue_position.go).
	CheckinLat *float64 `json:"checkin_lat"`
	CheckinLng *float64 `json:"checkin_lng"`
	// DistanceM is the distance from the point of a "near" query, in metres.
	DistanceM *float64 `json:"distance_m,omitempty" gorm:"->;-:migration"`
}

// NewVenue is what it takes to create a venue.
type NewVenue struct {
	ID           uuid.UUID
	Name         string
	Category     vocab.Category
	RiskLevel    vocab.RiskLevel
	GridID       uuid.UUID
	Address      string
	Lat, Lng     float64
	ContactName  string
	ContactPhone string
	LicenseNo    *string
}

// VenuePatch changes a venue; nil fields stay as they are. The level is not
// here: it changes only through a reclassification.
type VenuePatch struct {
	Name         *string
	GridID       *uuid.UUID
	Address      *string
	Lat, Lng     *float64
	ContactName  *string
	ContactPhone *string
	LicenseNo    *string
	Status       *vocab.VenueStatus
	Version      int
}

// VenueFilter narrows a list of venues.
type VenueFilter struct {
	GridID    *uuid.UUID
	OrgUnitID *uuid.UUID
	RiskLevel vocab.RiskLevel
	Category  vocab.Category
	Status    vocab.VenueStatus
	Q         string
	Near      *LatLng
	RadiusM   float64
}

// LatLng is a WGS-84 position.
type LatLng struct{ Lat, Lng float64 }

// checkVenue validates the fields every venue must have right.
func checkVenue(v *Venue) error {
	var c Check
	c.Add(v.Name == "" || len([]rune(v.Name)) > 200, "name", "must be 1-200 characters")
	term(&c, "category", vocab.Categories, v.Category)
	term(&c, "risk_level", vocab.RiskLevels, v.RiskLevel)
	c.Add(v.GridID == uuid.Nil, "grid_id", "is required")
	c.Add(v.Address == "" || len([]rune(v.Address)) > 500, "address", "must be 1-500 characters")
	c.Add(math.IsNaN(v.Lat) || v.Lat < -90 || v.Lat > 90, "lat", "must be a latitude between -90 and 90")
	c.Add(math.IsNaN(v.Lng) || v.Lng < -180 || v.Lng > 180, "lng", "must be a longitude between -180 and 180")
	c.Add(v.Lat == 0 && v.Lng == 0, "lat", "0,0 is not a venue's position")
	c.Add(len([]rune(v.ContactName)) > 100, "contact_name", "must be at most 100 characters")
	c.Add(len(v.ContactPhone) > 32, "contact_phone", "must be at most 32 characters")
	c.Add(v.LicenseNo != nil && !ValidUSCC(*v.LicenseNo), "license_no", "is not a valid unified social credit code (18 characters with a matching check character)")
	term(&c, "status", vocab.VenueStatuses, v.Status)
	return c.Err()
}

// gridInScope fails with a ValidationError on grid_id unless id is a grid the
// actor works in.
func gridInScope(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) error {
	var n int64
	err := actor.Scoped(db.WithContext(ctx).Model(&OrgUnit{}), "id").Where("id = ? AND kind = 'grid'", id).Count(&n).Error
	if err != nil {
		return translate(err, "check grid")
	}
	if n == 0 {
		return Invalid("grid_id", "is not a grid you work in")
	}
	return nil
}

// CreateVenue adds a venue to a grid in the actor's scope. Its first level
// is recorded in its history. A retried request with the same client id and
// fields returns the first result; other fields are a conflict.
func CreateVenue(ctx context.Context, db *gorm.DB, actor Actor, in NewVenue) (Venue, error) {
	v := Venue{ID: in.ID, Name: strings.TrimSpace(in.Name), Category: in.Category, RiskLevel: in.RiskLevel, GridID: in.GridID,
		Address: strings.TrimSpace(in.Address), Lat: in.Lat, Lng: in.Lng, ContactName: in.ContactName, ContactPhone: in.ContactPhone,
		LicenseNo: in.LicenseNo, Status: vocab.VenueActive, Version: 1, PublicCode: NewPublicCode()}
	if err := checkVenue(&v); err != nil {
		return Venue{}, err
	}
	if v.ID == uuid.Nil {
		v.ID = newID()
	}
	var out Venue
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		out, _, err = createOnce(ctx, tx, "venues", "a venue", v.ID,
			func() (Venue, error) { return GetVenue(ctx, tx, actor, v.ID) },
			func(x Venue) bool { return sameVenue(x, v) },
			func() (Venue, error) {
				if err := gridInScope(ctx, tx, actor, v.GridID); err != nil {
					return v, err
				}
				if err := tx.Omit("CreatedAt", "UpdatedAt").Create(&v).Error; err != nil {
					return v, translate(err, "insert venue")
				}
				if err := tx.Take(&v, "id = ?", v.ID).Error; err != nil {
					return v, translate(err, "read venue")
				}
				err := tx.Exec(`INSERT INTO venue_level_changes (venue_id, from_level, to_level, reason, changed_by) VALUES (?, NULL, ?, 'created', ?)`,
					v.ID, v.RiskLevel, nullID(actor.UserID)).Error
				if err != nil {
					return v, translate(err, "record level")
				}
				return v, audit(ctx, tx, actor, "create", "venue", v.ID, &v.GridID, nil, v)
			})
		return err
	})
	return out, err
}

// sameVenue compares the fields a client sends when creating a venue.
func sameVenue(a, b Venue) bool {
	return a.Name == b.Name && a.Category == b.Category && a.RiskLevel == b.RiskLevel && a.GridID == b.GridID &&
		a.Address == b.Address && a.Lat == b.Lat && a.Lng == b.Lng && a.ContactName == b.ContactName &&
		a.ContactPhone == b.ContactPhone && ptrEq(a.LicenseNo, b.LicenseNo)
}

func ptrEq[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func nullID(id uuid.UUID) *uuid.UUID {
	if id == uuid.Nil {
		return nil
	}
	return &id
}

// GetVenue returns a venue in the actor's scope, or ErrNotFound.
func GetVenue(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (Venue, error) {
	var v Venue
	err := actor.Scoped(db.WithContext(ctx), "grid_id").Take(&v, "id = ?", id).Error
	return v, translate(err, "read venue")
}

// lockVenue reads a venue in scope for update and checks its version.
func lockVenue(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID, version int) (Venue, error) {
	var v Venue
	err := actor.Scoped(tx.WithContext(ctx), "grid_id").Clauses(forUpdate).Take(&v, "id = ?", id).Error
	if err != nil {
		return v, translate(err, "lock venue")
	}
	return v, checkVersion(version, v.Version)
}

// UpdateVenue changes a venue in scope (its level excepted). Moving it to
// another grid needs that grid in scope too. Closing it cancels its
// scheduled routine inspections.
func UpdateVenue(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, p VenuePatch) (Venue, error) {
	var out Venue
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockVenue(ctx, tx, actor, id, p.Version)
		if err != nil {
			return err
		}
		v := before
		setIf(&v.Name, p.Name)
		setIf(&v.GridID, p.GridID)
		setIf(&v.Address, p.Address)
		setIf(&v.Lat, p.Lat)
		setIf(&v.Lng, p.Lng)
		setIf(&v.ContactName, p.ContactName)
		setIf(&v.ContactPhone, p.ContactPhone)
		setIf(&v.Status, p.Status)
		if p.LicenseNo != nil {
			v.LicenseNo = p.LicenseNo
			if *p.LicenseNo == "" {
				v.LicenseNo = nil
			}
		}
		if err := checkVenue(&v); err != nil {
			return err
		}
		if err := officerMayChange(actor, before, v); err != nil {
			return err
		}
		if v.GridID != before.GridID {
			if err := gridInScope(ctx, tx, actor, v.GridID); err != nil {
				return err
			}
		}
		changes := map[string]any{
			"name": v.Name, "grid_id": v.GridID, "address": v.Address, "lat": v.Lat, "lng": v.Lng,
			"contact_name": v.ContactName, "contact_phone": v.ContactPhone, "license_no": v.LicenseNo,
			"status": v.Status, "version": gorm.Expr("version + 1"), "updated_at": gorm.Expr("now()"),
		}
		if lat, lng, changed := checkinPosition(actor, before, v, p.Lat != nil || p.Lng != nil); changed {
			changes["checkin_lat"], changes["checkin_lng"] = lat, lng
		}
		if v.GridID != before.GridID {
			// Every grid it has left (the 16 latest): their officers are told it left.
			changes["prev_grid_ids"] = gorm.Expr("(array_remove(prev_grid_ids, ?::uuid) || ?::uuid)[greatest(cardinality(prev_grid_ids) - 14, 1):]",
				before.GridID, before.GridID)
		}
		err = tx.Model(&Venue{}).Where("id = ?", id).Updates(changes).Error
		if err != nil {
			return translate(err, "update venue")
		}
		if err := venueChanged(ctx, tx, actor, before, v); err != nil {
			return err
		}
		if err := tx.Take(&out, "id = ?", id).Error; err != nil {
			return translate(err, "read venue")
		}
		return audit(ctx, tx, actor, "update", "venue", id, &out.GridID, before, out)
	})
	return out, err
}

// venueChanged keeps a venue's inspections and hazards in step with it: open
// inspections and hazards not yet verified follow it to a new grid, and
// closing it cancels its scheduled routine inspections.
func venueChanged(ctx context.Context, tx *gorm.DB, actor Actor, before, after Venue) error {
	if after.GridID != before.GridID {
		err := tx.Exec(`UPDATE inspections SET grid_id = ?, version = version + 1, updated_at = now()
			WHERE venue_id = ? AND status IN `+openSQL, after.GridID, after.ID).Error
		if err != nil {
			return translate(err, "move inspections")
		}
		err = tx.Exec(`UPDATE hazards SET grid_id = ?, version = version + 1, updated_at = now()
			WHERE venue_id = ? AND status IN `+vocab.SQLList(vocab.UnverifiedHazardStatuses), after.GridID, after.ID).Error
		if err != nil {
			return translate(err, "move hazards")
		}
	}
	if after.Status != before.Status {
		_, err := cancelStale(ctx, tx, actor, "the venue closed", oneVenue(after.ID))
		return err
	}
	return nil
}

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// earthPoint is a point for the earthdistance extension.
const earthPoint = "ll_to_earth(?::float8, ?::float8)"

// distanceFrom is the distance in metres from a venue's position (the lat
// and lng columns, after prefix) to the point given by two arguments (lat,
// lng): the straight line between the two points on earthdistance's
// sphere, which the GiST index on ll_to_earth(lat, lng) hands out nearest
// first (a KNN scan: ORDER BY it reads a page's venues, not the scope's).
// Within 100 km it is within a metre of the great-circle distance.
func distanceFrom(prefix string) string {
	return "(ll_to_earth(" + prefix + "lat, " + prefix + "lng) <-> " + earthPoint + ")"
}

// venueDistance is the one distance of the venue list: its radius filter,
// its distance_m, its cursor and its order.
var venueDistance = distanceFrom("")

// MaxRadiusM is the largest radius_m of a venue query: a radius bounds the
// venues a query reads (a 5 km circle holds a few thousand in a city's
// centre; 50 km held a province's hundreds of thousands).
const MaxRadiusM = 5000

// venueCursor is the sort key of a venue list: the id, and the distance when
// sorted by distance.
type venueCursor struct {
	ID   uuid.UUID `json:"id"`
	Dist *float64  `json:"d,omitempty"`
}

// filterVenues is the venues in scope that match f (the filters of the
// list and of the map's points), or a ValidationError.
func filterVenues(db *gorm.DB, actor Actor, f VenueFilter) (*gorm.DB, error) {
	q := actor.Scoped(db.Model(&Venue{}), "venues.grid_id")
	var c Check
	optionalTerm(&c, "risk_level", vocab.RiskLevels, f.RiskLevel)
	optionalTerm(&c, "category", vocab.Categories, f.Category)
	optionalTerm(&c, "status", vocab.VenueStatuses, f.Status)
	c.Add(f.RadiusM < 0 || f.RadiusM > MaxRadiusM, "radius_m", "must be between 0 and %d", MaxRadiusM)
	c.Add(f.RadiusM > 0 && f.Near == nil, "radius_m", "needs near=lat,lng")
	c.Add(len([]rune(f.Q)) > 100, "q", "must be at most 100 characters")
	if err := c.Err(); err != nil {
		return nil, err
	}
	if f.GridID != nil {
		q = q.Where("grid_id = ?", *f.GridID)
	}
	if f.OrgUnitID != nil {
		q = q.Where("grid_id IN (SELECT id FROM org_units WHERE path @> ARRAY[?]::uuid[])", *f.OrgUnitID)
	}
	for _, eq := range [][2]string{{"risk_level", string(f.RiskLevel)}, {"category", string(f.Category)}, {"status", string(f.Status)}} {
		if eq[1] != "" {
			q = q.Where(eq[0]+" = ?", eq[1])
		}
	}
	// Every word must match one of the name, the address, the contact, the
	// phone or the licence number ("鑫源 东关": a 鑫源 on 东关街).
	for _, w := range strings.Fields(f.Q) {
		like := "%" + escapeLike(w) + "%"
		q = q.Where("(name ILIKE ? OR address ILIKE ? OR contact_name ILIKE ? OR contact_phone ILIKE ? OR license_no ILIKE ?)",
			like, like, like, like, like)
	}
	if f.Near != nil && f.RadiusM > 0 {
		q = q.Where("earth_box("+earthPoint+", ?) @> ll_to_earth(lat, lng) AND "+venueDistance+" <= ?",
			f.Near.Lat, f.Near.Lng, f.RadiusM, f.Near.Lat, f.Near.Lng, f.RadiusM)
	}
	return q, nil
}

// VenuePoint is a venue as the console's map draws it.
type VenuePoint struct {
	ID        uuid.UUID       `json:"id"`
	Lat       float64         `json:"lat"`
	Lng       float64         `json:"lng"`
	RiskLevel vocab.RiskLevel `json:"risk_level"`
	Category  vocab.Category  `json:"category"`
	Name      string          `json:"name"`
}

// MaxPoints is the most points GET /venues/points gives in one answer.
const MaxPoints = 100000

// VenuePoints checks f and returns a function that reads the points of the
// venues in scope that match it, by id, and hands each to emit, at most
// limit of them; it reports whether more venues matched. The rows are read
// as they are handed on, so memory does not grow with them. near without
// radius_m, which only orders the list, changes nothing here.
func VenuePoints(db *gorm.DB, actor Actor, f VenueFilter, limit int) (func(ctx context.Context, emit func(VenuePoint) error) (bool, error), error) {
	if limit < 1 || limit > MaxPoints {
		return nil, Invalid("limit", "must be between 1 and %d", MaxPoints)
	}
	q, err := filterVenues(db, actor, f)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, emit func(VenuePoint) error) (bool, error) {
		rows, err := q.WithContext(ctx).Select("id, lat, lng, risk_level, category, name").Order("id").Limit(limit + 1).Rows()
		if err != nil {
			return false, translate(err, "list venue points")
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			if n++; n > limit {
				return true, nil
			}
			var p VenuePoint
			if err := rows.Scan(&p.ID, &p.Lat, &p.Lng, &p.RiskLevel, &p.Category, &p.Name); err != nil {
				return false, translate(err, "read venue point")
			}
			if err := emit(p); err != nil {
				return false, err
			}
		}
		return false, translate(rows.Err(), "list venue points")
	}, nil
}

// ListVenues lists the venues in scope that match f, ordered by id, or by
// distance from f.Near when it is given.
func ListVenues(ctx context.Context, db *gorm.DB, actor Actor, f VenueFilter, p Page) (List[Venue], error) {
	q, err := filterVenues(db.WithContext(ctx), actor, f)
	if err != nil {
		return List[Venue]{}, err
	}
	var after venueCursor
	if p.Cursor != "" {
		if err := DecodeCursor(p.Cursor, &after); err != nil {
			return List[Venue]{}, err
		}
	}
	limit := p.limit()
	if f.Near != nil {
		lat, lng := f.Near.Lat, f.Near.Lng
		if p.Cursor != "" {
			if after.Dist == nil {
				return List[Venue]{}, Invalid("cursor", "is not a cursor this list gave out")
			}
			q = q.Where("("+venueDistance+", id) > (?, ?)", lat, lng, *after.Dist, after.ID)
		}
		q = q.Select("venues.*, "+venueDistance+" AS distance_m", lat, lng)
		rows, err := nearest(db.WithContext(ctx), q, lat, lng, limit)
		if err != nil {
			return List[Venue]{}, err
		}
		return pageOf(rows, limit, func(v Venue) any { return venueCursor{ID: v.ID, Dist: v.DistanceM} }), nil
	}
	if p.Cursor != "" {
		q = q.Where("id > ?", after.ID)
	}
	var rows []Venue
	if err := q.Order("id").Limit(limit + 1).Find(&rows).Error; err != nil {
		return List[Venue]{}, translate(err, "list venues")
	}
	return pageOf(rows, limit, func(v Venue) any { return venueCursor{ID: v.ID, Dist: v.DistanceM} }), nil
}

// nearest reads the first limit+1 venues of q (which selects distance_m) by
// distance and id. The GiST index hands venues out by distance (a KNN scan,
// reading about as many as it returns) but cannot order by id as well, so
// it is asked for one more, by distance alone, and they are sorted by
// distance and id: that is the page unless venues at the same distance
// straddle its end (a rare tie: venues in one building), when the page is
// read again among the venues within that distance (the index's bounding
// box), by distance and id.
func nearest(db, q *gorm.DB, lat, lng float64, limit int) ([]Venue, error) {
	var rows []Venue
	// Order ignores a gorm.Expr; a clause.OrderBy carries the arguments.
	knn := q.Session(&gorm.Session{}).Order(clause.OrderBy{Expression: clause.Expr{SQL: venueDistance, Vars: []any{lat, lng}}}).Limit(limit + 2)
	if err := db.Table("(?) venues", knn).Order("distance_m, id").Find(&rows).Error; err != nil {
		return nil, translate(err, "list venues")
	}
	if len(rows) < limit+2 || *rows[limit].DistanceM < *rows[limit+1].DistanceM {
		return rows[:min(len(rows), limit+1)], nil
	}
	d := *rows[limit].DistanceM
	rows = nil
	err := q.Where("earth_box("+earthPoint+", ?) @> ll_to_earth(lat, lng) AND "+venueDistance+" <= ?", lat, lng, d, lat, lng, d).
		Order(clause.OrderBy{Expression: clause.Expr{SQL: venueDistance + ", id", Vars: []any{lat, lng}}}).Limit(limit + 1).Find(&rows).Error
	return rows, translate(err, "list venues")
}

// escapeLike escapes LIKE's wildcards in user input.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// LevelChange is one entry of a venue's level history.
type LevelChange struct {
	ID                 uuid.UUID        `json:"id"`
	VenueID            uuid.UUID        `json:"venue_id"`
	FromLevel          *vocab.RiskLevel `json:"from_level"`
	ToLevel            vocab.RiskLevel  `json:"to_level"`
	Reason             string           `json:"reason"`
	ChangedBy          *uuid.UUID       `json:"changed_by"`
	ReclassificationID *uuid.UUID       `json:"reclassification_id"`
	ChangedAt          time.Time        `json:"changed_at"`
}

// VenueHistory lists every level a venue in scope has had, oldest first.
func VenueHistory(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) ([]LevelChange, error) {
	if _, err := GetVenue(ctx, db, actor, id); err != nil {
		return nil, err
	}
	out := []LevelChange{}
	err := db.WithContext(ctx).Table("venue_level_changes").Where("venue_id = ?", id).Order("changed_at, id").Find(&out).Error
	return out, translate(err, "read level history")
}

// RotatePublicCode gives a venue in scope a new public code; the old one
// stops working at once (its page and its reports answer 404). Supervisors
// and admins only (ErrForbidden; a venue out of scope is ErrNotFound first).
func RotatePublicCode(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (Venue, error) {
	var out Venue
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockVenue(ctx, tx, actor, id, AnyVersion)
		if err != nil {
			return err
		}
		if !actor.CanDecide() {
			return forbidden("only a supervisor or an admin rotates a venue's public code")
		}
		err = tx.Exec("UPDATE venues SET public_code = ?, version = version + 1, updated_at = now() WHERE id = ?", NewPublicCode(), id).Error
		if err != nil {
			return translate(err, "rotate public code")
		}
		if err := tx.Take(&out, "id = ?", id).Error; err != nil {
			return translate(err, "read venue")
		}
		return audit(ctx, tx, actor, "rotate_public_code", "venue", id, &out.GridID, before, out)
	})
	return out, err
}
