package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
)

// The console keeps its refresh token in a cookie rather than in the page,
// so that a new tab is logged in and no script can read the token. A client
// asks for it with the header X-Requested-With (any value); a request
// without that header neither gets nor uses the cookie, which with
// SameSite=Strict keeps other sites from refreshing (CSRF).
const (
	RefreshCookie     = "jx_refresh"
	refreshCookiePath = "/api/v1/auth"
	cookieModeHeader  = "X-Requested-With"
)

// cookieMode reports whether the client asked for the refresh token as a cookie.
func cookieMode(c *fiber.Ctx) bool { return c.Get(cookieModeHeader) != "" }

// setRefreshCookie stores the refresh token in an httpOnly cookie for the
// auth paths; an empty token clears it.
func (a *API) setRefreshCookie(c *fiber.Ctx, token string) {
	ck := &fiber.Cookie{
		Name: RefreshCookie, Value: token, Path: refreshCookiePath, HTTPOnly: true, Secure: !a.InsecureCookies,
		SameSite: fiber.CookieSameSiteStrictMode, Expires: a.Now().Add(a.Auth.RefreshTTL),
	}
	if token == "" {
		ck.Expires, ck.MaxAge = time.Unix(0, 0), -1
	}
	c.Cookie(ck)
}

// cookieSession is a session whose refresh token went into the cookie: the
// body leaves it out.
type cookieSession struct {
	models.Session
	RefreshToken *string `json:"refresh_token,omitempty"`
}

// sendSession answers a login or a refresh.
func (a *API) sendSession(c *fiber.Ctx, s models.Session) error {
	if !cookieMode(c) {
		return c.JSON(s)
	}
	a.setRefreshCookie(c, s.RefreshToken)
	return c.JSON(cookieSession{Session: s})
}

type loginRequest struct {
	Username string `json:"username" validate:"required,max=64"`
	Password string `json:"password" validate:"required,max=200"`
}

// Login answers POST /auth/login.
func (a *API) Login(c *fiber.Ctx) error {
	var req loginRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	s, err := a.Auth.Login(c.UserContext(), a.DB, req.Username, req.Password, c.IP())
	if err != nil {
		return err
	}
	return a.sendSession(c, s)
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token" validate:"required,max=200"`
}

// Refresh answers POST /auth/refresh. A client in cookie mode may send no
// body: the cookie's token is used. A refused cookie is cleared.
func (a *API) Refresh(c *fiber.Ctx) error {
	var req refreshRequest
	if ck := c.Cookies(RefreshCookie); cookieMode(c) && len(c.Body()) == 0 && ck != "" {
		req.RefreshToken = ck
	} else if err := decode(c, &req); err != nil {
		return err
	}
	s, err := a.Auth.Refresh(c.UserContext(), a.DB, req.RefreshToken)
	if err != nil {
		if cookieMode(c) {
			a.setRefreshCookie(c, "")
		}
		return err
	}
	return a.sendSession(c, s)
}

type logoutRequest struct {
	RefreshToken string `json:"refresh_token" validate:"max=200"`
}

// Logout answers POST /auth/logout: it ends the session of the given refresh
// token, or every session of the caller when the body is empty. The access
// tokens of an ended session are refused at once. In cookie mode an empty
// body ends the cookie's session, and the cookie is cleared.
func (a *API) Logout(c *fiber.Ctx) error {
	var req logoutRequest
	if len(c.Body()) > 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
	}
	if cookieMode(c) {
		if req.RefreshToken == "" {
			req.RefreshToken = c.Cookies(RefreshCookie)
		}
		a.setRefreshCookie(c, "")
	}
	if err := a.Auth.Logout(c.UserContext(), a.DB, actor(c).UserID, req.RefreshToken); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// Me answers GET /me.
func (a *API) Me(c *fiber.Ctx) error {
	me := actor(c)
	u, err := models.GetUser(c.UserContext(), a.DB, me, me.UserID)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, u.Version, u)
}
