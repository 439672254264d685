// Package vocab is Jiuxiao's vocabulary: every enumerated term of the domain
// (risk levels, venue categories, intervals, inspection kinds and statuses,
// hazard severities, fix modes and statuses, roles, org-unit kinds, document
// kinds, …) as a named Go type with its values, its parsing and its Chinese
// and English labels, each written once, in terms.go.
//
// Everything else takes its words from here: the models' structs and
// validation, the SQL built in Go, the seed, the ledgers, and — through
// GET /api/v1/vocabulary — the console. The SQL CHECK constraints of the
// migrations repeat the values; a test (models/vocabulary_test.go) fails when
// they disagree.
//
// The package imports nothing of Jiuxiao, so that every other package,
// schedules included, may use it.
package vocab

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Term is one value of a set with its Chinese and English labels.
type Term[T ~string] struct {
	Value T
	ZH    string
	EN    string
}

// Set is the values of one term type, in their order (the order the
// console and the API list them in), with their labels and the set's own
// name and labels.
type Set[T ~string] struct {
	name   string
	zh, en string
	terms  []Term[T]
	// open are the values of work still to be done, for the sets that
	// have such (withOpen): the API marks them, so that no client spells
	// them itself.
	open []T
}

// withOpen marks the values of s that are work still to be done, and
// returns them.
func (s *Set[T]) withOpen(values []T) []T {
	s.open = values
	return values
}

// listing is what the registry keeps of a set.
type listing interface{ Listing() Listing }

// registry is every set, in the order terms.go declares them.
var registry []listing

// value is what a term's value may be: a plain word, so that it needs no
// quoting in SQL, a URL or a CSS class.
var value = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// newSet makes and registers a set; it panics on a value that is not a
// plain word or is named twice, or on a missing label (a mistake in
// terms.go, found when the program starts).
func newSet[T ~string](name, zh, en string, terms []Term[T]) *Set[T] {
	seen := map[T]bool{}
	for _, t := range terms {
		if !value.MatchString(string(t.Value)) || seen[t.Value] || t.ZH == "" || t.EN == "" {
			panic(fmt.Sprintf("vocab: %s: bad term %+v", name, t))
		}
		seen[t.Value] = true
	}
	s := &Set[T]{name: name, zh: zh, en: en, terms: terms}
	registry = append(registry, s)
	return s
}

// Name is the set's name in the API ("risk_level").
func (s *Set[T]) Name() string { return s.name }

// Terms are the set's terms, in order.
func (s *Set[T]) Terms() []Term[T] { return slices.Clone(s.terms) }

// Values are the set's values, in order.
func (s *Set[T]) Values() []T {
	out := make([]T, len(s.terms))
	for i, t := range s.terms {
		out[i] = t.Value
	}
	return out
}

// Strings are the set's values as strings, in order.
func (s *Set[T]) Strings() []string {
	out := make([]string, len(s.terms))
	for i, t := range s.terms {
		out[i] = string(t.Value)
	}
	return out
}

// List is the values for a message: "red, yellow, green".
func (s *Set[T]) List() string { return strings.Join(s.Strings(), ", ") }

// Has reports whether v is one of the set's values.
func (s *Set[T]) Has(v T) bool {
	_, ok := s.term(v)
	return ok
}

func (s *Set[T]) term(v T) (Term[T], bool) {
	for _, t := range s.terms {
		if t.Value == v {
			return t, true
		}
	}
	return Term[T]{}, false
}

// Parse reads a value of the set; anything else is an *UnknownError.
func (s *Set[T]) Parse(str string) (T, error) {
	v := T(str)
	if !s.Has(v) {
		return "", &UnknownError{Set: s.name, Value: str, Allowed: s.Strings()}
	}
	return v, nil
}

// ZH is the Chinese label of v, or v itself when it is not in the set.
func (s *Set[T]) ZH(v T) string {
	if t, ok := s.term(v); ok {
		return t.ZH
	}
	return string(v)
}

// EN is the English label of v, or v itself when it is not in the set.
func (s *Set[T]) EN(v T) string {
	if t, ok := s.term(v); ok {
		return t.EN
	}
	return string(v)
}

// Label is the set's own name in Chinese and English ("风险等级", "Risk level").
func (s *Set[T]) Label() (zh, en string) { return s.zh, s.en }

// Listing is the set as GET /api/v1/vocabulary shows it.
func (s *Set[T]) Listing() Listing {
	l := Listing{Name: s.name, ZH: s.zh, EN: s.en, Terms: make([]Label, len(s.terms))}
	for i, t := range s.terms {
		l.Terms[i] = Label{Value: string(t.Value), ZH: t.ZH, EN: t.EN, Open: slices.Contains(s.open, t.Value)}
	}
	return l
}

// Listing is one set of the vocabulary as the API answers it.
type Listing struct {
	Name  string  `json:"name"`
	ZH    string  `json:"zh"`
	EN    string  `json:"en"`
	Terms []Label `json:"terms"`
}

// Label is one term as the API answers it.
type Label struct {
	Value string `json:"value"`
	ZH    string `json:"zh"`
	EN    string `json:"en"`
	// Open marks a status of work still to be done (an inspection
	// scheduled, in progress or returned): the one list of them.
	Open bool `json:"open,omitempty"`
}

// All is the whole vocabulary, set by set in the order terms.go declares
// them, each set's terms in their order.
func All() []Listing {
	out := make([]Listing, len(registry))
	for i, s := range registry {
		out[i] = s.Listing()
	}
	return out
}

// UnknownError is a string that is not a value of the set it was parsed as.
type UnknownError struct {
	Set     string
	Value   string
	Allowed []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("%q is not a %s: must be one of %s", e.Value, e.Set, strings.Join(e.Allowed, ", "))
}

// SQLList is values as a SQL list for a statement's text: ('a', 'b'). Term
// values are plain words (newSet checks), so they need no escaping; the
// list is a constant of the statement, which lets PostgreSQL match it to a
// partial index's predicate, as a bound parameter would not.
func SQLList[T ~string](values []T) string {
	parts := make([]string, len(values))
	for i, v := range values {
		if !value.MatchString(string(v)) {
			panic(fmt.Sprintf("vocab: %q is not a term value", v))
		}
		parts[i] = "'" + string(v) + "'"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
