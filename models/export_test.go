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

// InspectionRowsByStruct is inspectionRowsByStruct's count.
func InspectionRowsByStruct() int64 { return inspectionRowsByStruct.Load() }

// WriteInspectionValue is the list writer's value of one column
// (appendValue): kind is one of uuid, text, date, time, float, bool, int,
// checklist, uuids and json; v is the column's value in the binary format.
func WriteInspectionValue(kind string, v []byte) ([]byte, bool) {
	kinds := map[string]valueKind{"uuid": kindUUID, "text": kindText, "date": kindDate, "time": kindTime, "float": kindFloat,
		"bool": kindBool, "int": kindInt, "checklist": kindChecklist, "uuids": kindUUIDs, "json": kindJSON}
	k, ok := kinds[kind]
	if !ok {
		panic("no kind " + kind)
	}
	return appendValue(nil, k, true, v)
}
