package models

import (
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Actor is who makes a request: the authenticated user, as the access token
// names them, and the request id that audit rows carry.
type Actor struct {
	UserID    uuid.UUID
	Role      vocab.Role
	OrgUnitID uuid.UUID
	RequestID string
	// Owner is set for a venue owner (场所负责人) acting in an owner session:
	// Role is RoleOwner, UserID is nil, and the owner reaches that venue only.
	Owner *OwnerOf
}

// OwnerOf is the venue an owner session acts for.
type OwnerOf struct {
	SessionID uuid.UUID
	VenueID   uuid.UUID
}

// RoleOwner is the role of an owner session's actor. It is no user's role
// (not in vocab.Roles): owners have no account, only a session.
const RoleOwner vocab.Role = "owner"

// IsOwner reports whether the actor is a venue owner.
func (a Actor) IsOwner() bool { return a.Owner != nil && a.Role == RoleOwner }

// IsAdmin reports whether the actor is an admin.
func (a Actor) IsAdmin() bool { return a.Role == vocab.Admin }

// IsSupervisor reports whether the actor is a supervisor.
func (a Actor) IsSupervisor() bool { return a.Role == vocab.Supervisor }

// IsOfficer reports whether the actor is an officer.
func (a Actor) IsOfficer() bool { return a.Role == vocab.Officer }

// CanDecide reports whether the actor may decide (approve, return, verify):
// supervisors and admins.
func (a Actor) CanDecide() bool { return a.Role == vocab.Supervisor || a.Role == vocab.Admin }

// This file is the one place where scope is decided. Every query of a
// resource that belongs to a grid or an org unit goes through ScopeSQL, so
// that an officer sees the grids assigned to them, a supervisor the subtree
// of their org unit, and an admin everything.

// ScopeSQL returns a SQL condition, with its arguments, that holds when
// column col (an org unit id: a venue's grid, a user's unit, a unit itself)
// is in the actor's scope.
func (a Actor) ScopeSQL(col string) (string, []any) {
	switch a.Role {
	case vocab.Admin:
		return "TRUE", nil
	case vocab.Supervisor:
		return col + " IN (SELECT id FROM org_units WHERE path @> ARRAY[?]::uuid[])", []any{a.OrgUnitID}
	case RoleOwner:
		// The grid of the owner's venue; the owner's own reads and writes
		// (owner.go) narrow it to the venue itself.
		if a.Owner == nil {
			return "FALSE", nil
		}
		return col + " IN (SELECT grid_id FROM venues WHERE id = ?)", []any{a.Owner.VenueID}
	default:
		grids, args, _ := a.ScopeGrids()
		return col + " IN (" + grids + ")", args
	}
}

// ScopeGrids is, for an actor whose scope is the grids assigned to them
// (an officer's few), the query of those grids' ids (a column grid_id),
// with its arguments: a list can then be read grid by grid, each grid's
// part in its index's order (ListInspections). ok is false for the other
// roles, whose scope is an org unit's subtree or everything.
func (a Actor) ScopeGrids() (sql string, args []any, ok bool) {
	switch a.Role {
	case vocab.Admin, vocab.Supervisor, RoleOwner:
		return "", nil, false
	}
	return "SELECT grid_id FROM user_grids WHERE user_id = ?", []any{a.UserID}, true
}

// Scoped restricts db to rows whose column col is in the actor's scope.
func (a Actor) Scoped(db *gorm.DB, col string) *gorm.DB {
	if a.Role == vocab.Admin {
		return db
	}
	cond, args := a.ScopeSQL(col)
	return db.Where(cond, args...)
}
