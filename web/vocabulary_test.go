package web

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// The console takes every term's label from GET /api/v1/vocabulary
// (TestConsoleVocabulary proves it in a browser). These checks, which need
// neither a browser nor a database, keep the words and the value lists out
// of its files, and its pages from importing each other.

// consoleFiles are the console's JavaScript and HTML, by name.
func consoleFiles(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".html")) {
			return err
		}
		b, err := fs.ReadFile(static, p)
		out[strings.TrimPrefix(p, "static/")] = string(b)
		return err
	})
	if err != nil || len(out) < 5 {
		t.Fatalf("read the console's files: %d, %v", len(out), err)
	}
	return out
}

// A string literal of JavaScript ('…', "…" or `…` without ${}), or a text
// between two tags of HTML.
var literal = regexp.MustCompile("'([^'\\\\\\n]*)'|\"([^\"\\\\\\n]*)\"|`([^`$\\\\]*)`|>([^<>]+)<")

// TestNoTermWords: no file of the console spells a term's label (or a set's
// Chinese name) as a string of its own.
func TestNoTermWords(t *testing.T) {
	words := map[string]string{}
	for _, set := range vocab.All() {
		words[set.ZH] = "the name of " + set.Name
		for _, tm := range set.Terms {
			words[tm.ZH] = set.Name + " " + tm.Value
			words[tm.EN] = set.Name + " " + tm.Value
		}
	}
	for name, text := range consoleFiles(t) {
		for _, m := range literal.FindAllStringSubmatch(text, -1) {
			s := strings.TrimSpace(m[1] + m[2] + m[3] + m[4])
			if what, ok := words[s]; ok {
				t.Errorf("%s spells %q, the label of %s: take it from vocab.js", name, s, what)
			}
		}
	}
}

// An innermost array or object literal of JavaScript: brackets or braces
// where a value goes (after =, (, ",", :, [, ? or return), not a block.
var jsLiteral = regexp.MustCompile(`(?:[=(,:\[?]|\breturn)\s*([\[{][^\[\]{}]*[\]}])`)

// Its quoted strings and its bare keys (key: …).
var jsWord = regexp.MustCompile(`'([a-z_]+)'|"([a-z_]+)"|\b([a-z_]+)\s*:`)

// TestNoValueLists: no array or object literal of the console lists two or
// more values of one set (['red', 'yellow'], { city: 0, district: 1 }): the
// lists and their order come from the vocabulary.
func TestNoValueLists(t *testing.T) {
	sets := vocab.All()
	for name, text := range consoleFiles(t) {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		for _, m := range jsLiteral.FindAllStringSubmatch(text, -1) {
			lit := m[1]
			var words []string
			for _, m := range jsWord.FindAllStringSubmatch(lit, -1) {
				words = append(words, m[1]+m[2]+m[3])
			}
			for _, set := range sets {
				var in []string
				for _, tm := range set.Terms {
					if slices.Contains(words, tm.Value) {
						in = append(in, tm.Value)
					}
				}
				if len(in) >= 2 {
					t.Errorf("%s lists the %s values %v in %.80q: take the list from vocab.js", name, set.Name, in, lit)
				}
			}
		}
	}
}

// The console's pages: modules that render a route, which app.js imports.
var pages = []string{"js/dashboard.js", "js/review.js", "js/venues.js", "js/ledgers.js"}

var jsImport = regexp.MustCompile(`(?m)^import\s[^;]*?from\s+'\./([a-z]+\.js)'`)

// TestPagesImportNoPage: a page imports shared modules only (api, i18n,
// vocab, ui, lookups, map), never another page; only the shell, app.js,
// imports the pages.
func TestPagesImportNoPage(t *testing.T) {
	files := consoleFiles(t)
	for name, text := range files {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		for _, m := range jsImport.FindAllStringSubmatch(text, -1) {
			imported := "js/" + m[1]
			if _, ok := files[imported]; !ok {
				t.Errorf("%s imports %s, which does not exist", name, imported)
			}
			if slices.Contains(pages, imported) && name != "js/app.js" {
				t.Errorf("%s imports the page %s: move what it needs into a shared module", name, imported)
			}
		}
	}
}
