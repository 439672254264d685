package models

import (
	"slices"

	"github.com/google/uuid"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// This file is the life of an inspection, a hazard and a reclassification:
// which action moves which status to which. The writes ask Step before they
// change a status; the audit trail names the action.

// step is one action of a life cycle: the statuses it starts from, the one
// it leads to, and the conflict's message when the status is another (%s is
// the status now).
type step[S ~string] struct {
	from   []S
	to     S
	refuse string
}

// lifeCycle maps each action to its step; S is the status type
// (vocab.InspectionStatus, vocab.HazardStatus, …).
type lifeCycle[S ~string] map[string]step[S]

// Step is the status that action leads to from status from, or a
// ConflictError on "status" when the action does not apply to it.
func (lc lifeCycle[S]) Step(action string, from S) (S, error) {
	s, ok := lc[action]
	if !ok {
		panic("models: unknown action " + action)
	}
	if !slices.Contains(s.from, from) {
		return "", Conflict("status", s.refuse, from)
	}
	return s.to, nil
}

// Inspection actions.
const (
	ActStart   = "start"
	ActSubmit  = "submit"
	ActApprove = "approve"
	ActReturn  = "return"
	ActCancel  = "cancel"
)

// InspectionLife: scheduled → in_progress → submitted → approved, or
// returned to its officer, who submits it again; only a scheduled one is
// cancelled (rule 2, or its venue closing).
var InspectionLife = lifeCycle[vocab.InspectionStatus]{
	ActStart:   {[]vocab.InspectionStatus{vocab.Scheduled}, vocab.InProgress, "the inspection is %s; only a scheduled one can start"},
	ActSubmit:  {[]vocab.InspectionStatus{vocab.InProgress, vocab.Returned}, vocab.Submitted, "the inspection is %s; start it first, or it was submitted already"},
	ActApprove: {[]vocab.InspectionStatus{vocab.Submitted}, vocab.Approved, "only a submitted inspection can be reviewed; this one is %s"},
	ActReturn:  {[]vocab.InspectionStatus{vocab.Submitted}, vocab.Returned, "only a submitted inspection can be reviewed; this one is %s"},
	ActCancel:  {[]vocab.InspectionStatus{vocab.Scheduled}, vocab.Cancelled, "the inspection is %s; only a scheduled one is cancelled"},
}

// Hazard actions.
const (
	ActRectify   = "rectify"
	ActVerify    = "verify"
	ActRejectFix = "reject_fix"
	ActReopen    = "reopen"
)

// HazardLife: open → rectified (the fix is recorded) → verified, or back to
// open when the fix is rejected or a reinspection finds it undone.
var HazardLife = lifeCycle[vocab.HazardStatus]{
	ActRectify:   {[]vocab.HazardStatus{vocab.HazardOpen}, vocab.HazardRectified, "the hazard is %s already"},
	ActVerify:    {[]vocab.HazardStatus{vocab.HazardRectified}, vocab.HazardVerified, "only a rectified hazard can be verified; this one is %s"},
	ActRejectFix: {[]vocab.HazardStatus{vocab.HazardRectified}, vocab.HazardOpen, "only a rectified hazard can be verified; this one is %s"},
	ActReopen:    {[]vocab.HazardStatus{vocab.HazardOpen, vocab.HazardRectified, vocab.HazardVerified}, vocab.HazardOpen, "the hazard is %s"},
}

// Reclassification actions.
const (
	ActApproveReclass = "approve"
	ActRejectReclass  = "reject"
)

// ReclassificationLife: pending → approved or rejected, once.
var ReclassificationLife = lifeCycle[vocab.ReclassificationStatus]{
	ActApproveReclass: {[]vocab.ReclassificationStatus{vocab.ReclassPending}, vocab.ReclassApproved, "the reclassification is %s already"},
	ActRejectReclass:  {[]vocab.ReclassificationStatus{vocab.ReclassPending}, vocab.ReclassRejected, "the reclassification is %s already"},
}

// Resolving is what a reinspection finds of a hazard it was made for.
type Resolving struct {
	Fixed       bool
	Status      vocab.HazardStatus // the hazard's status now
	RectifiedBy *uuid.UUID         // who recorded its fix, if anyone
}

// Resolve is what the actor's reinspection does to the hazard, as the
// hazard actions to take in order: not fixed, it is reopened; fixed, its
// fix is recorded when it was open (by the actor), then verified when
// MayDecide(ConfirmFix) allows it — so a fix the actor recorded waits,
// rectified, for a supervisor — and a verified hazard stays as it is.
func (a Actor) Resolve(r Resolving) []string {
	if !r.Fixed {
		return []string{ActReopen}
	}
	var acts []string
	by := r.RectifiedBy
	switch r.Status {
	case vocab.HazardVerified:
		return nil
	case vocab.HazardOpen:
		acts = append(acts, ActRectify)
		by = &a.UserID
	}
	if a.MayDecide(ConfirmFix, by) == nil {
		acts = append(acts, ActVerify)
	}
	return acts
}
