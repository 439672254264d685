package handlers

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/forms"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	qrcode "github.com/skip2/go-qrcode"
)

// Venue owners (场所负责人). Staff invite them (POST /venues/{id}/owner-invites);
// the invitation's page asks for a one-time code (POST
// /public/owner-invites/{token}/code) and confirms it (…/confirm), which sets
// the owner cookie. The owner API under /owner/ accepts that cookie and
// nothing else; the staff API never accepts it (it reads bearer tokens only).
//
// The cookie is httpOnly, SameSite=Strict, Secure (but in development over
// plain HTTP), for the path /api/v1/owner only. Unsafe methods also need the
// header X-Requested-With, which another site's form cannot send and its
// scripts cannot send without a CORS preflight that is never granted: the
// scheme of the console's refresh cookie.
const (
	OwnerCookie     = "jx_owner"
	ownerCookiePath = "/api/v1/owner"
)

// setOwnerCookie stores an owner session's token; an empty token clears it.
func (a *API) setOwnerCookie(c *fiber.Ctx, token string, expires time.Time) {
	ck := &fiber.Cookie{Name: OwnerCookie, Value: token, Path: ownerCookiePath, HTTPOnly: true, Secure: !a.InsecureCookies,
		SameSite: fiber.CookieSameSiteStrictMode, Expires: expires}
	if token == "" {
		ck.Expires, ck.MaxAge = time.Unix(0, 0), -1
	}
	c.Cookie(ck)
}

// OwnerAuth lets through a request with a valid owner session cookie (and,
// for an unsafe method, X-Requested-With), with the owner as its actor.
func (a *API) OwnerAuth(c *fiber.Ctx) error {
	tok := c.Cookies(OwnerCookie)
	if tok == "" {
		return models.ErrUnauthorized
	}
	rid, _ := c.Locals("request_id").(string)
	act, err := models.VerifyOwnerSession(c.UserContext(), a.DB, tok, a.Now(), rid)
	if err != nil {
		return err
	}
	if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead && c.Get(cookieModeHeader) == "" {
		return models.Forbidden("send the header X-Requested-With with an owner's unsafe request (CSRF protection)")
	}
	c.Locals(ActorKey, act)
	return c.Next()
}

// inviteAnswer is a new invitation with its link as a QR code (a PNG data URL).
type inviteAnswer struct {
	models.OwnerInvite
	QRPNG string `json:"qr_png"`
}

