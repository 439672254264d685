package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
)

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
	return c.JSON(s)
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token" validate:"required,max=200"`
}

// Refresh answers POST /auth/refresh.
func (a *API) Refresh(c *fiber.Ctx) error {
	var req refreshRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	s, err := a.Auth.Refresh(c.UserContext(), a.DB, req.RefreshToken)
	if err != nil {
		return err
	}
	return c.JSON(s)
}

type logoutRequest struct {
	RefreshToken string `json:"refresh_token" validate:"max=200"`
}

// Logout answers POST /auth/logout: it ends the session of the given refresh
// token, or every session of the caller when the body is empty. The access
// tokens of an ended session are refused at once.
func (a *API) Logout(c *fiber.Ctx) error {
	var req logoutRequest
	if len(c.Body()) > 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
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
