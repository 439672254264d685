package models

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// NextNumber is nextNumber, for the numbering tests of package models_test
// (which need a database, so apptest, which imports this package).
var NextNumber = nextNumber

// StationAgencyCode is the agency code stationOf finds for a grid.
func StationAgencyCode(ctx context.Context, tx *gorm.DB, grid uuid.UUID) (string, error) {
	s, err := stationOf(ctx, tx, grid)
	return s.AgencyCode, err
}
