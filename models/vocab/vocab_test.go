package vocab

import (
	"errors"
	"slices"
	"testing"
)

// term is what the tests need of every term type.
type term interface {
	~string
	Valid() bool
	ZH() string
	EN() string
}

// checkSet checks a type's Parse, Valid, ZH and EN against its set: every
// value parses to itself and has its labels; near misses do not parse.
func checkSet[T term](t *testing.T, set *Set[T], parse func(string) (T, error)) {
	t.Helper()
	t.Run(set.Name(), func(t *testing.T) {
		if len(set.Values()) == 0 {
			t.Fatal("the set is empty")
		}
		for _, tm := range set.Terms() {
			got, err := parse(string(tm.Value))
			if err != nil || got != tm.Value {
				t.Errorf("Parse(%q) = %q, %v; want %q, nil", tm.Value, got, err, tm.Value)
			}
			if !tm.Value.Valid() {
				t.Errorf("%q.Valid() = false", tm.Value)
			}
			if got := tm.Value.ZH(); got != tm.ZH || got == "" {
				t.Errorf("%q.ZH() = %q, want %q", tm.Value, got, tm.ZH)
			}
			if got := tm.Value.EN(); got != tm.EN || got == "" {
				t.Errorf("%q.EN() = %q, want %q", tm.Value, got, tm.EN)
			}
		}
		first := string(set.Values()[0])
		for _, bad := range []string{"", " " + first, first + " ", "X" + first, "nope", "Red", "0"} {
			if slices.Contains(set.Strings(), bad) {
				continue
			}
			got, err := parse(bad)
			var unknown *UnknownError
			if !errors.As(err, &unknown) || got != "" {
				t.Errorf("Parse(%q) = %q, %v; want an *UnknownError", bad, got, err)
				continue
			}
			if unknown.Set != set.Name() || unknown.Value != bad || !slices.Equal(unknown.Allowed, set.Strings()) {
				t.Errorf("Parse(%q): error %+v, want set %s and its values", bad, unknown, set.Name())
			}
			if T(bad).Valid() {
				t.Errorf("%q.Valid() = true", bad)
			}
			if got := T(bad).ZH(); got != bad {
				t.Errorf("%q.ZH() = %q, want the value itself", bad, got)
			}
		}
	})
}

func TestParse(t *testing.T) {
	checkSet(t, RiskLevels, ParseRiskLevel)
	checkSet(t, Categories, ParseCategory)
	checkSet(t, VenueStatuses, ParseVenueStatus)
	checkSet(t, Intervals, ParseInterval)
	checkSet(t, ReclassificationStatuses, ParseReclassificationStatus)
	checkSet(t, InspectionKinds, ParseInspectionKind)
	checkSet(t, InspectionStatuses, ParseInspectionStatus)
	checkSet(t, CheckResults, ParseCheckResult)
	checkSet(t, Severities, ParseSeverity)
	checkSet(t, FixModes, ParseFixMode)
	checkSet(t, HazardStatuses, ParseHazardStatus)
	checkSet(t, PhotoRoles, ParsePhotoRole)
	checkSet(t, Roles, ParseRole)
	checkSet(t, ActorKinds, ParseActorKind)
	checkSet(t, OrgUnitKinds, ParseOrgUnitKind)
	checkSet(t, DayKinds, ParseDayKind)
	checkSet(t, DocumentKinds, ParseDocumentKind)
	checkSet(t, DocumentStatuses, ParseDocumentStatus)
	checkSet(t, ServiceMethods, ParseServiceMethod)
	checkSet(t, ExtensionStatuses, ParseExtensionStatus)
	checkSet(t, DeliveryStatuses, ParseDeliveryStatus)
	checkSet(t, ReportKinds, ParseReportKind)
	checkSet(t, ReportStatuses, ParseReportStatus)
	checkSet(t, ReportSources, ParseReportSource)
	checkSet(t, ReportCloseReasons, ParseReportCloseReason)
	if n := len(All()); n != 25 {
		t.Errorf("TestParse checks 25 sets, the vocabulary has %d: check the new one here too", n)
	}
}