// CreateOwnerInvite answers POST /venues/{id}/owner-invites.
func (a *API) CreateOwnerInvite(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	inv, err := models.CreateOwnerInvite(c.UserContext(), a.DB, actor(c), id, strings.TrimRight(a.Public.BaseURL, "/"), a.Now())
	if err != nil {
		return err
	}
	png, err := qrcode.Encode(inv.URL, qrcode.Medium, 256)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(inviteAnswer{OwnerInvite: inv, QRPNG: "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)})
}

// ListOwnerInvites answers GET /venues/{id}/owner-invites.
func (a *API) ListOwnerInvites(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	out, err := models.ListOwnerInvites(c.UserContext(), a.DB, actor(c), id, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}

// RevokeOwnerInvite answers POST /owner-invites/{id}/revoke.
func (a *API) RevokeOwnerInvite(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	out, err := models.RevokeOwnerInvite(c.UserContext(), a.DB, actor(c), id, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// ListOwnerSessions answers GET /venues/{id}/owner-sessions.
func (a *API) ListOwnerSessions(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	out, err := models.ListOwnerSessions(c.UserContext(), a.DB, actor(c), id, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}

// RevokeOwnerSession answers DELETE /owner-sessions/{id}.
func (a *API) RevokeOwnerSession(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	out, err := models.EndOwnerSession(c.UserContext(), a.DB, actor(c), id, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// ListSelfInspections answers GET /venues/{id}/self-inspections.
func (a *API) ListSelfInspections(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	out, err := models.ListSelfInspections(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}

// SendOwnerCode answers POST /public/owner-invites/{token}/code.
func (a *API) SendOwnerCode(c *fiber.Ctx) error {
	out, err := models.SendOwnerCode(c.UserContext(), a.DB, c.Params("token"), a.Now())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusAccepted).JSON(out)
}

type ownerCodeRequest struct {
	Code string `json:"code" validate:"required,max=16"`
}

// ConfirmOwnerCode answers POST /public/owner-invites/{token}/confirm: the
// right code sets the owner cookie.
func (a *API) ConfirmOwnerCode(c *fiber.Ctx) error {
	var req ownerCodeRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	rid, _ := c.Locals("request_id").(string)
	s, err := models.ConfirmOwnerCode(c.UserContext(), a.DB, c.Params("token"), strings.TrimSpace(req.Code), a.Now(), rid)
	if err != nil {
		return err
	}
	a.setOwnerCookie(c, s.Token, s.ExpiresAt)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(s)
}

// OwnerLogout answers POST /owner/logout: the session ends and the cookie is cleared.
func (a *API) OwnerLogout(c *fiber.Ctx) error {
	act := actor(c)
	if _, err := models.EndOwnerSession(c.UserContext(), a.DB, act, act.Owner.SessionID, a.Now()); err != nil {
		return err
	}
	a.setOwnerCookie(c, "", time.Time{})
	return c.SendStatus(fiber.StatusNoContent)
}

// OwnerHome answers GET /owner/venue.
func (a *API) OwnerHome(c *fiber.Ctx) error {
	out, err := models.OwnerHome(c.UserContext(), a.DB, actor(c), a.today())
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// OwnerHazards answers GET /owner/hazards.
func (a *API) OwnerHazards(c *fiber.Ctx) error {
	out, err := models.OwnerHazards(c.UserContext(), a.DB, actor(c), a.today())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}

type ownerFixRequest struct {
	Description string   `json:"description" validate:"required"`
	PhotoIDs    []string `json:"photo_ids" validate:"required,max=10,dive,uuid"`
}

// OwnerFix answers POST /owner/hazards/{id}/fix (整改回执).
func (a *API) OwnerFix(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req ownerFixRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	h, err := models.OwnerFix(c.UserContext(), a.DB, actor(c), id, req.Description, parseIDs(req.PhotoIDs), a.today())
	if err != nil {
		return err
	}
	return c.JSON(h)
}

// OwnerReinspection answers POST /owner/hazards/{id}/reinspection-request (复查申请).
func (a *API) OwnerReinspection(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	h, err := models.OwnerRequestReinspection(c.UserContext(), a.DB, actor(c), id, a.today())
	if err != nil {
		return err
	}
	return c.JSON(h)
}

// OwnerExtension answers POST /owner/hazards/{id}/extensions.
func (a *API) OwnerExtension(c *fiber.Ctx) error {
	id, req, err := readExtension(c)
	if err != nil {
		return err
	}
	e, err := models.OwnerExtension(c.UserContext(), a.DB, actor(c), id, req, a.Rules, a.today())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(e)
}

// OwnerDocuments answers GET /owner/documents.
func (a *API) OwnerDocuments(c *fiber.Ctx) error {
	q := newQuery(c)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.OwnerDocuments(c.UserContext(), a.DB, actor(c), page, a.today())
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// OwnerDocument answers GET /owner/documents/{id}.
func (a *API) OwnerDocument(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := models.OwnerDocument(c.UserContext(), a.DB, actor(c), id, a.today())
	if err != nil {
		return err
	}
	return c.JSON(d)
}

// OwnerDocumentPDF answers GET /owner/documents/{id}/pdf.
func (a *API) OwnerDocumentPDF(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, paper, err := models.OwnerDocumentPaper(c.UserContext(), a.DB, a.Blobs, actor(c), id, a.Loc, a.Now())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := forms.Render(&b, paper); err != nil {
		return err
	}
	title := d.Kind.ZH() + ".pdf"
	if d.Number != nil {
		title = *d.Number + ".pdf"
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+string(d.Kind)+"-"+d.ID.String()+`.pdf"; filename*=UTF-8''`+url.PathEscape(title))
	c.Set(fiber.HeaderETag, `"`+d.ID.String()+"-"+strconv.Itoa(d.Version)+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Send(b.Bytes())
}

type ownerSignRequest struct {
	Method           vocab.ServiceMethod `json:"method" validate:"required"`
	ReceivedBy       string              `json:"received_by"`
	SignaturePhotoID *string             `json:"signature_photo_id" validate:"omitempty,uuid"`
}

// OwnerSign answers POST /owner/documents/{id}/sign.
func (a *API) OwnerSign(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req ownerSignRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	d, err := models.OwnerSign(c.UserContext(), a.DB, actor(c), id, models.Service{Method: req.Method, ReceivedBy: req.ReceivedBy,
		SignaturePhotoID: parseIDPtr(req.SignaturePhotoID)}, a.Now(), a.today())
	if err != nil {
		return err
	}
	return c.JSON(d)
}

// OwnerConsent answers POST /owner/service-consent (送达地址确认书).
func (a *API) OwnerConsent(c *fiber.Ctx) error {
	var req consentRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	out, err := models.OwnerConsent(c.UserContext(), a.DB, actor(c), req.Address)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}

// OwnerChecklist answers GET /owner/checklist: the items of the venue's category.
func (a *API) OwnerChecklist(c *fiber.Ctx) error {
	home, err := models.OwnerHome(c.UserContext(), a.DB, actor(c), a.today())
	if err != nil {
		return err
	}
	items, err := models.ListChecklistItems(c.UserContext(), a.DB, home.Venue.Category)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// OwnerSelfInspections answers GET /owner/self-inspections.
func (a *API) OwnerSelfInspections(c *fiber.Ctx) error {
	out, err := models.ListSelfInspections(c.UserContext(), a.DB, actor(c), actor(c).Owner.VenueID)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}

type selfInspectionRequest struct {
	ID        string            `json:"id" validate:"omitempty,uuid"`
	Checklist []checklistAnswer `json:"checklist" validate:"required,max=100,dive"`
	Notes     string            `json:"notes"`
}

// FileSelfInspection answers POST /owner/self-inspections (自查).
func (a *API) FileSelfInspection(c *fiber.Ctx) error {
	var req selfInspectionRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in := models.NewSelfInspection{ID: parseID(req.ID), Notes: req.Notes}
	for _, ans := range req.Checklist {
		in.Checklist = append(in.Checklist, models.ChecklistAnswer{ItemCode: ans.ItemCode, Result: ans.Result, Note: ans.Note})
	}
	out, err := models.FileSelfInspection(c.UserContext(), a.DB, actor(c), in, a.today())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}
