// Package migrations holds Jiuxiao's versioned SQL schema, embedded in the
// binary and applied in order by goose (see app.Migrate).
package migrations

import "embed"

// FS holds every NNNNN_name.sql file of this folder.
//
//go:embed *.sql
var FS embed.FS
