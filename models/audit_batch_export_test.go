package models

// BatchAudits and AuditOne are batchAudits and audit, for the audit batch's
// tests in package models_test (which need a database, so apptest).
var (
	BatchAudits = batchAudits
	AuditOne    = audit
)
