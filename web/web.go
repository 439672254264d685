// Package web is the supervisors' console: a few static files (HTML, CSS
// and ES modules, no build step) embedded in the binary and served at "/".
// The console talks to the same /api/v1 as the mobile clients, with the same
// accounts and tokens; it needs nothing from the internet at run time.
package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
)

//go:embed static
var static embed.FS

// CSP allows the console's own files and API only; images may also come
// from blob: (photos fetched with the bearer token) and data: URLs.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// asset is one embedded file, ready to send.
type asset struct {
	body        []byte
	contentType string
	etag        string
}

// assets maps a request path ("/", "/js/app.js") to its file.
var assets = load()

func load() map[string]asset {
	root, err := fs.Sub(static, "static")
	if err != nil {
		panic(err)
	}
	out := map[string]asset{}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a := asset{body: b, contentType: contentType(p), etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		out["/"+p] = a
		if p == "index.html" {
			out["/"] = a
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Handler serves the console's files for GET and HEAD; any other request,
// or a path that is not one of its files, goes on to the next handler.
// The files are not fingerprinted, so browsers revalidate them every time
// (no-cache with a strong ETag: a 304 costs one round trip, and a new
// binary is seen at once).
func Handler() fiber.Handler {
	return func(c *fiber.Ctx) error {
		if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
			return c.Next()
		}
		a, ok := assets[c.Path()]
		if !ok {
			return c.Next()
		}
		c.Set(fiber.HeaderContentSecurityPolicy, CSP)
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		c.Set(fiber.HeaderXFrameOptions, "DENY")
		c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Set(fiber.HeaderETag, a.etag)
		c.Set(fiber.HeaderContentType, a.contentType)
		if match := c.Get(fiber.HeaderIfNoneMatch); match != "" && strings.Contains(match, a.etag) {
			return c.SendStatus(fiber.StatusNotModified)
		}
		return c.Send(a.body)
	}
}

// Register serves the console at "/" and the venue owners' pages at /o/
// on f. Call it after the API's routes and before the catch-all 404.
func Register(f *fiber.App) {
	f.Use(ownerPages)
	f.Use(Handler())
}

// ownerPages serves the owners' one page (o/owner.html) for /o/ and for an
// invitation's link /o/invite/{token}; its script tells them apart. The
// link's token must not leave in a Referer, nor the page be kept in a cache.
// Anything else goes on to the next handler.
func ownerPages(c *fiber.Ctx) error {
	if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
		return c.Next()
	}
	p := c.Path()
	if p == "/o" {
		return c.Redirect("/o/", fiber.StatusFound)
	}
	if p != "/o/" && !(strings.HasPrefix(p, "/o/invite/") && len(p) > len("/o/invite/") && !strings.Contains(p[len("/o/invite/"):], "/")) {
		return c.Next()
	}
	a := assets["/o/owner.html"]
	c.Set(fiber.HeaderContentSecurityPolicy, CSP)
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentType, a.contentType)
	return c.Send(a.body)
}
