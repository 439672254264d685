package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// ChecklistAnswer is an officer's answer to one checklist item.
type ChecklistAnswer struct {
	ItemCode string `json:"item_code"`
	Result   string `json:"result"` // pass, fail or na
	Note     string `json:"note"`
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
