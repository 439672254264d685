// Command jiuxiao is the Jiuxiao service: the HTTP API for grid-based
// fire-safety inspection of small venues, its migrations, its scheduler and
// its demo seed. `jiuxiao help` lists the commands, `jiuxiao help CMD` (or
// `jiuxiao CMD --help`) explains one.
//
// Exit status: 0 on success (help included), 1 when a command fails, 2 when
// the command line is wrong (unknown command, bad or stray arguments).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/seed"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// command is one command of the jiuxiao binary. setup declares its flags on
// fs and returns what runs it; args are what remains after the flags, of
// which there must be exactly len(argNames).
type command struct {
	name     string // "serve", or "group sub" such as "schedule generate"
	synopsis string // the arguments after the name, for the usage line
	short    string // one line, for the list of commands
	about    string // what it does, for `help CMD`
	argNames []string
	noConfig bool // runs without reading the configuration (version)
	setup    func(fs *flag.FlagSet) func(ctx context.Context, cfg app.Config, args []string, out io.Writer) error
}

// commands lists every command, in the order help shows them.
var commands = []*command{
	{name: "serve", short: "serve the HTTP API", about: "Serve the HTTP API on PORT (migrating first unless MIGRATE_ON_START=false), and the " +
		"schedule cron when SCHEDULE_CRON is set, until SIGTERM or SIGINT.", setup: serveCmd},
	{name: "migrate up", short: "apply the schema migrations", about: "Apply the schema migrations not yet applied (goose's lock keeps replicas from migrating twice).",
		setup: migrateCmd("up")},
	{name: "migrate status", short: "list the schema migrations", about: "List the schema migrations and when each was applied.", setup: migrateCmd("status")},
	{name: "schedule generate", synopsis: "[--as-of YYYY-MM-DD] [--json | --print-sql]", short: "create the routine inspections due",
		about: "Create the routine inspections due as of a date (default: today in TZ); safe to repeat. " +
			"--json prints the result as one JSON object, for scripts.", setup: scheduleCmd},
	{name: "seed", synopsis: "[--venues N] [--if-empty]", short: "create a demo city (N venues, default 2000)", about: "Create a demo city: org tree, demo accounts " +
		"(password SEED_PASSWORD), N venues and the national holiday calendars. Refuses a database with users, " +
		"unless --if-empty (then it does nothing).", setup: seedCmd},
	{name: "bootstrap", synopsis: "--city-code CODE --city-name NAME [--admin USERNAME]", short: "the first city and admin of a real deployment",
		about: "The first city and admin of a real deployment, on an empty database. The password is read " +
			"from BOOTSTRAP_PASSWORD, or from standard input.", setup: bootstrapCmd},
	{name: "calendar import", synopsis: "FILE.json", short: "load a year's holidays and make-up working days", argNames: []string{"FILE.json"},
		about: `Load a year's holidays and make-up working days: {"year": 2027, "holidays": [dates], "workdays": [dates]}, ` +
			"as in seed/data/cn-holidays-*.json.", setup: calendarCmd},
	{name: "stats rebuild", short: "count the figures' per-grid tables again", about: "Count the figures' per-grid tables again from the venues, inspections and " +
		"hazards (writes wait for the seconds it takes).", setup: statsCmd},
	{name: "version", short: "print the version", about: "Print the version (set at build time).", noConfig: true, setup: versionCmd},
}

const usageHead = `usage: jiuxiao <command> [arguments]

commands:
`

const usageTail = `  help [COMMAND]       this list, or what one command does and its flags

The configuration comes from the environment and .env (.env.example lists it).
`

// usageText is the list of commands.
func usageText() string {
	var b strings.Builder
	b.WriteString(usageHead)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-20s %s\n", c.name, c.short)
	}
	b.WriteString(usageTail)
	return b.String()
}

// usageError is a wrong command line: main prints it with the usage that
// fits on stderr and exits 2.
type usageError struct {
	msg   string
	usage string
}

func (e *usageError) Error() string { return e.msg }

func usagef(usage, format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...), usage: usage}
}

// badArgs is a usageError of a command's runner; run adds the command's usage.
func badArgs(format string, a ...any) error { return usagef("", format, a...) }

func main() {
	os.Exit(mainWith(os.Args[1:], os.Stdout, os.Stderr))
}

// mainWith runs the command line and returns the exit status.
func mainWith(args []string, stdout, stderr io.Writer) int {
	err := run(args, stdout)
	var uerr *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "jiuxiao: %s\n\n%s", uerr.msg, uerr.usage)
		return 2
	}
	fmt.Fprintln(stderr, "jiuxiao:", err)
	return 1
}

// isHelp reports whether an argument asks for help.
func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// lookup finds the command args start with, and how many words its name took.
// A group's name alone ("schedule") or an unknown word is no command.
func lookup(args []string) (*command, int) {
	for _, c := range commands {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == c.name {
			return c, len(words)
		}
	}
	return nil, 0
}

// group lists the commands under a group's name ("schedule"), or nil.
func group(name string) []*command {
	var cs []*command
	for _, c := range commands {
		if first, _, ok := strings.Cut(c.name, " "); ok && first == name {
			cs = append(cs, c)
		}
	}
	return cs
}

