package models

import (
	"context"
	"regexp"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// User is an account: an officer, a supervisor or an admin.
type User struct {
	ID           uuid.UUID   `json:"id" gorm:"type:uuid;primaryKey"`
	Username     string      `json:"username"`
	Name         string      `json:"name"`
	Role         vocab.Role  `json:"role"`
	OrgUnitID    uuid.UUID   `json:"org_unit_id" gorm:"type:uuid"`
	GridIDs      []uuid.UUID `json:"grid_ids" gorm:"-"`
	Active       bool        `json:"active"`
	Version      int         `json:"version"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
	PasswordHash string      `json:"-"`
}

// NewUser is what it takes to create a user.
type NewUser struct {
	ID        uuid.UUID
	Username  string
	Name      string
	Role      vocab.Role
	OrgUnitID uuid.UUID
	Password  string
}

// UserPatch changes a user; nil fields stay as they are.
type UserPatch struct {
	Name      *string
	Role      *vocab.Role
	OrgUnitID *uuid.UUID
	Active    *bool
	Password  *string
	Version   int
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// Password bounds. bcrypt reads at most 72 bytes; longer passwords are refused
// rather than cut silently.
const (
	minPassword = 8
	maxPassword = 72
)

// BcryptCost is the work factor of new password hashes. Tests lower it.
var BcryptCost = 12

// HashPassword hashes a password with bcrypt, checking its length first.
func HashPassword(field, pw string) (string, error) {
	if len(pw) < minPassword || len(pw) > maxPassword {
		return "", Invalid(field, "must be %d to %d bytes long", minPassword, maxPassword)
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), BcryptCost)
	return string(h), err
}

func checkRole(c *Check, role vocab.Role) {
	term(c, "role", vocab.Roles, role)
}

// CreateUser adds an account. Admins only. A retried request with the same
// client id and fields returns the first result; other fields are a conflict.
func CreateUser(ctx context.Context, db *gorm.DB, actor Actor, in NewUser) (User, error) {
	if !actor.IsAdmin() {
		return User{}, ErrForbidden
	}
	var c Check
	c.Add(!usernamePattern.MatchString(in.Username), "username", "must be 2-64 lower-case letters, digits, '.', '_' or '-'")
	c.Add(len(in.Name) == 0 || len([]rune(in.Name)) > 100, "name", "must be 1-100 characters")
	checkRole(&c, in.Role)
	c.Add(in.OrgUnitID == uuid.Nil, "org_unit_id", "is required")
	if err := c.Err(); err != nil {
		return User{}, err
	}
	if in.ID == uuid.Nil {
		in.ID = newID()
	}
	var out User
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		out, _, err = createOnce(ctx, tx, "users", "a user", in.ID,
			func() (User, error) { return GetUser(ctx, tx, actor, in.ID) },
			func(x User) bool {
				return x.Username == in.Username && x.Name == in.Name && x.Role == in.Role && x.OrgUnitID == in.OrgUnitID &&
					bcrypt.CompareHashAndPassword([]byte(x.PasswordHash), []byte(in.Password)) == nil
			},
			func() (User, error) {
				hash, err := HashPassword("password", in.Password)
				if err != nil {
					return User{}, err
				}
				if err := checkUnitForRole(ctx, tx, in.Role, in.OrgUnitID); err != nil {
					return User{}, err
				}
				u := User{ID: in.ID, Username: in.Username, Name: in.Name, Role: in.Role, OrgUnitID: in.OrgUnitID, Active: true, Version: 1, PasswordHash: hash, GridIDs: []uuid.UUID{}}
				if err := tx.Create(&u).Error; err != nil {
					return u, translate(err, "insert user")
				}
				// Read back what was stored: the database keeps microseconds, not
				// the nanoseconds GORM set, and a retry answers the stored row.
				if err := tx.Take(&u, "id = ?", u.ID).Error; err != nil {
					return u, translate(err, "read user")
				}
				return u, audit(ctx, tx, actor, "create", "user", u.ID, nil, nil, u)
			})
		return err
	})
	return out, err
}

// checkUnitForRole: officers belong to a station or a grid; supervisors to a
// city, district or station; admins anywhere.
func checkUnitForRole(ctx context.Context, db *gorm.DB, role vocab.Role, unitID uuid.UUID) error {
	var kind vocab.OrgUnitKind
	if err := db.WithContext(ctx).Raw("SELECT kind FROM org_units WHERE id = ?", unitID).Scan(&kind).Error; err != nil {
		return translate(err, "read org unit")
	}
	switch {
	case kind == "":
		return Invalid("org_unit_id", "no such org unit")
	case role == vocab.Officer && kind != vocab.Station && kind != vocab.Grid:
		return Invalid("org_unit_id", "an officer belongs to a station or a grid, not a %s", kind)
	case role == vocab.Supervisor && kind == vocab.Grid:
		return Invalid("org_unit_id", "a supervisor belongs to a city, district or station, not a grid")
	}
	return nil
}

// userScope restricts a query of users to the actor's scope: an admin sees
// everyone, a supervisor the users of their subtree, an officer only themself.
func userScope(q *gorm.DB, actor Actor) *gorm.DB {
	if actor.IsOfficer() {
		return q.Where("id = ?", actor.UserID)
	}
	return actor.Scoped(q, "org_unit_id")
}

// GetUser returns a user in the actor's scope, or ErrNotFound.
func GetUser(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (User, error) {
	var u User
	if err := userScope(db.WithContext(ctx), actor).First(&u, "id = ?", id).Error; err != nil {
		return u, translate(err, "read user")
	}
	return u, loadGrids(ctx, db, []*User{&u})
}

// loadGrids fills GridIDs of the given users.
func loadGrids(ctx context.Context, db *gorm.DB, users []*User) error {
	if len(users) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(users))
	byID := make(map[uuid.UUID]*User, len(users))
	for i, u := range users {
		ids[i] = u.ID
		u.GridIDs = []uuid.UUID{}
		byID[u.ID] = u
	}
	var rows []struct {
		UserID uuid.UUID
		GridID uuid.UUID
	}
	if err := db.WithContext(ctx).Raw("SELECT user_id, grid_id FROM user_grids WHERE user_id IN ? ORDER BY grid_id", ids).Scan(&rows).Error; err != nil {
		return translate(err, "read user grids")
	}
	for _, r := range rows {
		byID[r.UserID].GridIDs = append(byID[r.UserID].GridIDs, r.GridID)
	}
	return nil
}

// UserFilter narrows a list of users.
type UserFilter struct {
	Role      vocab.Role
	OrgUnitID *uuid.UUID
}

// ListUsers lists the users in scope, ordered by id.
func ListUsers(ctx context.Context, db *gorm.DB, actor Actor, f UserFilter, p Page) (List[User], error) {
	q := userScope(db.WithContext(ctx).Model(&User{}), actor)
	if f.Role != "" {
		var c Check
		checkRole(&c, f.Role)
		if err := c.Err(); err != nil {
			return List[User]{}, err
		}
		q = q.Where("role = ?", f.Role)
	}
	if f.OrgUnitID != nil {
		q = q.Where("org_unit_id IN (SELECT id FROM org_units WHERE path @> ARRAY[?]::uuid[])", *f.OrgUnitID)
	}
	out, err := pageByKey(q, p, "id", "list users", func(x User) uuid.UUID { return x.ID })
	if err != nil {
		return out, err
	}
	ptrs := make([]*User, len(out.Items))
	for i := range out.Items {
		ptrs[i] = &out.Items[i]
	}
	return out, loadGrids(ctx, db, ptrs)
}

// UpdateUser changes a user. Admins only. Deactivating a user, or changing
// their password, role or unit, ends their sessions. Moving an officer to
// another unit ends their assignments to grids outside it (audited).
func UpdateUser(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, p UserPatch) (User, error) {
	if !actor.IsAdmin() {
		return User{}, ErrForbidden
	}
	var c Check
	c.Add(p.Name != nil && (len(*p.Name) == 0 || len([]rune(*p.Name)) > 100), "name", "must be 1-100 characters")
	if p.Role != nil {
		checkRole(&c, *p.Role)
	}
	if err := c.Err(); err != nil {
		return User{}, err
	}
	var out User
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before User
		if err := tx.Clauses(forUpdate).Take(&before, "id = ?", id).Error; err != nil {
			return translate(err, "lock user")
		}
		if err := checkVersion(p.Version, before.Version); err != nil {
			return err
		}
		if err := loadGrids(ctx, tx, []*User{&before}); err != nil {
			return err
		}
		out = before
		endSessions := false
		if p.Name != nil {
			out.Name = *p.Name
		}
		if p.Role != nil && *p.Role != out.Role {
			out.Role, endSessions = *p.Role, true
		}
		if p.OrgUnitID != nil && *p.OrgUnitID != out.OrgUnitID {
			out.OrgUnitID, endSessions = *p.OrgUnitID, true
		}
		if p.Active != nil && *p.Active != out.Active {
			out.Active = *p.Active
			endSessions = endSessions || !out.Active
		}
		if p.Password != nil {
			hash, err := HashPassword("password", *p.Password)
			if err != nil {
				return err
			}
			out.PasswordHash, endSessions = hash, true
		}
		if err := checkUnitForRole(ctx, tx, out.Role, out.OrgUnitID); err != nil {
			return err
		}
		if out.Role != vocab.Officer && len(out.GridIDs) > 0 {
			if err := tx.Exec("DELETE FROM user_grids WHERE user_id = ?", id).Error; err != nil {
				return translate(err, "clear grids")
			}
			out.GridIDs = []uuid.UUID{}
		}
		out.Version++
		err := tx.Exec(`UPDATE users SET name = ?, role = ?, org_unit_id = ?, active = ?, password_hash = ?, version = ?, updated_at = now() WHERE id = ?`,
			out.Name, out.Role, out.OrgUnitID, out.Active, out.PasswordHash, out.Version, id).Error
		if err != nil {
			return translate(err, "update user")
		}
		if out.Role == vocab.Officer && out.OrgUnitID != before.OrgUnitID && len(out.GridIDs) > 0 {
			// A transfer ends the assignments outside the new unit; the
			// officer's scope (and so their sync) changes with it.
			if _, err := endStrayGrids(ctx, tx, actor, "the officer moved to another unit", "ug.user_id = ?", id); err != nil {
				return err
			}
			if err := loadGrids(ctx, tx, []*User{&out}); err != nil {
				return err
			}
		}
		// Read back what was stored (updated_at is the database's now()).
		if err := tx.Take(&out, "id = ?", id).Error; err != nil {
			return translate(err, "read user")
		}
		if endSessions {
			if err := revokeAllSessions(ctx, tx, id); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "update", "user", id, nil, before, out)
	})
	return out, err
}

// SetUserGrids replaces the grids an officer patrols. Admins only. Every grid
// must be a grid under the officer's own org unit.
func SetUserGrids(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, grids []uuid.UUID) (User, error) {
	if !actor.IsAdmin() {
		return User{}, ErrForbidden
	}
	slices.SortFunc(grids, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
	grids = slices.Compact(grids)
	var out User
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u User
		if err := tx.Clauses(forUpdate).Take(&u, "id = ?", id).Error; err != nil {
			return translate(err, "lock user")
		}
		if u.Role != vocab.Officer {
			return Invalid("grid_ids", "only officers are assigned grids")
		}
		if err := loadGrids(ctx, tx, []*User{&u}); err != nil {
			return err
		}
		if len(grids) > 0 {
			var ok int64
			err := tx.Raw(`SELECT count(*) FROM org_units WHERE id IN ? AND kind = 'grid' AND path @> ARRAY[?]::uuid[]`, grids, u.OrgUnitID).Scan(&ok).Error
			if err != nil {
				return translate(err, "check grids")
			}
			if int(ok) != len(grids) {
				return Invalid("grid_ids", "every id must be a grid under the officer's org unit")
			}
		}
		if err := tx.Exec("DELETE FROM user_grids WHERE user_id = ?", id).Error; err != nil {
			return translate(err, "clear grids")
		}
		for _, g := range grids {
			if err := tx.Exec("INSERT INTO user_grids (user_id, grid_id) VALUES (?, ?)", id, g).Error; err != nil {
				return translate(err, "assign grid")
			}
		}
		if err := tx.Exec("UPDATE users SET version = version + 1, updated_at = now() WHERE id = ?", id).Error; err != nil {
			return translate(err, "update user")
		}
		var err error
		if out, err = GetUser(ctx, tx, actor, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "set_grids", "user", id, nil, u, out)
	})
	if err != nil {
		return User{}, err
	}
	return out, nil
}

// endStrayGrids ends the assignments (of the user_grids rows ug matching
// cond) whose grid is no longer under the officer's unit, after a transfer
// or a grid's move, with an audit row each that records the grid (so that
// its station's supervisors see it) and why. It returns the officers
// affected.
func endStrayGrids(ctx context.Context, tx *gorm.DB, actor Actor, why, cond string, args ...any) ([]uuid.UUID, error) {
	var ended []struct {
		UserID uuid.UUID
		GridID uuid.UUID
	}
	err := tx.WithContext(ctx).Raw(`DELETE FROM user_grids ug USING users u, org_units g
		WHERE u.id = ug.user_id AND g.id = ug.grid_id AND NOT g.path @> ARRAY[u.org_unit_id] AND (`+cond+`)
		RETURNING ug.user_id, ug.grid_id`, args...).Scan(&ended).Error
	if err != nil {
		return nil, translate(err, "end grid assignments")
	}
	var users []uuid.UUID
	for _, e := range ended {
		before := map[string]any{"user_id": e.UserID, "grid_id": e.GridID}
		after := map[string]any{"user_id": e.UserID, "grid_id": nil, "reason": why}
		if err := audit(ctx, tx, actor, "unassign_grid", "user", e.UserID, &e.GridID, before, after); err != nil {
			return nil, err
		}
		if !slices.Contains(users, e.UserID) {
			users = append(users, e.UserID)
		}
	}
	return users, nil
}
