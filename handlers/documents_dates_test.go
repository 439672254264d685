package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// numberYear rewrites the year 〔2026〕 of the documents' numbers that the
// tests expect to the database's year: a document is numbered in the year
// of its issue, the database's now() (not the app's clock the tests set).
func numberYear(t *testing.T, e *apptest.Env) func(string) string {
	t.Helper()
	var year int
	if err := e.DB.Raw("SELECT extract(year FROM now())::int").Scan(&year).Error; err != nil {
		t.Fatal(err)
	}
	return func(s string) string { return strings.ReplaceAll(s, "〔2026〕", fmt.Sprintf("〔%d〕", year)) }
}

// Ensure a document's issued_at, the date printed on it as its issue date
// and the year of its number all come from the database's clock: with the
// app's clock at the same time they agree with it, and with the app's
// clock months away the paper still prints the day of issued_at.
func TestDocumentIssueDate(t *testing.T) {
	t.Parallel()
	china, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	const off = "off-dcf-1-g1"
	for name, at := range map[string]string{
		"app clock now":        time.Now().In(china).Format(time.RFC3339),
		"app clock months off": time.Now().In(china).AddDate(0, -5, 0).Format(time.RFC3339),
	} {
		t.Run(name, func(t *testing.T) {
			e := apptest.New(t, apptest.Options{At: at})
			venue := e.Venue(t, "dcf-1-g1", "name", "签发日期小吃店")
			deadline := e.Clock.Now().In(china).AddDate(0, 0, 14).Format("2006-01-02")
			in := docVisit(t, e, off, venue, apptest.Hazard("evacuation_route", "major", "deadline", deadline))
			order := docsOf(t, e, off, "inspection_id="+in)["deadline_order"]
			if order == nil {
				t.Fatal("no deadline order")
			}
			issued, err := time.Parse(time.RFC3339Nano, order["issued_at"].(string))
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(issued); d < -time.Minute || d > time.Minute {
				t.Fatalf("issued_at %s is not the database's now", issued)
			}
			day := issued.In(china)
			printed := fmt.Sprintf("%d年%02d月%02d日", day.Year(), int(day.Month()), day.Day())
			number, _ := order["number"].(string)
			if !strings.Contains(number, fmt.Sprintf("〔%d〕", day.Year())) {
				t.Errorf("number %q is not of the year of issued_at (%d)", number, day.Year())
			}
			text := docText(t, e, off, order["id"].(string))
			if !strings.Contains(text, "（印章）"+printed) {
				t.Errorf("the paper's issue date is not %s (issued_at %s):\n%s", printed, issued, text)
			}
		})
	}
}
