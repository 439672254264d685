package models

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/migrations"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// The SQL may repeat the vocabulary's values (CHECK constraints, partial
// indexes, the literals of a statement); the tests here, which need no
// database, fail when it disagrees with the Go types.

// checkedColumns maps each table.column that a migration CHECKs against a
// list of values to the values it must allow: a new CHECK fails
// TestMigrationChecks until it is mapped here.
var checkedColumns = map[string][]string{
	"org_units.kind":                   vocab.OrgUnitKinds.Strings(),
	"users.role":                       vocab.Roles.Strings(),
	"user_grids.grid_kind":             {string(vocab.Grid)},
	"venues.category":                  vocab.Categories.Strings(),
	"venues.risk_level":                vocab.RiskLevels.Strings(),
	"venues.grid_kind":                 {string(vocab.Grid)},
	"venues.status":                    vocab.VenueStatuses.Strings(),
	"venue_level_changes.from_level":   vocab.RiskLevels.Strings(),
	"venue_level_changes.to_level":     vocab.RiskLevels.Strings(),
	"policy.risk_level":                vocab.RiskLevels.Strings(),
	"policy.interval":                  vocab.Intervals.Strings(),
	"calendar_days.kind":               vocab.DayKinds.Strings(),
	"reclassifications.from_level":     vocab.RiskLevels.Strings(),
	"reclassifications.to_level":       vocab.RiskLevels.Strings(),
	"reclassifications.status":         vocab.ReclassificationStatuses.Strings(),
	"inspections.kind":                 vocab.InspectionKinds.Strings(),
	"inspections.status":               vocab.InspectionStatuses.Strings(),
	"inspections.interval":             vocab.Intervals.Strings(),
	"photos.content_type":              photoTypes,
	"hazards.severity":                 vocab.Severities.Strings(),
	"hazards.fix_mode":                 vocab.FixModes.Strings(),
	"hazards.status":                   vocab.HazardStatuses.Strings(),
	"hazard_photos.role":               vocab.PhotoRoles.Strings(),
	"checklist_items.default_fix_mode": vocab.FixModes.Strings(),
	"document_templates.kind":          vocab.DocumentKinds.Strings(),
	"document_counters.kind":           vocab.DocumentKinds.Strings(),
	"extensions.status":                vocab.ExtensionStatuses.Strings(),
	"documents.kind":                   vocab.DocumentKinds.Strings(),
	"documents.status":                 vocab.DocumentStatuses.Strings(),
	"documents.service_method":         vocab.ServiceMethods.Strings(),
	"deliveries.status":                vocab.DeliveryStatuses.Strings(),
	"reports.kind":                     vocab.ReportKinds.Strings(),
	"reports.status":                   vocab.ReportStatuses.Strings(),
	"reports.source":                   vocab.ReportSources.Strings(),
	"reports.close_reason":             vocab.ReportCloseReasons.Strings(),
	"audit_log.actor_kind":             vocab.ActorKinds.Strings(),
}

var (
	// A table whose columns follow: CREATE TABLE x ( or ALTER TABLE x.
	sqlTable = regexp.MustCompile(`(?i)\b(?:CREATE|ALTER)\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)`)
	// CHECK (col IN ('a', 'b')) and CHECK (col = 'a').
	sqlCheckIn = regexp.MustCompile(`(?i)\bCHECK\s*\(\s*(\w+)\s+IN\s*\(([^)]*)\)\s*\)`)
	sqlCheckEq = regexp.MustCompile(`(?i)\bCHECK\s*\(\s*(\w+)\s*=\s*'([^']*)'\s*\)`)
	sqlQuoted  = regexp.MustCompile(`'([^']*)'`)
)

// upSQL is the Up part of each migration, by file name.
func upSQL(t *testing.T) map[string]string {
	t.Helper()
	files, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := fs.ReadFile(migrations.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		up, _, _ := strings.Cut(string(b), "-- +goose Down")
		out[f] = up
	}
	return out
}

