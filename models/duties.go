package models

import "github.com/google/uuid"

// This file is separation of duties: who may decide on whose work. Every
// path that verifies or approves asks MayDecide, so the rule is written once.

// Decision is a kind of decision on someone else's work.
type Decision int

// The decisions.
const (
	// VerifyFix accepts or rejects a recorded fix (POST /hazards/{id}/verify).
	VerifyFix Decision = iota + 1
	// ConfirmFix is a reinspection's finding that a fix holds, which
	// verifies it. The officer of the reinspection may confirm a fix that
	// someone else recorded; their own fix waits for a supervisor.
	ConfirmFix
	// ReviewSubmission approves or returns a submitted inspection.
	ReviewSubmission
	// DecideProposal approves or rejects a pending reclassification.
	DecideProposal
	// GrantExtension approves or rejects a request to extend a deadline.
	GrantExtension
	// ApproveNotice issues a deadline_order that waited for approval.
	ApproveNotice
	// VoidPaper voids a document (作废), with a reason.
	VoidPaper
	// VerifyOwnerFix accepts or rejects a fix that the venue's owner
	// recorded (整改回执): an officer in scope may, as a supervisor may.
	VerifyOwnerFix
)

// decisionRule is who may take a decision, and what each refusal says.
type decisionRule struct {
	anyRole bool   // not only supervisors and admins
	notRole string // said to a role that may not decide
	ownWork string // said to whoever did the work
}

var decisionRules = map[Decision]decisionRule{
	VerifyFix: {notRole: "only a supervisor or an admin verifies a fix",
		ownWork: "you recorded this fix; someone else verifies it"},
	ConfirmFix: {anyRole: true,
		ownWork: "you recorded this fix; a supervisor verifies it"},
	ReviewSubmission: {notRole: "only a supervisor or an admin reviews an inspection",
		ownWork: "you did this inspection; someone else reviews it"},
	DecideProposal: {notRole: "only a supervisor or an admin decides a reclassification",
		ownWork: "you filed this reclassification; someone else decides it"},
	GrantExtension: {notRole: "only a supervisor or an admin decides an extension",
		ownWork: "you asked for this extension; someone else decides it"},
	ApproveNotice: {notRole: "only a supervisor or an admin approves a notice",
		ownWork: "you made this notice; someone else approves it"},
	VoidPaper:      {notRole: "only a supervisor or an admin voids a document"},
	VerifyOwnerFix: {anyRole: true},
}

// MayDecide is nil when the actor may take decision d on work done by
// doneBy (nil: by nobody, such as the generator's escalation), else an
// ErrForbidden saying why: supervisors and admins decide (a reinspection's
// officer too, for ConfirmFix), and nobody decides on their own work.
func (a Actor) MayDecide(d Decision, doneBy *uuid.UUID) error {
	r, ok := decisionRules[d]
	if !ok {
		panic("models: unknown decision")
	}
	if a.IsOwner() {
		return forbidden("an owner decides nothing; an officer or a supervisor does")
	}
	if !r.anyRole && !a.CanDecide() {
		return forbidden(r.notRole)
	}
	if doneBy != nil && *doneBy == a.UserID {
		return forbidden(r.ownWork)
	}
	return nil
}

// FilingDecides reports whether a reclassification the actor files is
// their decision too, applied at once: filed by a supervisor or an admin.
// One filed by an officer waits for DecideReclassification.
func (a Actor) FilingDecides() bool { return a.CanDecide() }

// IsService reports whether the actor is the service itself (the zero
// Actor): the cron and the command line, with no user behind them.
func (a Actor) IsService() bool { return a.UserID == uuid.Nil && a.Role == "" }

// MayGenerate is nil when the actor may run schedule generation: an admin,
// or the service itself.
func (a Actor) MayGenerate() error {
	if a.IsAdmin() || a.IsService() {
		return nil
	}
	return forbidden("only an admin runs schedule generation")
}

// MayWorkOn is nil when the actor may carry on an inspection started by
// assignee (submit it): only the officer who started it.
func (a Actor) MayWorkOn(assignee *uuid.UUID) error {
	if assignee == nil || *assignee != a.UserID {
		return forbidden("only the officer who started the inspection submits it")
	}
	return nil
}
