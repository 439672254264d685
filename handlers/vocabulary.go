package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// vocabularyCacheControl lets any cache keep the vocabulary but makes it
// ask again each time (a 304 when nothing changed), so that a new binary's
// words are seen at once, like the console's own files.
const vocabularyCacheControl = "public, no-cache"

// vocabularyAnswer is the body of GET /vocabulary and its ETag, made once:
// the terms are constants of the binary.
var vocabularyAnswer = sync.OnceValues(func() ([]byte, string) {
	b, err := json.Marshal(struct {
		Sets []vocab.Listing `json:"sets"`
	}{vocab.All()})
	if err != nil {
		panic(err) // strings only: cannot fail
	}
	sum := sha256.Sum256(b)
	return b, `"` + hex.EncodeToString(sum[:12]) + `"`
})

// Vocabulary answers GET /vocabulary: every term set, each term with its
// value and its Chinese and English labels, in the vocabulary's order. It
// needs no login: the words are no secret, and the console reads them
// before anyone has logged in.
func Vocabulary(c *fiber.Ctx) error {
	body, etag := vocabularyAnswer()
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, vocabularyCacheControl)
	if etagMatches(c.Get(fiber.HeaderIfNoneMatch), etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(body)
}

// etagMatches is If-None-Match's weak comparison: header is "*" or a list
// of entity tags, each perhaps marked weak (W/).
func etagMatches(header, etag string) bool {
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}