func groupUsage(name string, cs []*command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: jiuxiao %s <command>\n\ncommands:\n", name)
	for _, c := range cs {
		fmt.Fprintf(&b, "  %s\n%s", strings.TrimSpace(c.name+" "+c.synopsis), wrap(c.about, "      "))
	}
	return b.String()
}

// flags makes the command's flag set and its runner; the flag package's own
// messages are silenced, since run reports errors with the usage itself.
func (c *command) flags() (*flag.FlagSet, func(context.Context, app.Config, []string, io.Writer) error) {
	fs := flag.NewFlagSet("jiuxiao "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runner := c.setup(fs)
	return fs, runner
}

// usage is the command's help: its usage line, what it does, its flags.
func (c *command) usage() string {
	fs, _ := c.flags()
	var b strings.Builder
	b.WriteString("usage: jiuxiao " + strings.TrimSpace(c.name+" "+c.synopsis) + "\n\n" + wrap(c.about, ""))
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		b.WriteString("\nflags:\n")
		fs.SetOutput(&b)
		fs.PrintDefaults()
	}
	return b.String()
}

// wrap breaks text into lines of at most 78 columns, each after indent.
func wrap(text, indent string) string {
	var b strings.Builder
	line := indent
	for _, w := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(w) > 78 {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
	return b.String()
}

// help is `jiuxiao help [COMMAND]`.
func help(args []string, out io.Writer) error {
	if len(args) == 0 {
		_, err := io.WriteString(out, usageText())
		return err
	}
	if c, n := lookup(args); c != nil && n == len(args) {
		_, err := io.WriteString(out, c.usage())
		return err
	}
	if cs := group(args[0]); cs != nil && len(args) == 1 {
		_, err := io.WriteString(out, groupUsage(args[0], cs))
		return err
	}
	return usagef(usageText(), "help: no command %q", strings.Join(args, " "))
}

// run runs one command line, writing the command's output to out.
func run(args []string, out io.Writer) error {
	if len(args) == 0 {
		return usagef(usageText(), "no command given")
	}
	if args[0] == "help" || isHelp(args[0]) {
		return help(args[1:], out)
	}
	c, n := lookup(args)
	if c == nil {
		if cs := group(args[0]); cs != nil {
			if len(args) > 1 && isHelp(args[1]) {
				_, err := io.WriteString(out, groupUsage(args[0], cs))
				return err
			}
			if len(args) == 1 {
				return usagef(groupUsage(args[0], cs), "%s: which command?", args[0])
			}
			return usagef(groupUsage(args[0], cs), "%s: unknown command %q", args[0], args[1])
		}
		return usagef(usageText(), "unknown command %q", args[0])
	}
	fs, runner := c.flags()
	if err := fs.Parse(args[n:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			_, err := io.WriteString(out, c.usage())
			return err
		}
		return usagef(c.usage(), "%s: %v", c.name, err)
	}
	rest := fs.Args()
	for _, a := range rest {
		if isHelp(a) {
			_, err := io.WriteString(out, c.usage())
			return err
		}
	}
	if len(rest) != len(c.argNames) {
		if len(rest) > len(c.argNames) {
			return usagef(c.usage(), "%s: unexpected argument %q", c.name, rest[len(c.argNames)])
		}
		return usagef(c.usage(), "%s: missing %s", c.name, strings.Join(c.argNames[len(rest):], " "))
	}
	var cfg app.Config
	if !c.noConfig {
		var err error
		if cfg, err = app.Load(); err != nil {
			return err
		}
		cfg.Version = version
		// Batch commands print their own progress and timings: their slow
		// statements are logged at debug level, not between their lines.
		cfg.QuietSlowSQL = c.name != "serve"
		slog.SetDefault(app.NewLogger(cfg.LogLevel))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := runner(ctx, cfg, rest, out)
	if uerr := (*usageError)(nil); errors.As(err, &uerr) && uerr.usage == "" {
		uerr.usage = c.usage()
	}
	return err
}

func serveCmd(*flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
	return func(ctx context.Context, cfg app.Config, _ []string, _ io.Writer) error {
		return app.Serve(ctx, cfg)
	}
}

func migrateCmd(sub string) func(*flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
	return func(*flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
		return func(ctx context.Context, cfg app.Config, _ []string, out io.Writer) error {
			db, err := app.OpenDB(cfg)
			if err != nil {
				return err
			}
			return app.Migrate(ctx, db, sub, out)
		}
	}
}

func seedCmd(fs *flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
	venues := fs.Int("venues", 2000, "the number `N` of demo venues")
	ifEmpty := fs.Bool("if-empty", false, "do nothing when the database already has users")
	return func(ctx context.Context, cfg app.Config, _ []string, out io.Writer) error {
		db, err := app.OpenDB(cfg)
		if err != nil {
			return err
		}
		return seed.Run(ctx, db, seed.Options{Venues: *venues, IfEmpty: *ifEmpty, Password: cfg.SeedPassword, Location: cfg.Location, PublicBaseURL: cfg.PublicBaseURL}, out)
	}
}

func versionCmd(*flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
	return func(_ context.Context, _ app.Config, _ []string, out io.Writer) error {
		_, err := fmt.Fprintln(out, "jiuxiao", version)
		return err
	}
}
