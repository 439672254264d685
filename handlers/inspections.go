package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// ListInspections answers GET /inspections.
func (a *API) ListInspections(c *fiber.Ctx) error {
	q := newQuery(c)
	f := inspectionFilter(q)
	// The range of the dashboard's figures (a ledger has its own from and to).
	f.DueFrom, f.DueTo = q.date("due_from"), q.date("due_to")
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListInspectionsJSON(c.UserContext(), a.DB, actor(c), f, page, a.today(), MarshalJSON)
	if err != nil {
		return err
	}
	defer list.Release() // writeJSON copies the answer into the response
	return writeJSON(c, list.List)
}

// GetInspection answers GET /inspections/{id}.
func (a *API) GetInspection(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	in, err := models.GetInspection(c.UserContext(), a.DB, actor(c), id, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, in.Version, in)
}

// date reads a YYYY-MM-DD parameter.
func (q *query) date(name string) *schedules.Date {
	s := q.one(name)
	if s == "" {
		return nil
	}
	d, err := schedules.ParseDate(s)
	q.errs.Add(err != nil, name, "must be a date as YYYY-MM-DD")
	if err != nil {
		return nil
	}
	return &d
}

// inspectionFilter reads the filters of GET /inspections.
func inspectionFilter(q *query) models.InspectionFilter {
	f := models.InspectionFilter{
		Overdue: q.boolPtr("overdue"), Kind: vocab.InspectionKind(q.str("kind")), VenueID: q.uuid("venue_id"), GridID: q.uuid("grid_id"),
		Near: q.latLng("near"), DueBefore: q.date("due_before"), AssigneeID: q.uuid("assignee_id"),
		Planned: q.boolPtr("planned"), OrgUnitID: q.uuid("org_unit_id"),
	}
	if mine := q.boolPtr("mine"); mine != nil {
		f.Mine = *mine
	}
	for _, st := range q.list("status") {
		f.Statuses = append(f.Statuses, vocab.InspectionStatus(st))
	}
	return f
}

type adHocRequest struct {
	ID      string `json:"id" validate:"omitempty,uuid"`
	VenueID string `json:"venue_id" validate:"required,uuid"`
	Notes   string `json:"notes"`
}

// CreateInspection answers POST /inspections: an ad hoc inspection.
func (a *API) CreateInspection(c *fiber.Ctx) error {
	var req adHocRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := models.CreateAdHoc(c.UserContext(), a.DB, actor(c), models.NewAdHoc{ID: parseID(req.ID), VenueID: parseID(req.VenueID), Notes: req.Notes}, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusCreated, in.Version, in)
}

type startRequest struct {
	Lat       *float64 `json:"lat" validate:"required"`
	Lng       *float64 `json:"lng" validate:"required"`
	AccuracyM *float64 `json:"accuracy_m"`
}

// StartInspection answers POST /inspections/{id}/start.
func (a *API) StartInspection(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req startRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := models.StartInspection(c.UserContext(), a.DB, actor(c), id, models.Position{Lat: *req.Lat, Lng: *req.Lng, AccuracyM: req.AccuracyM}, a.Rules, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, in.Version, in)
}

type checklistAnswer struct {
	ItemCode string            `json:"item_code" validate:"required"`
	Result   vocab.CheckResult `json:"result" validate:"required"`
	Note     string            `json:"note"`
}

type hazardRequest struct {
	ID          string         `json:"id" validate:"required,uuid"`
	Code        string         `json:"code" validate:"required"`
	Severity    vocab.Severity `json:"severity" validate:"required"`
	Description string         `json:"description" validate:"required"`
	PhotoIDs    []string       `json:"photo_ids" validate:"max=20,dive,uuid"`
	FixMode     vocab.FixMode  `json:"fix_mode" validate:"required"`
	// Deadline is read as a string so that a malformed date is an error
	// on this field, not an unreadable body.
	Deadline *string `json:"deadline" validate:"omitempty,datetime=2006-01-02"`
}

type resolutionRequest struct {
	HazardID    string   `json:"hazard_id" validate:"required,uuid"`
	Fixed       *bool    `json:"fixed" validate:"required"`
	Description string   `json:"description"`
	PhotoIDs    []string `json:"photo_ids" validate:"max=20,dive,uuid"`
}

type submitRequest struct {
	Checklist   []checklistAnswer   `json:"checklist" validate:"required,max=100,dive"`
	Hazards     []hazardRequest     `json:"hazards" validate:"max=50,dive"`
	Resolutions []resolutionRequest `json:"resolutions" validate:"max=50,dive"`
	Notes       string              `json:"notes"`
}

// SubmitInspection answers POST /inspections/{id}/submit.
func (a *API) SubmitInspection(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req submitRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	s := models.Submission{Notes: req.Notes, Checklist: models.ChecklistAnswers{}}
	for _, ans := range req.Checklist {
		s.Checklist = append(s.Checklist, models.ChecklistAnswer{ItemCode: ans.ItemCode, Result: ans.Result, Note: ans.Note})
	}
	for i, h := range req.Hazards {
		var deadline *schedules.Date
		if h.Deadline != nil {
			d, err := schedules.ParseDate(*h.Deadline)
			if err != nil {
				return models.Invalid("hazards["+strconv.Itoa(i)+"].deadline", "must be a date as YYYY-MM-DD")
			}
			deadline = &d
		}
		s.Hazards = append(s.Hazards, models.NewHazard{ID: parseID(h.ID), Code: h.Code, Severity: h.Severity, Description: h.Description,
			PhotoIDs: parseIDs(h.PhotoIDs), FixMode: h.FixMode, Deadline: deadline})
	}
	for _, r := range req.Resolutions {
		s.Resolutions = append(s.Resolutions, models.Resolution{HazardID: parseID(r.HazardID), Fixed: *r.Fixed, Description: r.Description,
			PhotoIDs: parseIDs(r.PhotoIDs)})
	}
	in, err := models.SubmitInspection(c.UserContext(), a.DB, actor(c), id, s, a.Rules, a.today(), a.Now())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, in.Version, in)
}

type reviewRequest struct {
	Comment string `json:"comment" validate:"max=2000"`
}

// ApproveInspection answers POST /inspections/{id}/approve.
func (a *API) ApproveInspection(c *fiber.Ctx) error { return a.review(c, true) }

// ReturnInspection answers POST /inspections/{id}/return.
func (a *API) ReturnInspection(c *fiber.Ctx) error { return a.review(c, false) }

func (a *API) review(c *fiber.Ctx, approve bool) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req reviewRequest
	if len(c.Body()) > 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
	}
	in, err := models.ReviewInspection(c.UserContext(), a.DB, actor(c), id, approve, req.Comment, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, in.Version, in)
}
