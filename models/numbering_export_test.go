package models

// NextNumber is nextNumber, for the numbering tests of package models_test
// (which need a database, so apptest, which imports this package).
var NextNumber = nextNumber
