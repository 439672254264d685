package models

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// ChecklistAnswer is an officer's answer to one checklist item.
type ChecklistAnswer struct {
	ItemCode string            `json:"item_code"`
	Result   vocab.CheckResult `json:"result"`
	Note     string            `json:"note"`
}

// ChecklistAnswers are stored as a JSON array.
type ChecklistAnswers []ChecklistAnswer

// Value stores the answers as JSON.
func (a ChecklistAnswers) Value() (driver.Value, error) {
	if a == nil {
		return "[]", nil
	}
	b, err := json.Marshal(a)
	return string(b), err
}

// Scan reads the answers from JSON.
func (a *ChecklistAnswers) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*a = ChecklistAnswers{}
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("cannot scan %T into checklist answers", src)
	}
	if len(b) == 2 && b[0] == '[' && b[1] == ']' { // every task before its visit
		*a = ChecklistAnswers{}
		return nil
	}
	return json.Unmarshal(b, a)
}

// ChecklistItem is one item of the checklist catalogue.
type ChecklistItem struct {
	Code       string           `json:"code"`
	LabelZH    string           `json:"label_zh" gorm:"column:label_zh"`
	LabelEN    string           `json:"label_en" gorm:"column:label_en"`
	Categories []vocab.Category `json:"categories"`
	// LegalBasis is the articles the item enforces, quoted by the orders.
	LegalBasis     string        `json:"legal_basis"`
	DefaultFixMode vocab.FixMode `json:"default_fix_mode"`
	Version        int           `json:"version"`
}

// ListChecklistItems lists the catalogue, or the items that apply to one
// venue category.
func ListChecklistItems(ctx context.Context, db *gorm.DB, category vocab.Category) ([]ChecklistItem, error) {
	var c Check
	optionalTerm(&c, "category", vocab.Categories, category)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var rows []struct {
		Code, LabelZH, LabelEN, Categories, LegalBasis string
		DefaultFixMode                                 vocab.FixMode
		Version                                        int
	}
	q := db.WithContext(ctx).Table("checklist_items").
		Select("code, label_zh AS label_zh, label_en AS label_en, array_to_json(categories)::text AS categories, legal_basis, default_fix_mode, version").Order("position")
	if category != "" {
		q = q.Where("? = ANY (categories)", category)
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, translate(err, "read checklist")
	}
	out := make([]ChecklistItem, len(rows))
	for i, r := range rows {
		out[i] = ChecklistItem{Code: r.Code, LabelZH: r.LabelZH, LabelEN: r.LabelEN, LegalBasis: r.LegalBasis, DefaultFixMode: r.DefaultFixMode, Version: r.Version}
		if err := json.Unmarshal([]byte(r.Categories), &out[i].Categories); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ChecklistFor lists the codes of the items that apply to a category.
func ChecklistFor(ctx context.Context, db *gorm.DB, category vocab.Category) ([]string, error) {
	items, err := ListChecklistItems(ctx, db, category)
	if err != nil {
		return nil, err
	}
	codes := make([]string, len(items))
	for i, it := range items {
		codes[i] = it.Code
	}
	return codes, nil
}

// ChecklistItemPatch changes an item's legal basis or default fix mode.
type ChecklistItemPatch struct {
	LegalBasis     *string
	DefaultFixMode *vocab.FixMode
}

// UpdateChecklistItem sets an item's legal basis and default fix mode.
// Admins only.
func UpdateChecklistItem(ctx context.Context, db *gorm.DB, actor Actor, code string, p ChecklistItemPatch) (ChecklistItem, error) {
	if !actor.IsAdmin() {
		return ChecklistItem{}, ErrForbidden
	}
	var c Check
	c.Add(p.LegalBasis != nil && len([]rune(*p.LegalBasis)) > 500, "legal_basis", "must be at most 500 characters")
	if p.DefaultFixMode != nil {
		term(&c, "default_fix_mode", vocab.FixModes, *p.DefaultFixMode)
	}
	if err := c.Err(); err != nil {
		return ChecklistItem{}, err
	}
	find := func(tx *gorm.DB) (ChecklistItem, error) {
		items, err := ListChecklistItems(ctx, tx, "")
		if err != nil {
			return ChecklistItem{}, err
		}
		for _, it := range items {
			if it.Code == code {
				return it, nil
			}
		}
		return ChecklistItem{}, ErrNotFound
	}
	var out ChecklistItem
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT 1 FROM checklist_items WHERE code = ? FOR UPDATE", code).Error; err != nil {
			return translate(err, "lock checklist item")
		}
		before, err := find(tx)
		if err != nil {
			return err
		}
		after := before
		if p.LegalBasis != nil {
			after.LegalBasis = *p.LegalBasis
		}
		if p.DefaultFixMode != nil {
			after.DefaultFixMode = *p.DefaultFixMode
		}
		err = tx.Exec("UPDATE checklist_items SET legal_basis = ?, default_fix_mode = ?, version = version + 1 WHERE code = ?",
			after.LegalBasis, after.DefaultFixMode, code).Error
		if err != nil {
			return translate(err, "update checklist item")
		}
		if out, err = find(tx); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "update", "checklist_item", uuid.NewSHA1(uuid.NameSpaceURL, []byte("jiuxiao:checklist_item:"+code)), nil, before, out)
	})
	return out, err
}
