package app_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// notYet are the series deploy/ is ready for that other work will add.
var notYet = map[string]string{}

func TestDeployFilesNameRealSeries(t *testing.T) {
	// Ensure every series the alert rules and the dashboard use is one the
	// service exports, so that neither can drift from the code unseen.
	e := apptest.New(t, apptest.Options{Venues: 5})
	e.Token("admin")
	e.Post("admin", "/api/v1/schedules/generate", map[string]string{}).Must(t, 200)
	e.Get("admin", "/api/v1/inspections?mine=true")
	text := string(e.Do(apptest.Request{Method: "GET", Path: "/metrics"}).Must(t, 200).Body)

	rules, err := os.ReadFile("../deploy/prometheus/jiuxiao.rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../deploy/grafana/jiuxiao.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatalf("deploy/grafana/jiuxiao.json: %v", err)
	}
	exprs := string(rules)
	for _, p := range dash.Panels {
		for _, tg := range p.Targets {
			exprs += "\n" + tg.Expr
		}
	}
	series := regexp.MustCompile(`\b(?:jiuxiao|go_sql)_[a-z_]+\b`)
	seen := map[string]bool{}
	for _, name := range series.FindAllString(exprs, -1) {
		if seen[name] {
			continue
		}
		seen[name] = true
		if why, ok := notYet[name]; ok {
			t.Logf("%s: comes with %s", name, why)
			continue
		}
		if !strings.Contains(text, "\n"+name+"{") && !strings.Contains(text, "\n"+name+" ") {
			t.Errorf("deploy/ uses %s, which /metrics does not have", name)
		}
	}
	if len(seen) < 10 {
		t.Fatalf("only %d series found in deploy/: %v", len(seen), seen)
	}
}