// TestAll checks what GET /api/v1/vocabulary serves: every set once, in
// the order of terms.go, with names, labels and unique values.
func TestAll(t *testing.T) {
	all := All()
	want := []string{"risk_level", "category", "venue_status", "interval", "reclassification_status", "inspection_kind",
		"inspection_status", "check_result", "severity", "fix_mode", "hazard_status", "photo_role", "role", "actor_kind", "org_unit_kind",
		"day_kind", "document_kind", "document_status", "service_method", "extension_status", "delivery_status",
		"report_kind", "report_status", "report_close_reason", "report_source"}
	var names []string
	for _, l := range all {
		names = append(names, l.Name)
	}
	if !slices.Equal(names, want) {
		t.Errorf("sets\n\t%v\nwant\n\t%v", names, want)
	}
	for _, l := range all {
		if l.ZH == "" || l.EN == "" || len(l.Terms) == 0 {
			t.Errorf("%s: zh %q, en %q, %d terms", l.Name, l.ZH, l.EN, len(l.Terms))
		}
		zh := map[string]bool{}
		for _, tm := range l.Terms {
			if zh[tm.ZH] {
				t.Errorf("%s: two terms are called %s", l.Name, tm.ZH)
			}
			zh[tm.ZH] = true
		}
	}
	// The listing is a copy: changing it changes nothing.
	all[0].Terms[0].ZH = "changed"
	if Red.ZH() != "红色" || All()[0].Terms[0].ZH != "红色" {
		t.Error("changing All's answer changed the vocabulary")
	}
}

// TestWords pins the words chosen where the console and the ledgers used
// to disagree, and the documents' names (公通字〔2009〕21号).
func TestWords(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Routine.ZH(), "日常检查"},
		{HazardOpen.ZH(), "待整改"},
		{Red.ZH(), "红色"},
		{Major.ZH(), "重大隐患"},
		{General.ZH(), "一般隐患"},
		{FixOnSite.ZH(), "当场整改"},
		{FixDeadline.ZH(), "限期整改"},
		{DocInspectionRecord.ZH(), "消防监督检查记录"},
		{DocImmediateOrder.ZH(), "责令立即改正通知书"},
		{DocDeadlineOrder.ZH(), "责令限期改正通知书"},
		{DocReinspectionOpinion.ZH(), "复查意见书"},
		{DocExtensionDecision.ZH(), "同意／不同意延期整改通知书"},
		{DocDraft.ZH(), "草稿"},
		{DocIssued.ZH(), "已签发"},
		{DocServed.ZH(), "已送达"},
		{DocVoid.ZH(), "作废"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestSubsets(t *testing.T) {
	for _, s := range InspectionStatuses.Values() {
		want := s == Scheduled || s == InProgress || s == Returned
		if s.Open() != want {
			t.Errorf("%s.Open() = %v, want %v", s, s.Open(), want)
		}
	}
	for _, s := range OpenInspectionStatuses {
		if !s.Valid() {
			t.Errorf("open status %q is not a status", s)
		}
	}
	for _, s := range UnverifiedHazardStatuses {
		if !s.Valid() || s == HazardVerified {
			t.Errorf("unverified hazard status %q", s)
		}
	}
}

func TestSQLList(t *testing.T) {
	if got := SQLList(OpenInspectionStatuses); got != "('scheduled', 'in_progress', 'returned')" {
		t.Errorf("SQLList = %s", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("SQLList of a value with a quote did not panic")
		}
	}()
	SQLList([]RiskLevel{"red' OR '1'='1"})
}

func TestNewSetRefusesMistakes(t *testing.T) {
	for name, terms := range map[string][]Term[RiskLevel]{
		"twice":     {{Red, "红色", "Red"}, {Red, "红", "Red"}},
		"no label":  {{Red, "", "Red"}},
		"not plain": {{"Red", "红色", "Red"}},
		"empty":     {{"", "空", "Empty"}},
	} {
		t.Run(name, func(t *testing.T) {
			n := len(registry)
			defer func() {
				registry = registry[:n]
				if recover() == nil {
					t.Errorf("newSet took %v", terms)
				}
			}()
			newSet("test", "测试", "Test", terms)
		})
	}
}
