package models

import (
	"slices"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// EventType names a kind of event of the outbox (SPEC, "Events and
// notifications"). This file is the one list of them: subscriptions name
// them, the outbox writes them, docs/EVENTS.md shows each.
type EventType string

// The contract's event types. Those of documents, reports and extensions
// come with later issues; they are defined here so that a subscription can
// name them already.
const (
	EventInspectionSubmitted     EventType = "inspection.submitted"
	EventInspectionApproved      EventType = "inspection.approved"
	EventInspectionReturned      EventType = "inspection.returned"
	EventInspectionCancelled     EventType = "inspection.cancelled"
	EventHazardFound             EventType = "hazard.found"
	EventHazardRectified         EventType = "hazard.rectified"
	EventHazardVerified          EventType = "hazard.verified"
	EventHazardReopened          EventType = "hazard.reopened"
	EventHazardOverdue           EventType = "hazard.overdue"
	EventDocumentIssued          EventType = "document.issued"
	EventDocumentServed          EventType = "document.served"
	EventDocumentVoided          EventType = "document.voided"
	EventReclassificationFiled   EventType = "reclassification.filed"
	EventReclassificationDecided EventType = "reclassification.decided"
	EventReportReceived          EventType = "report.received"
	EventReportOverdue           EventType = "report.overdue"
	EventReportClosed            EventType = "report.closed"
	EventExtensionRequested      EventType = "extension.requested"
	EventExtensionDecided        EventType = "extension.decided"
	EventScheduleGenerated       EventType = "schedule.generated"
)

// The other changes the audit trail records: every audited change is an
// event, so these name the rest.
const (
	EventInspectionCreated    EventType = "inspection.created"
	EventInspectionStarted    EventType = "inspection.started"
	EventHazardCorrected      EventType = "hazard.corrected"
	EventHazardReinspected    EventType = "hazard.reinspected"
	EventVenueCreated         EventType = "venue.created"
	EventVenueUpdated         EventType = "venue.updated"
	EventVenueReclassified    EventType = "venue.reclassified"
	EventOrgUnitCreated       EventType = "org_unit.created"
	EventOrgUnitUpdated       EventType = "org_unit.updated"
	EventUserCreated          EventType = "user.created"
	EventUserUpdated          EventType = "user.updated"
	EventUserGridsChanged     EventType = "user.grids_changed"
	EventPhotoUploaded        EventType = "photo.uploaded"
	EventPolicyUpdated        EventType = "policy.updated"
	EventCalendarUpdated      EventType = "calendar.updated"
	EventWebhookCreated       EventType = "webhook.created"
	EventWebhookUpdated       EventType = "webhook.updated"
	EventWebhookDeleted       EventType = "webhook.deleted"
	EventDocumentDrafted      EventType = "document.drafted"
	EventHazardExtended       EventType = "hazard.extended"
	EventConsentRecorded      EventType = "service_consent.recorded"
	EventTemplateUpdated      EventType = "document_template.updated"
	EventChecklistUpdated     EventType = "checklist_item.updated"
	EventWebhookSecretRotated EventType = "webhook.secret_rotated"
	EventVenueCodeRotated     EventType = "venue.public_code_rotated"
	EventReportVenueCreated   EventType = "report.venue_created"
	EventReportVenueLinked    EventType = "report.venue_linked"
	EventOwnerInvited         EventType = "owner_invite.created"
	EventOwnerInviteRevoked   EventType = "owner_invite.revoked"
	EventOwnerSessionStarted  EventType = "owner_session.created"
	EventOwnerSessionRevoked  EventType = "owner_session.revoked"
	EventReinspectionApplied  EventType = "hazard.reinspection_requested"
	EventSelfInspectionFiled  EventType = "self_inspection.filed"
)

// EventWebhookTest is the event POST /webhooks/{id}/test sends to that
// subscription alone; no subscription names it.
const EventWebhookTest EventType = "webhook.test"

// EventTypes are the types a subscription may name, in the order of the docs.
var EventTypes = []EventType{
	EventInspectionCreated, EventInspectionStarted, EventInspectionSubmitted, EventInspectionApproved, EventInspectionReturned, EventInspectionCancelled,
	EventHazardFound, EventHazardRectified, EventHazardVerified, EventHazardReopened, EventHazardReinspected, EventHazardCorrected, EventHazardOverdue,
	EventReclassificationFiled, EventReclassificationDecided, EventScheduleGenerated,
	EventDocumentIssued, EventDocumentServed, EventDocumentVoided,
	EventReportReceived, EventReportOverdue, EventReportClosed,
	EventExtensionRequested, EventExtensionDecided,
	EventVenueCreated, EventVenueUpdated, EventVenueReclassified,
	EventOrgUnitCreated, EventOrgUnitUpdated, EventUserCreated, EventUserUpdated, EventUserGridsChanged,
	EventPhotoUploaded, EventPolicyUpdated, EventCalendarUpdated,
	EventWebhookCreated, EventWebhookUpdated, EventWebhookDeleted, EventWebhookSecretRotated,
	EventDocumentDrafted, EventHazardExtended, EventConsentRecorded, EventTemplateUpdated, EventChecklistUpdated,
	EventVenueCodeRotated, EventReportVenueCreated, EventReportVenueLinked,
	EventOwnerInvited, EventOwnerInviteRevoked, EventOwnerSessionStarted, EventOwnerSessionRevoked,
	EventReinspectionApplied, EventSelfInspectionFiled,
}

// Valid reports whether a subscription may name t.
func (t EventType) Valid() bool { return slices.Contains(EventTypes, t) }

// eventRule says which event an audited change makes: the audit row's
// entity and action, and, when set, the subject's status before and after
// (the "status" of the row's before and after). One change may make two
// events (a reinspection that records a fix and verifies it); ord orders
// them.
type eventRule struct {
	entity, action string
	from, to       string
	typ            EventType
	ord            int
}

// eventRules maps every audited change to its events. auditEach refuses an
// action without a rule, and the tests check that every audit row they make
// has its event.
var eventRules = []eventRule{
	{entity: "inspection", action: "create", typ: EventInspectionCreated},
	{entity: "inspection", action: ActStart, typ: EventInspectionStarted},
	{entity: "inspection", action: ActSubmit, typ: EventInspectionSubmitted},
	{entity: "inspection", action: ActApprove, typ: EventInspectionApproved},
	{entity: "inspection", action: ActReturn, typ: EventInspectionReturned},
	{entity: "inspection", action: ActCancel, typ: EventInspectionCancelled},

	{entity: "hazard", action: "create", typ: EventHazardFound},
	{entity: "hazard", action: "create", to: string(vocab.HazardRectified), typ: EventHazardRectified, ord: 1}, // fixed on site
	{entity: "hazard", action: ActRectify, typ: EventHazardRectified},
	{entity: "hazard", action: ActVerify, typ: EventHazardVerified},
	{entity: "hazard", action: ActRejectFix, typ: EventHazardReopened},
	{entity: "hazard", action: "correct", typ: EventHazardCorrected},
	{entity: "hazard", action: "overdue", typ: EventHazardOverdue},
	// A reinspection's finding (actor.Resolve), by what it did.
	{entity: "hazard", action: "resolve", from: string(vocab.HazardRectified), to: string(vocab.HazardOpen), typ: EventHazardReopened},
	{entity: "hazard", action: "resolve", from: string(vocab.HazardVerified), to: string(vocab.HazardOpen), typ: EventHazardReopened},
	{entity: "hazard", action: "resolve", from: string(vocab.HazardOpen), to: string(vocab.HazardOpen), typ: EventHazardReinspected},
	{entity: "hazard", action: "resolve", from: string(vocab.HazardOpen), to: string(vocab.HazardRectified), typ: EventHazardRectified},
	{entity: "hazard", action: "resolve", from: string(vocab.HazardOpen), to: string(vocab.HazardVerified), typ: EventHazardRectified},
	{entity: "hazard", action: "resolve", from: string(vocab.HazardOpen), to: string(vocab.HazardVerified), typ: EventHazardVerified, ord: 1},
	{entity: "hazard", action: "resolve", from: string(vocab.HazardRectified), to: string(vocab.HazardVerified), typ: EventHazardVerified},
	{entity: "hazard", action: "resolve", from: string(vocab.HazardRectified), to: string(vocab.HazardRectified), typ: EventHazardReinspected},
	{entity: "hazard", action: "resolve", from: string(vocab.HazardVerified), to: string(vocab.HazardVerified), typ: EventHazardReinspected},

	{entity: "reclassification", action: "create", typ: EventReclassificationFiled},
	{entity: "reclassification", action: "create", to: string(vocab.ReclassApproved), typ: EventReclassificationDecided, ord: 1}, // a supervisor's own
	{entity: "reclassification", action: "escalate", typ: EventReclassificationFiled},
	{entity: "reclassification", action: ActApproveReclass, typ: EventReclassificationDecided},
	{entity: "reclassification", action: ActRejectReclass, typ: EventReclassificationDecided},

	{entity: "schedule_run", action: "generate", typ: EventScheduleGenerated},
	{entity: "venue", action: "create", typ: EventVenueCreated},
	{entity: "venue", action: "update", typ: EventVenueUpdated},
	{entity: "venue", action: "reclassify", typ: EventVenueReclassified},
	{entity: "org_unit", action: "create", typ: EventOrgUnitCreated},
	{entity: "org_unit", action: "update", typ: EventOrgUnitUpdated},
	{entity: "user", action: "create", typ: EventUserCreated},
	{entity: "user", action: "update", typ: EventUserUpdated},
	{entity: "user", action: "set_grids", typ: EventUserGridsChanged},
	{entity: "user", action: "unassign_grid", typ: EventUserGridsChanged},
	{entity: "photo", action: "create", typ: EventPhotoUploaded},
	{entity: "policy", action: "update", typ: EventPolicyUpdated},
	{entity: "calendar", action: "update", typ: EventCalendarUpdated},
	{entity: "webhook", action: "create", typ: EventWebhookCreated},
	{entity: "webhook", action: "update", typ: EventWebhookUpdated},
	{entity: "webhook", action: "delete", typ: EventWebhookDeleted},
	{entity: "webhook", action: "rotate_secret", typ: EventWebhookSecretRotated},

	{entity: "document", action: ActDraft, typ: EventDocumentDrafted},
	{entity: "document", action: ActIssue, typ: EventDocumentIssued},
	{entity: "document", action: ActServe, typ: EventDocumentServed},
	{entity: "document", action: ActVoid, typ: EventDocumentVoided},
	{entity: "extension", action: ActRequestExtension, typ: EventExtensionRequested},
	{entity: "extension", action: ActApproveExtension, typ: EventExtensionDecided},
	{entity: "extension", action: ActRejectExtension, typ: EventExtensionDecided},
	{entity: "hazard", action: "extend", typ: EventHazardExtended},
	{entity: "service_consent", action: "record", typ: EventConsentRecorded},
	{entity: "document_template", action: "update", typ: EventTemplateUpdated},
	{entity: "checklist_item", action: "update", typ: EventChecklistUpdated},

	{entity: "venue", action: "rotate_public_code", typ: EventVenueCodeRotated},
	{entity: "report", action: "receive", typ: EventReportReceived},
	{entity: "report", action: "close", typ: EventReportClosed},
	{entity: "report", action: "overdue", typ: EventReportOverdue},
	{entity: "report", action: "create_venue", typ: EventReportVenueCreated},
	{entity: "report", action: "link_venue", typ: EventReportVenueLinked},
	{entity: "owner_invite", action: "create", typ: EventOwnerInvited},
	{entity: "owner_invite", action: "revoke", typ: EventOwnerInviteRevoked},
	{entity: "owner_session", action: "create", typ: EventOwnerSessionStarted},
	{entity: "owner_session", action: "revoke", typ: EventOwnerSessionRevoked},
	{entity: "hazard", action: ActRequestReinspection, typ: EventReinspectionApplied},
	{entity: "self_inspection", action: "create", typ: EventSelfInspectionFiled},
}

// rulesOf are the rules of one entity and action.
func rulesOf(entity, action string) []eventRule {
	var out []eventRule
	for _, r := range eventRules {
		if r.entity == entity && r.action == action {
			out = append(out, r)
		}
	}
	return out
}
