package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"linecost/report"
	"linecost/report/input"
)

// Flags and output shared by the commands that read plan files (check,
// report).

func encodingFlag() cli.Flag {
	return &cli.StringFlag{Name: "encoding", Usage: "read plan files as `ENC`: utf-8, big5, utf-16le or utf-16be (default: detect from the BOM, else UTF-8 when valid, else Big5)"}
}

func sheetFlag() cli.Flag {
	return &cli.StringFlag{Name: "sheet", Usage: "read sheet `NAME` of xlsx plans (default: the first sheet)"}
}

// planPaths returns the plan files of the command line: at least one, and
// standard input ("-") at most once.
func planPaths(c *cli.Context) ([]string, error) {
	paths := c.Args().Slice()
	if len(paths) == 0 {
		return nil, usageErrorf("%s needs at least one plan file", c.Command.Name)
	}
	stdin := 0
	for _, p := range paths {
		if p == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return nil, usageErrorf("standard input (-) can be read only once")
	}
	return paths, nil
}

// inputOptions reads --encoding, --sheet and the send times' zones of
// region (see sendZones); the plan "-" is the app's standard input.
func inputOptions(c *cli.Context, region string) (input.Options, error) {
	opts := input.Options{Encoding: c.String("encoding"), Sheet: c.String("sheet"), Stdin: c.App.Reader}
	switch opts.Encoding {
	case "", "utf-8", "big5", "utf-16le", "utf-16be":
	default:
		return opts, usageErrorf("--encoding: want utf-8, big5, utf-16le or utf-16be, not %q", opts.Encoding)
	}
	var err error
	opts.Zone, opts.BillingZone, err = sendZones(c, region)
	return opts, err
}

// printWarnings writes warnings to w, one per line: file:line: warning:
// text. Like errors, at most input.MaxShown are printed, then a count: a
// plan with a thousand rows over the bubble limit should not bury the
// summary. Every warning is kept in the workbook's Issues sheet and the
// JSON output.
func printWarnings(w io.Writer, ws []input.Warning) { printWarningsIn(w, ws, terminalText("en"), nil) }

// printWarningsIn is printWarnings in the words of t, each warning in
// Chinese when t is and zh has it.
func printWarningsIn(w io.Writer, ws []input.Warning, t terminal, zh func(input.Warning) (string, bool)) {
	if len(ws) > input.MaxShown {
		defer fmt.Fprintf(w, t.more, len(ws)-input.MaxShown)
		ws = ws[:input.MaxShown]
	}
	for _, x := range ws {
		if m, ok := translate(zh, x); t.zh && ok {
			x.Message = t.warning + m
		} else {
			x.Message = "warning: " + x.Message
		}
		if x.File == "" { // about the whole budget, not a file
			fmt.Fprintf(w, "%s\n", x.Message)
			continue
		}
		if x.Line > 0 {
			fmt.Fprintf(w, "%s:%d: %s\n", x.File, x.Line, x.Message)
		} else {
			fmt.Fprintf(w, "%s: %s\n", x.File, x.Message)
		}
	}
}

// inputFailure maps what report.Build returns to exit codes: errors in
// the plan files and plans that cannot be budgeted are input errors (1),
// an option that does not fit the plans is a usage error (2), and anything
// else (a file that cannot be opened) stays a failure (3).
func inputFailure(err error) error {
	var list input.Errors
	var one *input.Error
	var plan *report.PlanError
	var option *report.OptionError
	switch {
	case errors.As(err, &option):
		return &exitError{exitUsage, err}
	case errors.As(err, &list), errors.As(err, &one), errors.As(err, &plan):
		return inputError(err)
	}
	return err
}

// translate is zh(w), false when zh is nil.
func translate(zh func(input.Warning) (string, bool), w input.Warning) (string, bool) {
	if zh == nil {
		return "", false
	}
	return zh(w)
}
