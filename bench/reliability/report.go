package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// record appends a result measured outside this program: a fuzz run, or
// the generated access tests of handlers/bola_test.go.
func record(args []string) error {
	fs := flag.NewFlagSet("record", flag.ContinueOnError)
	r := result{}
	fs.StringVar(&r.Test, "test", "", "the test")
	fs.StringVar(&r.Fault, "fault", "", "the load or fault")
	fs.StringVar(&r.Figure, "figure", "", "the figure")
	fs.StringVar(&r.Lost, "lost", "n/a", "whether anything was lost: yes, no or n/a")
	fs.BoolVar(&r.OK, "ok", false, "whether the check passed")
	fs.StringVar(&r.Command, "command", "", "the command that reproduces it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	out := os.Getenv("JX_OUT")
	if out == "" || r.Test == "" {
		return errors.New("record needs JX_OUT and -test")
	}
	h := &harness{out: out, results: filepath.Join(out, "results.jsonl")}
	h.record(r)
	return nil
}

// report prints results.jsonl as a markdown table, writes it to
// RESULTS.md beside it, and fails when any check failed.
func report(args []string) error {
	out := os.Getenv("JX_OUT")
	if len(args) > 0 {
		out = args[0]
	}
	f, err := os.Open(filepath.Join(out, "results.jsonl"))
	if err != nil {
		return err
	}
	defer f.Close()
	var b strings.Builder
	b.WriteString("| test | load or fault | figure | nothing lost | result | command |\n| --- | --- | --- | --- | --- | --- |\n")
	failed := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r result
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		verdict := "pass"
		if !r.OK {
			verdict, failed = "**FAIL**", failed+1
		}
		nothingLost := map[string]string{"no": "yes", "yes": "**no**"}[r.Lost]
		if nothingLost == "" {
			nothingLost = r.Lost
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | `%s` |\n", cell(r.Test), cell(r.Fault), cell(r.Figure), nothingLost, verdict, cell(r.Command))
		for _, d := range r.Details {
			fmt.Fprintf(&b, "|  |  | ↳ %s |  |  |  |\n", cell(d))
		}
	}
	fmt.Print(b.String())
	if err := os.WriteFile(filepath.Join(out, "RESULTS.md"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d check(s) failed", failed)
	}
	return nil
}

func cell(s string) string { return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s) }

// bare serves Fiber's bare JSON handler (the framework's floor on this
// machine): GET /json answers {"message":"Hello, World!"}.
func bare(args []string) error {
	fs := flag.NewFlagSet("bare", flag.ContinueOnError)
	port := fs.String("port", "8081", "the port")
	if err := fs.Parse(args); err != nil {
		return err
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/json", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"message": "Hello, World!"}) })
	return app.Listen("127.0.0.1:" + *port)
}
