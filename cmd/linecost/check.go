package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/urfave/cli/v2"

	"linecost/pricing"
	"linecost/report"
	"linecost/report/input"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "validate campaign plans without writing anything",
		UsageText: "linecost check [--encoding ENC] [--sheet NAME] [--column FIELD=HEADER]... [--json] PLAN...",
		Description: "Reads the campaign plans (CSV or xlsx; - reads standard input) exactly as\n" +
			"`linecost report` would, and prints for each file the encoding and delimiter\n" +
			"(or sheet) it found, its rows, accounts, months and billable messages, and\n" +
			"one line for each default taken for a column a file lacks and for title rows\n" +
			"skipped above a header. A header linecost does not know but that looks like\n" +
			"a column the file lacks is an error: --column FIELD=HEADER reads it. Every\n" +
			"bad cell of every file is reported as file:line:column: header: problem,\n" +
			"sorted by position; warnings go to standard error. The exit code is 0 only\n" +
			"when there are no errors, 1 when a plan has errors.\n\n" +
			"Example:\n" +
			"   linecost check plans/2025-01.csv plans/2025-02.xlsx\n" +
			"   linecost check --encoding big5 舊檔.csv\n" +
			"   linecost check --column sends=推送次數 plan.csv\n" +
			"   linecost check --sheet 活動 --json plan.xlsx",
		Flags: []cli.Flag{
			encodingFlag(),
			sheetFlag(),
			columnFlag(),
			&cli.StringFlag{Name: "region", Value: "tw", Usage: "the plans' `REGION` (tw, jp, th): its time zone places send times on LINE's billing day"},
			timeZoneFlag(),
			maxMonthsFlag(),
			todayFlag(),
			&cli.BoolFlag{Name: "json", Usage: "print files, rows, warnings and errors as one JSON object"},
		},
		Action: func(c *cli.Context) error {
			opts, err := checkFlags(c)
			if err != nil {
				return err
			}
			return runCheck(opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// checkOptions is the command line of `linecost check`.
type checkOptions struct {
	paths []string
	input input.Options
	json  bool
}

func checkFlags(c *cli.Context) (checkOptions, error) {
	o := checkOptions{json: c.Bool("json")}
	var err error
	if o.paths, err = planPaths(c); err != nil {
		return o, err
	}
	if o.input, err = inputOptions(c, c.String("region")); err != nil {
		return o, err
	}
	limits := report.Options{Input: o.input}
	if limits.Today, limits.MaxMonths, err = dateLimits(c, regionZone(c.String("region"))); err != nil {
		return o, err
	}
	o.input = limits.ReadOptions()
	return o, nil
}

// checkJSON is the shape of `linecost check --json`.
type checkJSON struct {
	Files    []input.FileInfo `json:"files"`
	Rows     []checkRow       `json:"rows"`
	Warnings []input.Warning  `json:"warnings"`
	Errors   []*input.Error   `json:"errors"`
}

type checkRow struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Account  string `json:"account"`
	Campaign string `json:"campaign"`
	Segment  string `json:"segment"`
	Date     string `json:"date"`
	Time     string `json:"time,omitempty"`   // the send time as written, when the plan gives one
	Billed   string `json:"billed,omitempty"` // the day LINE counts the send on, when it is not Date
	Month    string `json:"month"`            // the month LINE bills the send in
	Friends  int64  `json:"friends"`
	Blocked  int64  `json:"blocked"`
	Sends    int64  `json:"sends"`
	Bubbles  int64  `json:"bubbles"`
	Channel  string `json:"channel"`
	Messages int64  `json:"messages"`
}

// runCheck reads the plans and reports on them. It returns an input error
// (exit 1) when any plan has errors, and a plain error (exit 3) when a
// file cannot be read at all.
func runCheck(o checkOptions, stdout, stderr io.Writer) error {
	out := checkJSON{Rows: []checkRow{}}
	accounts := map[string]bool{}
	months := map[pricing.Month]bool{}
	infos, warnings, err := input.ReadFiles(o.paths, o.input, func(r input.Row) error {
		accounts[r.Account], months[r.Month()] = true, true
		if o.json {
			row := checkRow{
				File: r.File, Line: r.Line, Account: r.Account, Campaign: r.Campaign, Segment: r.Segment,
				Date: r.Date.Format(time.DateOnly), Month: r.Month().String(),
				Friends: r.Friends, Blocked: r.Blocked, Sends: r.Sends, Bubbles: r.Bubbles,
				Channel: r.Channel.String(), Messages: r.Messages,
			}
			if r.Timed {
				row.Time = time.Time{}.Add(r.Time).Format(time.TimeOnly)
			}
			if !r.Billed.Equal(r.Date) {
				row.Billed = r.Billed.Format(time.DateOnly)
			}
			out.Rows = append(out.Rows, row)
		}
		return nil
	})
	var errs input.Errors
	if err != nil && !errors.As(err, &errs) {
		return err
	}
	if o.json {
		printWarnings(stderr, warnings)
		out.Files = append([]input.FileInfo{}, infos...)
		out.Warnings = append([]input.Warning{}, warnings...)
		out.Errors = append([]*input.Error{}, errs...)
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		printFiles(stdout, infos, len(accounts), len(months))
		printFileNotes(stdout, infos, false)
		printWarnings(stderr, warnings)
		if len(errs) > 0 {
			fmt.Fprintln(stderr, errs.Error())
		}
	}
	if len(errs) > 0 {
		return inputError(errors.New(errorSummary(errs)))
	}
	return nil
}

// printFiles writes one line per file, and a total when there are several.
func printFiles(w io.Writer, infos []input.FileInfo, accounts, months int) {
	t := newTable(2, 3, 4, 5)
	t.add("FILE", "FORMAT", "ROWS", "ACCOUNTS", "MONTHS", "MESSAGES")
	var rows int
	var messages int64
	for _, f := range infos {
		t.add(f.File, format(f), strconv.Itoa(f.Rows), strconv.Itoa(f.Accounts), strconv.Itoa(f.Months), report.Count(f.Messages))
		rows += f.Rows
		messages += f.Messages
	}
	if len(infos) > 1 {
		t.add("total", "", strconv.Itoa(rows), strconv.Itoa(accounts), strconv.Itoa(months), report.Count(messages))
	}
	t.write(w, "")
}

// format describes how a file was read: "utf-8-bom, comma", "xlsx, sheet Plan".
func format(f input.FileInfo) string {
	switch {
	case f.Encoding == input.XLSX && f.Sheet != "":
		return "xlsx, sheet " + f.Sheet
	case f.Encoding == input.XLSX:
		return "xlsx"
	case f.Encoding == "":
		return "unknown"
	}
	names := map[string]string{",": "comma", "\t": "tab", ";": "semicolon"}
	if d, ok := names[f.Delimiter]; ok {
		return f.Encoding + ", " + d
	}
	return f.Encoding
}

// errorSummary is the last line of a failed check: "3 errors in plan.csv",
// "5 errors in 2 files".
func errorSummary(errs input.Errors) string {
	files := map[string]bool{}
	for _, e := range errs {
		files[e.File] = true
	}
	what := "error"
	if len(errs) > 1 {
		what = "errors"
	}
	if len(files) == 1 {
		return fmt.Sprintf("%d %s in %s", len(errs), what, errs[0].File)
	}
	return fmt.Sprintf("%d %s in %d files", len(errs), what, len(files))
}