func quoted(list string) []string {
	var out []string
	for _, m := range sqlQuoted.FindAllStringSubmatch(list, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestMigrationChecks: every CHECK that lists a column's allowed values
// allows exactly the values of the column's Go type.
//
// A later migration may replace a CHECK (ALTER TABLE … DROP CONSTRAINT, ADD
// CONSTRAINT … CHECK): then only the latest migration's CHECK of a column is
// compared, as only it is in force.
func TestMigrationChecks(t *testing.T) {
	found := map[string]bool{}
	ups := upSQL(t)
	files := slices.Sorted(func(yield func(string) bool) {
		for f := range ups {
			if !yield(f) {
				return
			}
		}
	})
	type seen struct {
		file   string
		values []string
	}
	latest := map[string]seen{}
	for _, file := range files {
		sql := ups[file]
		tables := sqlTable.FindAllStringSubmatchIndex(sql, -1)
		tableAt := func(pos int) string {
			name := ""
			for _, m := range tables {
				if m[0] < pos {
					name = sql[m[2]:m[3]]
				}
			}
			return name
		}
		check := func(pos int, col string, values []string) {
			key := tableAt(pos) + "." + col
			found[key] = true
			if prev, ok := latest[key]; ok && prev.file == file {
				// Two CHECKs of one column in one migration (the table's and a
				// partial one): both must agree with the Go type.
				compareCheck(t, prev.file, key, prev.values)
			}
			latest[key] = seen{file, values}
		}
		for _, m := range sqlCheckIn.FindAllStringSubmatchIndex(sql, -1) {
			check(m[0], sql[m[2]:m[3]], quoted(sql[m[4]:m[5]]))
		}
		for _, m := range sqlCheckEq.FindAllStringSubmatchIndex(sql, -1) {
			check(m[0], sql[m[2]:m[3]], []string{sql[m[4]:m[5]]})
		}
	}
	for key, l := range latest {
		compareCheck(t, l.file, key, l.values)
	}
	for key := range checkedColumns {
		if !found[key] {
			t.Errorf("no migration CHECKs %s any more: drop it from checkedColumns (or the parser missed it)", key)
		}
	}
}

// compareCheck compares one CHECK's values with the Go type of its column.
func compareCheck(t *testing.T, file, key string, values []string) {
	t.Helper()
	want, ok := checkedColumns[key]
	if !ok {
		t.Errorf("%s: CHECK on %s allows %v: map the column to its Go type in checkedColumns", file, key, values)
		return
	}
	if got, w := slices.Sorted(slices.Values(values)), slices.Sorted(slices.Values(want)); !slices.Equal(got, w) {
		t.Errorf("%s: CHECK on %s allows\n\t%v\nthe Go type has\n\t%v", file, key, got, w)
	}
}

// termColumns are the columns whose values are terms, with every value a
// column of that name holds in some table.
var termColumns = map[string][]string{
	"status": slices.Concat(vocab.VenueStatuses.Strings(), vocab.InspectionStatuses.Strings(), vocab.HazardStatuses.Strings(),
		vocab.ReclassificationStatuses.Strings(), vocab.DocumentStatuses.Strings(), vocab.ExtensionStatuses.Strings(),
		vocab.DeliveryStatuses.Strings(), vocab.ReportStatuses.Strings()),
	"kind": slices.Concat(vocab.OrgUnitKinds.Strings(), vocab.InspectionKinds.Strings(), vocab.DayKinds.Strings(), vocab.DocumentKinds.Strings(),
		vocab.ReportKinds.Strings()),
	"source":           vocab.ReportSources.Strings(),
	"risk_level":       vocab.RiskLevels.Strings(),
	"from_level":       vocab.RiskLevels.Strings(),
	"to_level":         vocab.RiskLevels.Strings(),
	"category":         vocab.Categories.Strings(),
	"severity":         vocab.Severities.Strings(),
	"fix_mode":         vocab.FixModes.Strings(),
	"interval":         vocab.Intervals.Strings(),
	"role":             slices.Concat(vocab.Roles.Strings(), vocab.PhotoRoles.Strings()),
	"grid_kind":        {string(vocab.Grid)},
	"result":           vocab.CheckResults.Strings(),
	"service_method":   vocab.ServiceMethods.Strings(),
	"default_fix_mode": vocab.FixModes.Strings(),
}

var (
	// [alias.]column = 'v', <> 'v', != 'v', and [alias.]column IN ('a', 'b').
	sqlColumnEq = regexp.MustCompile(`\b(?:\w+\.)?(\w+)\s*(?:=|<>|!=)\s*'([^']*)'`)
	sqlColumnIn = regexp.MustCompile(`\b(?:\w+\.)?(\w+)\s+(?i:IN)\s*\(\s*('[^']*'(?:\s*,\s*'[^']*')*)\s*\)`)
	// A text array of categories, as the checklist catalogue's: '{shop,hotel}'.
	sqlWordArray = regexp.MustCompile(`'\{([a-z_]+(?:,[a-z_]+)*)\}'`)
)

// TestSQLLiterals: wherever the SQL of the code or the migrations compares
// a term column with a literal (status = 'open', kind IN ('routine',
// 'ad_hoc')), the literal is a value of the vocabulary, so that a typo or a
// renamed value cannot hide in a statement's text.
func TestSQLLiterals(t *testing.T) {
	root := ".." // the module, from models
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "vocab") {
				return filepath.SkipDir
			}
			return nil
		}
		ext := filepath.Ext(path)
		if ext != ".go" && ext != ".sql" && ext != ".sh" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(b)
		if ext == ".sql" {
			text = strings.ReplaceAll(text, "''", "'") // the SQL inside PL/pgSQL strings
			for _, m := range sqlWordArray.FindAllStringSubmatch(text, -1) {
				for _, c := range strings.Split(m[1], ",") {
					seen++
					if !vocab.Category(c).Valid() {
						t.Errorf("%s: %q in %s is not a category", path, c, m[0])
					}
				}
			}
		}
		check := func(col, value, where string) {
			allowed, ok := termColumns[col]
			if !ok {
				return
			}
			seen++
			if !slices.Contains(allowed, value) {
				t.Errorf("%s: %q in %q is not a value of %s", path, value, where, col)
			}
		}
		for _, m := range sqlColumnEq.FindAllStringSubmatch(text, -1) {
			check(m[1], m[2], m[0])
		}
		for _, m := range sqlColumnIn.FindAllStringSubmatch(text, -1) {
			for _, v := range quoted(m[2]) {
				check(m[1], v, m[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 50 {
		t.Errorf("only %d term literals found in the SQL: the scan is broken", seen)
	}
}

// ledgerColumn checks that the ledger's column headed by set's name shows,
// for each value of the set, its Chinese label: row makes the row of a
// record holding the value.
func ledgerColumn[T interface {
	~string
	ZH() string
}](t *testing.T, header []string, set *vocab.Set[T], row func(T) []string) {
	t.Helper()
	name, _ := set.Label()
	col := slices.Index(header, name)
	if col < 0 {
		t.Fatalf("the header %q has no column %q for %s", header, name, set.Name())
	}
	for _, v := range set.Values() {
		if cells := row(v); len(cells) != len(header) || cells[col] != v.ZH() {
			t.Errorf("%s %s: column %q shows %q, want %q (%d cells, %d headers)", set.Name(), v, name, cells[col], v.ZH(), len(cells), len(header))
		}
	}
}

// TestLedgerWords: the ledgers' term columns are headed by their set's name
// and show the vocabulary's words, the ones the console shows.
func TestLedgerWords(t *testing.T) {
	loc, today := time.UTC, schedules.NewDate(2026, time.June, 3)
	t.Run("Inspections", func(t *testing.T) {
		h := InspectionLedgerHeader
		if !slices.Contains(h, vocab.Grid.ZH()) {
			t.Errorf("the header %q has no column %q", h, vocab.Grid.ZH())
		}
		base := inspectionRecord{ID: "i", Category: vocab.Shop, RiskLevel: vocab.Red, Kind: vocab.Routine, Status: vocab.Scheduled, DueDate: today}
		row := func(edit func(*inspectionRecord)) []string {
			r := base
			edit(&r)
			return rowText(inspectionRow(r, today, loc))
		}
		ledgerColumn(t, h, vocab.Categories, func(v vocab.Category) []string { return row(func(r *inspectionRecord) { r.Category = v }) })
		ledgerColumn(t, h, vocab.RiskLevels, func(v vocab.RiskLevel) []string { return row(func(r *inspectionRecord) { r.RiskLevel = v }) })
		ledgerColumn(t, h, vocab.InspectionKinds, func(v vocab.InspectionKind) []string { return row(func(r *inspectionRecord) { r.Kind = v }) })
		ledgerColumn(t, h, vocab.InspectionStatuses, func(v vocab.InspectionStatus) []string { return row(func(r *inspectionRecord) { r.Status = v }) })
	})
	t.Run("Hazards", func(t *testing.T) {
		h := HazardLedgerHeader
		if !slices.Contains(h, vocab.Grid.ZH()) {
			t.Errorf("the header %q has no column %q", h, vocab.Grid.ZH())
		}
		base := hazardRecord{ID: "h", Severity: vocab.General, FixMode: vocab.FixOnSite, Status: vocab.HazardOpen, CreatedAt: time.Now()}
		row := func(edit func(*hazardRecord)) []string {
			r := base
			edit(&r)
			return rowText(hazardRow(r, today, loc))
		}
		ledgerColumn(t, h, vocab.Severities, func(v vocab.Severity) []string { return row(func(r *hazardRecord) { r.Severity = v }) })
		ledgerColumn(t, h, vocab.FixModes, func(v vocab.FixMode) []string { return row(func(r *hazardRecord) { r.FixMode = v }) })
		ledgerColumn(t, h, vocab.HazardStatuses, func(v vocab.HazardStatus) []string { return row(func(r *hazardRecord) { r.Status = v }) })
	})
}

// TestParentKind: the org tree's order is the vocabulary's.
func TestParentKind(t *testing.T) {
	for kind, want := range map[vocab.OrgUnitKind]vocab.OrgUnitKind{
		vocab.City: "", vocab.District: vocab.City, vocab.Station: vocab.District, vocab.Grid: vocab.Station, "nope": "",
	} {
		if got := parentKind(kind); got != want {
			t.Errorf("parentKind(%q) = %q, want %q", kind, got, want)
		}
	}
}
