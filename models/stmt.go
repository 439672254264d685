package models

// stmt is a SQL statement built piece by piece, each piece added with its
// own arguments, so that the arguments are in the order of their
// placeholders however the pieces are combined.
type stmt struct {
	sql  string
	args []any
}

// sqlOf is a statement of one piece.
func sqlOf(sql string, args ...any) stmt { return stmt{sql: sql, args: args} }

// add appends a piece and its arguments.
func (s *stmt) add(sql string, args ...any) *stmt {
	s.sql += sql
	s.args = append(s.args, args...)
	return s
}

// addStmt appends another statement's text and arguments.
func (s *stmt) addStmt(o stmt) *stmt { return s.add(o.sql, o.args...) }
