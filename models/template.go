package models

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Templates (GET/PUT /document-templates/{kind}) are the wording of each
// kind of document as data, so that a province sets its own without a
// release. Their texts hold placeholders, {venue} and the like, filled when
// a document is made.

// Placeholders are the names a template may use, and what each stands for.
var Placeholders = map[string]string{
	"venue":              "the venue's name",
	"address":            "the venue's address",
	"person":             "the venue's person in charge",
	"license_no":         "the venue's licence number (统一社会信用代码)",
	"station":            "the issuing station's name",
	"city":               "the city's name",
	"officer":            "the officer's name",
	"inspected_on":       "the day of the inspection",
	"deadline":           "the order's fix-by date",
	"requested_on":       "the day an extension was asked",
	"requested_deadline": "the deadline an extension asks for",
	"decision":           "the decision on an extension, as a sentence",
}

// placeholder is the one pattern of a placeholder, {name}, in the texts
// kept as data: the documents' templates and the text messages' (sms.go).
// Whatever stands between two braces is a name, so that a misspelt one is
// found (and refused) rather than printed.
var placeholder = regexp.MustCompile(`\{([^{}]*)\}`)

// expandPlaceholders replaces each {name} of s with vals[name], and says
// which names had no value (in order, each once).
func expandPlaceholders(s string, vals map[string]string) (string, []string) {
	var missing []string
	out := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		name := m[1 : len(m)-1]
		v, ok := vals[name]
		if !ok && !slices.Contains(missing, name) {
			missing = append(missing, name)
		}
		return v
	})
	return out, missing
}

// fillPlaceholders replaces each {name} of s with vals[name] (empty when
// it has none).
func fillPlaceholders(s string, vals map[string]string) string {
	out, _ := expandPlaceholders(s, vals)
	return out
}

// checkPlaceholders adds to c the unknown placeholders of s, and braces
// that open or close none.
func checkPlaceholders(c *Check, field, s string) {
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		_, ok := Placeholders[m[1]]
		c.Add(!ok, field, "{%s} is not a placeholder; use one of %s", m[1], placeholderList())
	}
	rest := placeholder.ReplaceAllString(s, "")
	c.Add(strings.ContainsAny(rest, "{}"), field, "a brace opens or closes no placeholder")
}

func placeholderList() string {
	names := make([]string, 0, len(Placeholders))
	for _, k := range []string{"venue", "address", "person", "license_no", "station", "city", "officer", "inspected_on",
		"deadline", "requested_on", "requested_deadline", "decision"} {
		names = append(names, "{"+k+"}")
	}
	return strings.Join(names, ", ")
}

// DocumentTemplate is the wording of one kind of document.
type DocumentTemplate struct {
	Kind      vocab.DocumentKind `json:"kind"`
	Title     string             `json:"title"`
	KindWord  string             `json:"kind_word"`
	Authority string             `json:"authority"`
	Opening   string             `json:"opening"`
	Order     string             `json:"order" gorm:"column:order"`
	Appeal    string             `json:"appeal"`
	Closing   string             `json:"closing"`
	Version   int                `json:"version"`
	UpdatedAt time.Time          `json:"updated_at"`
}

// GetDocumentTemplate returns the template of a kind (anyone logged in
// may read it: it is the wording printed on every document).
func GetDocumentTemplate(ctx context.Context, db *gorm.DB, kind vocab.DocumentKind) (DocumentTemplate, error) {
	if !kind.Valid() {
		return DocumentTemplate{}, ErrNotFound
	}
	var t DocumentTemplate
	err := db.WithContext(ctx).Raw(`SELECT kind, title, kind_word, authority, opening, "order", appeal, closing, version, updated_at
		FROM document_templates WHERE kind = ?`, kind).Take(&t).Error
	return t, translate(err, "read template")
}

// PutDocumentTemplate replaces the wording of a kind. Admins only; every
// placeholder must be known (422 naming the field otherwise).
func PutDocumentTemplate(ctx context.Context, db *gorm.DB, actor Actor, t DocumentTemplate) (DocumentTemplate, error) {
	if !actor.IsAdmin() {
		return DocumentTemplate{}, ErrForbidden
	}
	if !t.Kind.Valid() {
		return DocumentTemplate{}, ErrNotFound
	}
	var c Check
	c.Add(t.Title == "" || len([]rune(t.Title)) > 100, "title", "must be 1-100 characters")
	c.Add(t.KindWord == "" || len([]rune(t.KindWord)) > 4, "kind_word", "must be 1-4 characters")
	c.Add(t.Authority == "" || len([]rune(t.Authority)) > 200, "authority", "must be 1-200 characters")
	for field, s := range map[string]string{"title": t.Title, "kind_word": t.KindWord, "authority": t.Authority, "opening": t.Opening,
		"order": t.Order, "appeal": t.Appeal, "closing": t.Closing} {
		c.Add(len([]rune(s)) > 2000, field, "must be at most 2000 characters")
		checkPlaceholders(&c, field, s)
	}
	if err := c.Err(); err != nil {
		return DocumentTemplate{}, err
	}
	var out DocumentTemplate
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := GetDocumentTemplate(ctx, tx, t.Kind)
		if err != nil {
			return err
		}
		err = tx.Exec(`UPDATE document_templates SET title = ?, kind_word = ?, authority = ?, opening = ?, "order" = ?, appeal = ?,
			closing = ?, version = version + 1, updated_at = now() WHERE kind = ?`,
			t.Title, t.KindWord, t.Authority, t.Opening, t.Order, t.Appeal, t.Closing, t.Kind).Error
		if err != nil {
			return translate(err, "update template")
		}
		if out, err = GetDocumentTemplate(ctx, tx, t.Kind); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "update", "document_template", templateID(t.Kind), nil, before, out)
	})
	return out, err
}

// templateID is the id the audit trail gives a kind's template.
func templateID(kind vocab.DocumentKind) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("jiuxiao:document_template:"+string(kind)))
}
