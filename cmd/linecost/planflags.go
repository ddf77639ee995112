package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

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

// inputOptions reads --encoding and --sheet.
func inputOptions(c *cli.Context) (input.Options, error) {
	opts := input.Options{Encoding: c.String("encoding"), Sheet: c.String("sheet")}
	switch opts.Encoding {
	case "", "utf-8", "big5", "utf-16le", "utf-16be":
	default:
		return opts, usageErrorf("--encoding: want utf-8, big5, utf-16le or utf-16be, not %q", opts.Encoding)
	}
	return opts, nil
}

// printWarnings writes warnings to w, one per line: file:line: warning:
// text. Like errors, at most input.MaxShown are printed, then a count: a
// plan with a thousand rows over the bubble limit should not bury the
// summary. Every warning is kept in the workbook's Issues sheet and the
// JSON output.
func printWarnings(w io.Writer, ws []input.Warning) {
	if len(ws) > input.MaxShown {
		defer fmt.Fprintf(w, "... and %d more warnings (all of them are listed in the workbook's Issues sheet and in --json)\n", len(ws)-input.MaxShown)
		ws = ws[:input.MaxShown]
	}
	for _, x := range ws {
		if x.Line > 0 {
			fmt.Fprintf(w, "%s:%d: warning: %s\n", x.File, x.Line, x.Message)
		} else {
			fmt.Fprintf(w, "%s: warning: %s\n", x.File, x.Message)
		}
	}
}

// inputFailure maps errors in the plan files to exit code 1; other errors
// (a file that cannot be opened) stay failures.
func inputFailure(err error) error {
	var list input.Errors
	var one *input.Error
	if errors.As(err, &list) || errors.As(err, &one) {
		return inputError(err)
	}
	return err
}
