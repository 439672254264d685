package models

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// parentKind is the kind an org unit's parent must have: the kind above it
// in vocab.OrgUnitKinds, which runs from the root down ("" for a city).
func parentKind(kind vocab.OrgUnitKind) vocab.OrgUnitKind {
	kinds := vocab.OrgUnitKinds.Values()
	if i := slices.Index(kinds, kind); i > 0 {
		return kinds[i-1]
	}
	return ""
}

// OrgUnit is one node of the tree city → district → station → grid.
type OrgUnit struct {
	ID       uuid.UUID         `json:"id" gorm:"type:uuid;primaryKey"`
	Kind     vocab.OrgUnitKind `json:"kind"`
	Code     string            `json:"code"`
	Name     string            `json:"name"`
	ParentID *uuid.UUID        `json:"parent_id" gorm:"type:uuid"`
	// AgencyCode (机关代字) heads the numbers of the documents its stations
	// issue; a unit without one takes its nearest ancestor's.
	AgencyCode *string `json:"agency_code"`
	// DeadlineOrderApproval (stations): a deadline_order waits, as a draft,
	// for a supervisor to issue it.
	DeadlineOrderApproval bool `json:"deadline_order_approval"`
	// Phone is the unit's public phone: a station's is on its venues'
	// stickers and public pages.
	Phone     string    `json:"phone"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// NewOrgUnit is what it takes to create an org unit. ID may be made by the client.
type NewOrgUnit struct {
	ID       uuid.UUID
	Kind     vocab.OrgUnitKind
	Code     string
	Name     string
	ParentID *uuid.UUID
	// AgencyCode is the unit's 机关代字, if it has its own.
	AgencyCode *string
}

// OrgUnitPatch changes an org unit; nil fields stay as they are.
type OrgUnitPatch struct {
	Code     *string
	Name     *string
	ParentID *uuid.UUID
	// AgencyCode: "" clears it (the unit inherits one again).
	AgencyCode            *string
	DeadlineOrderApproval *bool
	Phone                 *string
	Version               int
}

// OrgUnitFilter narrows a list of org units.
type OrgUnitFilter struct {
	Kind     vocab.OrgUnitKind
	ParentID *uuid.UUID
	// Under keeps the subtree of this unit, itself included.
	Under *uuid.UUID
}

// checkParent makes sure a unit of kind may hang under parentID.
func checkParent(ctx context.Context, db *gorm.DB, kind vocab.OrgUnitKind, parentID *uuid.UUID) error {
	want := parentKind(kind)
	if want == "" {
		if parentID != nil {
			return Invalid("parent_id", "a city has no parent")
		}
		return nil
	}
	if parentID == nil {
		return Invalid("parent_id", "a %s needs a parent %s", kind, want)
	}
	var got vocab.OrgUnitKind
	err := db.WithContext(ctx).Raw("SELECT kind FROM org_units WHERE id = ? FOR SHARE", *parentID).Scan(&got).Error
	if err != nil {
		return translate(err, "read parent")
	}
	if got == "" {
		return Invalid("parent_id", "no such org unit")
	}
	if got != want {
		return Invalid("parent_id", "the parent of a %s must be a %s, not a %s", kind, want, got)
	}
	return nil
}

// CreateOrgUnit adds a unit to the tree. Admins only. When in.ID names an
// existing unit with the same fields, that unit is returned unchanged (a
// retried request); with other fields it is a ConflictError.
func CreateOrgUnit(ctx context.Context, db *gorm.DB, actor Actor, in NewOrgUnit) (OrgUnit, bool, error) {
	if !actor.IsAdmin() {
		return OrgUnit{}, false, ErrForbidden
	}
	var c Check
	term(&c, "kind", vocab.OrgUnitKinds, in.Kind)
	c.Add(!codePattern.MatchString(in.Code), "code", "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit")
	c.Add(len(in.Name) == 0 || len([]rune(in.Name)) > 200, "name", "must be 1-200 characters")
	checkAgencyCode(&c, in.AgencyCode)
	if err := c.Err(); err != nil {
		return OrgUnit{}, false, err
	}
	if in.AgencyCode != nil && *in.AgencyCode == "" {
		in.AgencyCode = nil
	}
	if in.ID == uuid.Nil {
		in.ID = newID()
	}
	var out OrgUnit
	created := false
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		out, created, err = createOnce(ctx, tx, "org_units", "an org unit", in.ID,
			func() (OrgUnit, error) { return GetOrgUnit(ctx, tx, actor, in.ID) },
			func(x OrgUnit) bool {
				return x.Kind == in.Kind && x.Code == in.Code && x.Name == in.Name && sameID(x.ParentID, in.ParentID) &&
					sameText(x.AgencyCode, in.AgencyCode)
			},
			func() (OrgUnit, error) {
				var u OrgUnit
				if err := checkParent(ctx, tx, in.Kind, in.ParentID); err != nil {
					return u, err
				}
				err := tx.Exec(`INSERT INTO org_units (id, kind, code, name, parent_id, agency_code, path)
					SELECT ?, ?, ?, ?, ?::uuid, ?, COALESCE((SELECT path FROM org_units WHERE id = ?::uuid), '{}') || ?::uuid`,
					in.ID, in.Kind, in.Code, in.Name, in.ParentID, in.AgencyCode, in.ParentID, in.ID).Error
				if err != nil {
					return u, translate(err, "insert org unit")
				}
				if err := tx.First(&u, "id = ?", in.ID).Error; err != nil {
					return u, translate(err, "read org unit")
				}
				return u, audit(ctx, tx, actor, "create", "org_unit", u.ID, gridOf(u), nil, u)
			})
		return err
	})
	return out, created, err
}

// gridOf is the unit's id when it is a grid, for the audit trail's scope.
func gridOf(u OrgUnit) *uuid.UUID {
	if u.Kind == vocab.Grid {
		return &u.ID
	}
	return nil
}

// GetOrgUnit returns one unit in the actor's scope, or ErrNotFound.
func GetOrgUnit(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (OrgUnit, error) {
	var u OrgUnit
	err := actor.Scoped(db.WithContext(ctx), "id").First(&u, "id = ?", id).Error
	return u, translate(err, "read org unit")
}

// ListOrgUnits lists the units in scope, ordered by id.
func ListOrgUnits(ctx context.Context, db *gorm.DB, actor Actor, f OrgUnitFilter, p Page) (List[OrgUnit], error) {
	q := actor.Scoped(db.WithContext(ctx).Model(&OrgUnit{}), "id")
	if f.Kind != "" {
		if !f.Kind.Valid() {
			return List[OrgUnit]{}, Invalid("kind", "must be one of %s", vocab.OrgUnitKinds.List())
		}
		q = q.Where("kind = ?", f.Kind)
	}
	if f.ParentID != nil {
		q = q.Where("parent_id = ?", *f.ParentID)
	}
	if f.Under != nil {
		q = q.Where("path @> ARRAY[?]::uuid[]", *f.Under)
	}
	return pageByKey(q, p, "id", "list org units", func(x OrgUnit) uuid.UUID { return x.ID })
}

// UpdateOrgUnit renames, recodes or moves a unit. Admins only. Moving keeps
// the kinds in order and carries the unit's subtree along; officers
// assigned to a moved grid that is no longer under their own unit lose that
// assignment (audited).
func UpdateOrgUnit(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, p OrgUnitPatch) (OrgUnit, error) {
	if !actor.IsAdmin() {
		return OrgUnit{}, ErrForbidden
	}
	var c Check
	c.Add(p.Code != nil && !codePattern.MatchString(*p.Code), "code", "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit")
	c.Add(p.Name != nil && (len(*p.Name) == 0 || len([]rune(*p.Name)) > 200), "name", "must be 1-200 characters")
	checkAgencyCode(&c, p.AgencyCode)
	c.Add(p.Phone != nil && !unitPhone.MatchString(*p.Phone), "phone", "must be at most 32 digits, spaces, +, - or parentheses")
	if err := c.Err(); err != nil {
		return OrgUnit{}, err
	}
	var out OrgUnit
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockOrgUnit(ctx, tx, id, p.Version)
		if err != nil {
			return err
		}
		after := before
		if p.Code != nil {
			after.Code = *p.Code
		}
		if p.Name != nil {
			after.Name = *p.Name
		}
		if p.AgencyCode != nil {
			after.AgencyCode = p.AgencyCode
			if *p.AgencyCode == "" {
				after.AgencyCode = nil
			}
		}
		setIf(&after.Phone, p.Phone)
		if p.DeadlineOrderApproval != nil {
			if before.Kind != vocab.Station {
				return Invalid("deadline_order_approval", "is a station's setting; this unit is a %s", before.Kind)
			}
			after.DeadlineOrderApproval = *p.DeadlineOrderApproval
		}
		if p.ParentID != nil && !sameID(before.ParentID, p.ParentID) {
			if err := checkParent(ctx, tx, before.Kind, p.ParentID); err != nil {
				return err
			}
			// The ancestors it leaves and those it joins (not those above
			// both) see their subtree change: their supervisors' sync starts over.
			err := tx.Exec(`UPDATE org_units SET tree_version = tree_version + 1
				WHERE id <> ? AND id IN (
					((SELECT unnest(path) FROM org_units WHERE id = ?) EXCEPT (SELECT unnest(path) FROM org_units WHERE id = ?))
					UNION
					((SELECT unnest(path) FROM org_units WHERE id = ?) EXCEPT (SELECT unnest(path) FROM org_units WHERE id = ?)))`,
				id, id, *p.ParentID, *p.ParentID, id).Error
			if err != nil {
				return translate(err, "mark org units")
			}
			// The new parent's path followed by the part of each subtree
			// member's path from this unit down.
			err = tx.Exec(`UPDATE org_units u
				SET path = (SELECT path FROM org_units WHERE id = ?) || u.path[array_position(u.path, ?::uuid):]
				WHERE u.path @> ARRAY[?]::uuid[]`, *p.ParentID, id, id).Error
			if err != nil {
				return translate(err, "move org unit")
			}
			after.ParentID = p.ParentID
			// Officers keep only the grids still under their unit.
			moved, err := endStrayGrids(ctx, tx, actor, "the grid moved to another unit", "g.path @> ARRAY[?]::uuid[]", id)
			if err != nil {
				return err
			}
			if len(moved) > 0 {
				if err := tx.Exec("UPDATE users SET version = version + 1, updated_at = now() WHERE id IN ?", moved).Error; err != nil {
					return translate(err, "update users")
				}
			}
		}
		err = tx.Exec(`UPDATE org_units SET code = ?, name = ?, parent_id = ?, agency_code = ?, deadline_order_approval = ?, phone = ?,
			version = version + 1, updated_at = now() WHERE id = ?`,
			after.Code, after.Name, after.ParentID, after.AgencyCode, after.DeadlineOrderApproval, after.Phone, id).Error
		if err != nil {
			return translate(err, "update org unit")
		}
		if err := tx.First(&out, "id = ?", id).Error; err != nil {
			return translate(err, "read org unit")
		}
		return audit(ctx, tx, actor, "update", "org_unit", id, gridOf(out), before, out)
	})
	return out, err
}

// lockOrgUnit reads a unit for update and checks its version.
func lockOrgUnit(ctx context.Context, tx *gorm.DB, id uuid.UUID, version int) (OrgUnit, error) {
	var u OrgUnit
	if err := tx.WithContext(ctx).Clauses(forUpdate).Take(&u, "id = ?", id).Error; err != nil {
		return u, translate(err, "lock org unit")
	}
	return u, checkVersion(version, u.Version)
}

func sameID(a, b *uuid.UUID) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// unitPhone is what an org unit's phone may hold (as the SQL CHECK).
var unitPhone = regexp.MustCompile(`^[0-9+() -]{0,32}$`)

// checkAgencyCode: an agency code (机关代字) is a few characters, such as 聊东.
func checkAgencyCode(c *Check, code *string) {
	if code == nil {
		return
	}
	n := len([]rune(*code))
	c.Add(n > 16 || strings.ContainsAny(*code, " \t\n{}"), "agency_code", "must be at most 16 characters, such as 聊东, without spaces")
}

func sameText(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
