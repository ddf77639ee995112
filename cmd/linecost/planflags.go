package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

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

func columnFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "column", Usage: "read column `FIELD=HEADER` (or FIELD=COLUMN-LETTER) as FIELD, for a header linecost does not know, e.g. sends=推播次數 (repeatable)"}
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

// inputOptions reads --encoding, --sheet, --column and the send times'
// zones of region (see sendZones); the plan "-" is the app's standard
// input.
func inputOptions(c *cli.Context, region string) (input.Options, error) {
	opts := input.Options{Encoding: c.String("encoding"), Sheet: c.String("sheet"), Stdin: c.App.Reader}
	switch opts.Encoding {
	case "", "utf-8", "big5", "utf-16le", "utf-16be":
	default:
		return opts, usageErrorf("--encoding: want utf-8, big5, utf-16le or utf-16be, not %q", opts.Encoding)
	}
	for _, s := range c.StringSlice("column") {
		choice, err := input.ParseColumnChoice(s)
		if err != nil {
			return opts, usageErrorf("--column: %v", err)
		}
		opts.Columns = append(opts.Columns, choice)
	}
	var err error
	opts.Zone, opts.BillingZone, err = sendZones(c, region)
	return opts, err
}

// printFileNotes writes what the reader assumed or skipped in each file,
// one line each: the defaults taken for absent columns and the title rows
// above the header (Totals rows are warnings, with their lines), in
// Traditional Chinese when zh is set.
func printFileNotes(w io.Writer, infos []input.FileInfo, zh bool) {
	for _, f := range infos {
		for _, d := range f.Defaults {
			if zh {
				fmt.Fprintf(w, "%s：預設值：%s\n", f.File, d.Chinese())
			} else {
				fmt.Fprintf(w, "%s: default: %s\n", f.File, d)
			}
		}
		if n := len(f.TitleRows); n > 0 {
			var texts []string
			for _, t := range f.TitleRows {
				texts = append(texts, strconv.Quote(t.Text))
			}
			if zh {
				fmt.Fprintf(w, "%s：略過標題上方的 %d 列（第 %s 列）：%s\n", f.File, n, lineNumbers(f.TitleRows), strings.Join(texts, "、"))
			} else {
				fmt.Fprintf(w, "%s: skipped %s above the header (%s): %s\n", f.File,
					plural(int64(n), "title row", "title rows"), lineList(f.TitleRows), strings.Join(texts, ", "))
			}
		}
	}
}

// lineNumbers is the lines of title rows as numbers alone: "1", "1-2", "1, 3".
func lineNumbers(rows []input.TitleRow) string {
	s := lineList(rows)
	s = strings.TrimPrefix(s, "lines ")
	return strings.TrimPrefix(s, "line ")
}

// lineList names the lines of title rows: "line 1", "lines 1-2", "lines 1, 3".
func lineList(rows []input.TitleRow) string {
	if len(rows) == 1 {
		return "line " + strconv.Itoa(rows[0].Line)
	}
	consecutive := rows[len(rows)-1].Line-rows[0].Line == len(rows)-1
	if consecutive {
		return fmt.Sprintf("lines %d-%d", rows[0].Line, rows[len(rows)-1].Line)
	}
	var ls []string
	for _, r := range rows {
		ls = append(ls, strconv.Itoa(r.Line))
	}
	return "lines " + strings.Join(ls, ", ")
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
		defer fmt.Fprint(w, t.more(len(ws)-input.MaxShown))
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
		} else if x.Line > 0 {
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
