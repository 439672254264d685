package models

import (
	"context"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// StickerVenue is what a venue's door sticker prints.
type StickerVenue struct {
	ID           uuid.UUID
	Name         string
	Category     vocab.Category
	PublicCode   string
	Station      string
	StationPhone string
}

// MaxStickers is the most stickers one batch PDF holds (a station's venues,
// printed in a few files when it has more: about 150 KB a page).
const MaxStickers = 2000

const stickerSelect = `SELECT v.id, v.name, v.category, v.public_code, s.name AS station, s.phone AS station_phone
	FROM venues v JOIN org_units g ON g.id = v.grid_id JOIN org_units s ON s.id = g.parent_id`

// VenueSticker is the sticker of one venue in scope.
func VenueSticker(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (StickerVenue, error) {
	if _, err := GetVenue(ctx, db, actor, id); err != nil {
		return StickerVenue{}, err
	}
	var out StickerVenue
	err := db.WithContext(ctx).Raw(stickerSelect+" WHERE v.id = ?", id).Scan(&out).Error
	return out, translate(err, "read sticker")
}

// UnitStickers are the stickers of the active venues under an org unit in
// scope (a grid, a station, …), by grid and name; more than MaxStickers is
// a ValidationError on org_unit_id.
func UnitStickers(ctx context.Context, db *gorm.DB, actor Actor, unitID uuid.UUID) ([]StickerVenue, error) {
	if _, err := GetOrgUnit(ctx, db, actor, unitID); err != nil {
		return nil, err
	}
	cond, args := actor.ScopeSQL("v.grid_id")
	var out []StickerVenue
	err := db.WithContext(ctx).Raw(stickerSelect+` WHERE v.status = 'active' AND g.path @> ARRAY[?]::uuid[] AND `+cond+`
		ORDER BY v.grid_id, v.name, v.id LIMIT ?`, append(append([]any{unitID}, args...), MaxStickers+1)...).Scan(&out).Error
	if err != nil {
		return nil, translate(err, "list stickers")
	}
	if len(out) > MaxStickers {
		return nil, Invalid("org_unit_id", "has more than %d venues: print its grids one by one", MaxStickers)
	}
	if len(out) == 0 {
		return nil, Invalid("org_unit_id", "has no active venues to print")
	}
	return out, nil
}
