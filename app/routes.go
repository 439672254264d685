package app

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/handlers"
)

// routes lists every endpoint under /api/v1. Everything but login, refresh
// and the vocabulary needs a valid access token; every other POST honours
// Idempotency-Key; a write keeps its user's heavy reads on the primary
// until a read replica has it.
func routes(r fiber.Router, api *handlers.API, auth, idem, writes fiber.Handler) {
	// Login and refresh answer with credentials, which are not stored for
	// replay: they ignore Idempotency-Key.
	r.Post("/auth/login", api.Login)
	r.Post("/auth/refresh", api.Refresh)
	// The vocabulary is public: the console reads it before logging in.
	r.Get("/vocabulary", handlers.Vocabulary)
	// The public side (场所码) needs no account: a venue's code or a
	// report's tracking code is the whole key (rate-limited, see docs/API.md).
	r.Post("/public/venues/:public_code/reports", api.CreatePublicReport)
	r.Get("/public/reports/:tracking_code", api.GetPublicReport)

	// An owner's invitation is opened without an account: the link's token
	// asks for a one-time code and confirms it, which sets the owner cookie.
	// Like login, they ignore Idempotency-Key (a credential is never stored
	// for replay); the owner's own POSTs honour it, keyed by their session.
	r.Post("/public/owner-invites/:token/code", handlers.PublicHeaders, api.SendOwnerCode)
	r.Post("/public/owner-invites/:token/confirm", handlers.PublicHeaders, api.ConfirmOwnerCode)

	// The owner API accepts an owner session's cookie, and nothing else. It
	// is registered before the staff middleware, which never sees it; each
	// route names api.OwnerAuth (a group middleware would match by prefix,
	// /owner-invites too).
	o := r.Group("/owner")
	o.Get("/venue", api.OwnerAuth, api.OwnerHome)
	o.Post("/logout", api.OwnerAuth, idem, api.OwnerLogout)
	o.Get("/hazards", api.OwnerAuth, api.OwnerHazards)
	o.Post("/hazards/:id/fix", api.OwnerAuth, idem, api.OwnerFix)
	o.Post("/hazards/:id/reinspection-request", api.OwnerAuth, idem, api.OwnerReinspection)
	o.Post("/hazards/:id/extensions", api.OwnerAuth, idem, api.OwnerExtension)
	o.Get("/documents", api.OwnerAuth, api.OwnerDocuments)
	o.Get("/documents/:id", api.OwnerAuth, api.OwnerDocument)
	o.Get("/documents/:id/pdf", api.OwnerAuth, api.OwnerDocumentPDF)
	o.Post("/documents/:id/sign", api.OwnerAuth, idem, api.OwnerSign)
	o.Post("/service-consent", api.OwnerAuth, idem, api.OwnerConsent)
	o.Get("/checklist", api.OwnerAuth, api.OwnerChecklist)
	o.Get("/self-inspections", api.OwnerAuth, api.OwnerSelfInspections)
	o.Post("/self-inspections", api.OwnerAuth, idem, api.FileSelfInspection)
	o.Post("/photos", api.OwnerAuth, idem, api.UploadPhoto)
	o.Get("/photos/:id", api.OwnerAuth, api.GetPhoto)

	r.Use(auth, idem, writes)
	r.Post("/auth/logout", api.Logout)
	r.Get("/me", api.Me)
	r.Get("/clock", api.Clock)

	r.Get("/org-units", api.ListOrgUnits)
	r.Post("/org-units", api.CreateOrgUnit)
	r.Get("/org-units/:id", api.GetOrgUnit)
	r.Patch("/org-units/:id", api.PatchOrgUnit)

	r.Get("/users", api.ListUsers)
	r.Post("/users", api.CreateUser)
	r.Get("/users/:id", api.GetUser)
	r.Patch("/users/:id", api.PatchUser)
	r.Put("/users/:id/grids", api.PutUserGrids)

	r.Get("/venues", api.ListVenues)
	r.Get("/venues/points", api.VenuePoints)
	r.Post("/venues", api.CreateVenue)
	r.Get("/venues/:id", api.GetVenue)
	r.Patch("/venues/:id", api.PatchVenue)
	r.Get("/venues/:id/history", api.VenueHistory)
	r.Post("/venues/:id/reclassifications", api.FileReclassification)
	r.Post("/venues/:id/service-consent", api.RecordServiceConsent)
	r.Post("/venues/:id/public-code", api.RotatePublicCode)
	r.Get("/venues/:id/sticker.pdf", api.VenueSticker)
	r.Get("/stickers.pdf", api.Stickers)

	r.Get("/reports", api.ListReports)
	r.Post("/reports", api.CreateReport)
	r.Get("/reports/:id", api.GetReport)
	r.Post("/reports/:id/venue", api.ReportVenue)
	r.Post("/reports/:id/link", api.LinkReport)
	r.Post("/reports/:id/close", api.CloseReport)
	r.Post("/venues/:id/owner-invites", api.CreateOwnerInvite)
	r.Get("/venues/:id/owner-invites", api.ListOwnerInvites)
	r.Get("/venues/:id/owner-sessions", api.ListOwnerSessions)
	r.Get("/venues/:id/self-inspections", api.ListSelfInspections)
	r.Post("/owner-invites/:id/revoke", api.RevokeOwnerInvite)
	r.Delete("/owner-sessions/:id", api.RevokeOwnerSession)

	r.Get("/reclassifications", api.ListReclassifications)
	r.Get("/reclassifications/:id", api.GetReclassification)
	r.Post("/reclassifications/:id/approve", api.ApproveReclassification)
	r.Post("/reclassifications/:id/reject", api.RejectReclassification)

	r.Get("/policy", api.GetPolicy)
	r.Put("/policy", api.PutPolicy)
	r.Get("/calendar/:year", api.GetCalendar)
	r.Put("/calendar/:year", api.PutCalendar)
	r.Post("/schedules/generate", api.Generate)

	r.Get("/inspections", api.ListInspections)
	r.Post("/inspections", api.CreateInspection)
	r.Get("/inspections/:id", api.GetInspection)
	r.Post("/inspections/:id/start", api.StartInspection)
	r.Post("/inspections/:id/submit", api.SubmitInspection)
	r.Post("/inspections/:id/approve", api.ApproveInspection)
	r.Post("/inspections/:id/return", api.ReturnInspection)

	r.Get("/hazards", api.ListHazards)
	r.Get("/hazards/:id", api.GetHazard)
	r.Post("/hazards/:id/rectify", api.RectifyHazard)
	r.Post("/hazards/:id/verify", api.VerifyHazard)
	r.Post("/hazards/:id/extensions", api.RequestExtension)

	r.Get("/extensions/:id", api.GetExtension)
	r.Post("/extensions/:id/approve", api.ApproveExtension)
	r.Post("/extensions/:id/reject", api.RejectExtension)

	r.Get("/documents", api.ListDocuments)
	r.Get("/documents/:id", api.GetDocument)
	r.Get("/documents/:id/pdf", api.DocumentPDF)
	r.Post("/documents/:id/service", api.ServeDocument)
	r.Post("/documents/:id/void", api.VoidDocument)
	r.Post("/documents/:id/issue", api.IssueDocument)
	r.Post("/documents/:id/reissue", api.ReissueDocument)
	r.Get("/document-templates/:kind", api.GetDocumentTemplate)
	r.Put("/document-templates/:kind", api.PutDocumentTemplate)

	r.Get("/checklist-items", api.ListChecklistItems)
	r.Put("/checklist-items/:code", api.PutChecklistItem)
	r.Post("/photos", api.UploadPhoto)
	r.Get("/photos/:id", api.GetPhoto)
	r.Get("/sync/changes", api.SyncChanges)

	r.Get("/review/queue", api.ReviewQueue)
	r.Get("/stats/overview", api.StatsOverview)
	r.Get("/stats/grids", api.StatsGrids)
	r.Get("/stats/trends", api.StatsTrends)
	r.Get("/exports/inspections/count", api.CountInspections)
	r.Get("/exports/hazards/count", api.CountHazards)
	r.Get("/exports/documents/count", api.CountDocuments)
	r.Get("/exports/inspections.:format", api.ExportInspections)
	r.Get("/exports/hazards.:format", api.ExportHazards)
	r.Get("/exports/documents.:format", api.ExportDocuments)
	r.Get("/audit", api.ListAudit)

	r.Get("/webhooks", api.ListWebhooks)
	r.Post("/webhooks", api.CreateWebhook)
	r.Get("/webhooks/:id", api.GetWebhook)
	r.Patch("/webhooks/:id", api.PatchWebhook)
	r.Delete("/webhooks/:id", api.DeleteWebhook)
	r.Post("/webhooks/:id/rotate-secret", api.RotateWebhookSecret)
	r.Post("/webhooks/:id/test", api.TestWebhook)
	r.Get("/webhooks/:id/deliveries", api.ListDeliveries)
	r.Post("/deliveries/:id/retry", api.RetryDelivery)
}
