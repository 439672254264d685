package seed

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"

	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// The State Council's published holiday schedules (国务院办公厅关于部分节假日安排的通知),
// one file a year.
//
//go:embed data/cn-holidays-*.json
var holidayFiles embed.FS

type holidayFile struct {
	Year     int      `json:"year"`
	Source   string   `json:"source"`
	Holidays []string `json:"holidays"`
	Workdays []string `json:"workdays"`
}

// reference loads the national holiday calendars shipped with Jiuxiao.
func reference(ctx context.Context, tx *gorm.DB) error {
	names, err := holidayFiles.ReadDir("data")
	if err != nil {
		return err
	}
	for _, n := range names {
		raw, err := holidayFiles.ReadFile("data/" + n.Name())
		if err != nil {
			return err
		}
		var f holidayFile
		if err := json.Unmarshal(raw, &f); err != nil {
			return fmt.Errorf("%s: %w", n.Name(), err)
		}
		for kind, days := range map[vocab.DayKind][]string{vocab.Holiday: f.Holidays, vocab.Workday: f.Workdays} {
			for _, d := range days {
				err := tx.WithContext(ctx).Exec(`INSERT INTO calendar_days (day, kind) VALUES (?::date, ?) ON CONFLICT (day) DO NOTHING`, d, kind).Error
				if err != nil {
					return fmt.Errorf("%s: %s: %w", n.Name(), d, err)
				}
			}
		}
	}
	return nil
}
