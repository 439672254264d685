// Package forms lays out Jiuxiao's legal documents (法律文书) as A4 PDF
// pages in the manner of the 公通字〔2009〕21号 forms: title, number at the
// top right, the venue, the listed hazards with the articles they violate,
// the order and its deadline, the appeal rights, the issuing station and
// date, and the receipt block. It knows nothing of the database: models
// fills a Sheet when a document is made, and Render draws it.
//
// The text is real text in the PDF (it can be searched and copied), in the
// fonts shipped in fonts/ and parsed once per process.
package forms

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// Sheet is what a document says: the data it was made from, fixed when it
// was made, so that a venue renamed later does not change a notice it was
// served. The number, status and service are the document's own (Paper).
type Sheet struct {
	Title     string `json:"title"`
	KindWord  string `json:"kind_word"`
	Authority string `json:"authority"`
	Opening   string `json:"opening"`
	Order     string `json:"order"`
	Appeal    string `json:"appeal"`
	Closing   string `json:"closing"`

	Venue       string `json:"venue"`
	Address     string `json:"address"`
	Person      string `json:"person"`
	Phone       string `json:"phone"`
	LicenseNo   string `json:"license_no"`
	Station     string `json:"station"`
	Officer     string `json:"officer"`
	InspectedOn string `json:"inspected_on"`
	CheckIn     string `json:"check_in,omitempty"`
	Notes       string `json:"notes,omitempty"`
	// Deadline is the order's fix-by date (the latest of its hazards), or an
	// extension's new deadline.
	Deadline string `json:"deadline,omitempty"`

	Checklist []CheckLine `json:"checklist,omitempty"`
	Items     []Item      `json:"items"`
}

// CheckLine is one answered checklist item of an inspection record.
type CheckLine struct {
	Label  string `json:"label"`
	Result string `json:"result"`
	Note   string `json:"note,omitempty"`
}

// Item is one hazard a document lists.
type Item struct {
	Label       string `json:"label"`
	Severity    string `json:"severity"`
	Description string `json:"description"`
	LegalBasis  string `json:"legal_basis"`
	FixMode     string `json:"fix_mode"`
	Deadline    string `json:"deadline,omitempty"`
	// Finding is a reinspection's finding (已改正 / 未改正), or empty.
	Finding string `json:"finding,omitempty"`
}

// Value stores a sheet as JSON.
func (s Sheet) Value() (driver.Value, error) {
	b, err := json.Marshal(s)
	return string(b), err
}

// Scan reads a sheet from JSON.
func (s *Sheet) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), s)
	case []byte:
		return json.Unmarshal(v, s)
	case nil:
		*s = Sheet{}
		return nil
	}
	return fmt.Errorf("cannot scan %T into a sheet", src)
}

// Paper is a document as it is printed: its sheet, and what the document is
// now — number, status, issue date, and the service once it is served.
type Paper struct {
	Sheet
	Number   string
	Draft    bool // watermarked 草稿
	Void     bool // marked 作废
	IssuedOn string
	Service  *Service
	Invite   *Invite
}

// Invite is the owner invitation an order carries: a QR code of its link,
// with the phone the one-time code goes to and the last day it works.
type Invite struct {
	URL   string
	Phone string // hinted: 138****5678
	Until string // 2026年12月31日
}

// Service is what the receipt block records once the document is served.
type Service struct {
	Method     string // the method's Chinese label
	ReceivedBy string
	ReceivedAt string
	Witness    string
	By         string
	Signature  []byte // the receiver's signature image (PNG or JPEG), if any
}
