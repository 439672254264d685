package models

// SetOutbox turns the outbox off or on, for the benchmark that measures
// what it costs a write; it returns the function that puts it back.
func SetOutbox(on bool) func() {
	was := outboxOn
	outboxOn = on
	return func() { outboxOn = was }
}

// Audit is audit, for the benchmark of one audited write.
var Audit = audit
