package models

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"

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
	return json.Unmarshal(b, a)
}

// ChecklistItem is one item of the checklist catalogue.
type ChecklistItem struct {
	Code       string           `json:"code"`
	LabelZH    string           `json:"label_zh" gorm:"column:label_zh"`
	LabelEN    string           `json:"label_en" gorm:"column:label_en"`
	Categories []vocab.Category `json:"categories"`
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
		Code, LabelZH, LabelEN, Categories string
	}
	q := db.WithContext(ctx).Table("checklist_items").
		Select("code, label_zh AS label_zh, label_en AS label_en, array_to_json(categories)::text AS categories").Order("position")
	if category != "" {
		q = q.Where("? = ANY (categories)", category)
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, translate(err, "read checklist")
	}
	out := make([]ChecklistItem, len(rows))
	for i, r := range rows {
		out[i] = ChecklistItem{Code: r.Code, LabelZH: r.LabelZH, LabelEN: r.LabelEN}
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
