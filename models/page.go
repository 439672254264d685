package models

import (
	"encoding/base64"
	"encoding/json"

	"gorm.io/gorm"
)

// Page limits.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Page asks for one page of a list: at most Limit items after Cursor.
type Page struct {
	Limit  int
	Cursor string
}

// limit is the page size to use, within bounds.
func (p Page) limit() int {
	switch {
	case p.Limit <= 0:
		return DefaultLimit
	case p.Limit > MaxLimit:
		return MaxLimit
	}
	return p.Limit
}

// List is one page of items and the cursor of the next page (nil at the end).
type List[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// EncodeCursor makes an opaque cursor of a list's sort key.
func EncodeCursor(key any) string {
	b, _ := json.Marshal(key)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a cursor made by EncodeCursor into key. A cursor that is
// not one of ours is a ValidationError on the field "cursor".
func DecodeCursor(s string, key any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, key) != nil {
		return Invalid("cursor", "is not a cursor this list gave out")
	}
	return nil
}

// pageOf cuts rows fetched with limit+1 down to limit and makes the next
// cursor from the last kept row.
func pageOf[T any](rows []T, limit int, key func(T) any) List[T] {
	out := List[T]{Items: rows}
	if len(rows) > limit {
		out.Items = rows[:limit]
		c := EncodeCursor(key(rows[limit-1]))
		out.NextCursor = &c
	}
	if out.Items == nil {
		out.Items = []T{}
	}
	return out
}

// pageByKey reads one page of q ordered by the unique column col, after the
// cursor's key; key gives a row's value of col for the next cursor.
func pageByKey[T, K any](q *gorm.DB, p Page, col, doing string, key func(T) K) (List[T], error) {
	if p.Cursor != "" {
		var after K
		if err := DecodeCursor(p.Cursor, &after); err != nil {
			return List[T]{}, err
		}
		q = q.Where(col+" > ?", after)
	}
	var rows []T
	if err := q.Order(col).Limit(p.limit() + 1).Find(&rows).Error; err != nil {
		return List[T]{}, translate(err, doing)
	}
	return pageOf(rows, p.limit(), func(x T) any { return key(x) }), nil
}
