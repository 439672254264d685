package models

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"
)

// codePattern is the shape of an org unit's code (it also names the demo
// accounts, sup-<station code> and off-<grid code>).
var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

// newID makes a time-ordered (version 7) UUID for a row the server creates.
func newID() uuid.UUID {
	return uuid.Must(uuid.NewV7())
}

// forUpdate locks the rows a query reads until the transaction ends. NO KEY
// UPDATE (no key is ever changed) lets foreign-key checks of other
// transactions through, such as a generation run's inserts for a venue that
// a level change has locked.
var forUpdate = clause.Locking{Strength: "NO KEY UPDATE"}

// Fixed ids under which the audit trail records changes to singletons.
var policyEntity = uuid.MustParse("00000000-0000-7000-8000-000000000001")

// calendarEntity is the audit id of one year's calendar.
func calendarEntity(year int) uuid.UUID {
	return uuid.MustParse("00000000-0000-7000-8001-" + fmt.Sprintf("%012d", year))
}

func itoa(i int) string { return strconv.Itoa(i) }
