package delivery

import (
	"context"
	"io"

	"linecost/report"
	"linecost/report/workbook"
)

// Outputs are the files a budget is written to.
type Outputs struct {
	Workbook string // path of the .xlsx; none when empty
	JSON     string // path of the JSON; none when empty; "-" writes to Stdout
	Stdout   io.Writer
	Meta     workbook.Meta // for the workbook's About sheet
	// Temps tracks the temporary files beside the outputs, for a signal
	// handler (report.TempFiles); nil: not tracked.
	Temps *report.TempFiles
	// Built, when set, is called with the budget once it is priced and
	// before the outputs are written; the function it returns is called
	// when they are (the command uses it for its progress bar, warnings
	// and memory setting).
	Built func(*report.Budget) (written func())
}

// Produce builds the budget of the plan files and writes its outputs: the
// one code path of `linecost report` and `linecost watch`. The outputs are
// written to temporaries first and replaced together, or not at all
// (report.WriteFiles). The budget is returned
// even with an error, when it was built, for its warnings; the caller
// closes it. A cancelled ctx stops the writing and leaves no file.
func Produce(ctx context.Context, paths []string, opts report.Options, out Outputs) (*report.Budget, error) {
	budget, err := report.Build(paths, opts)
	if err != nil {
		return budget, err
	}
	if out.Built != nil {
		if written := out.Built(budget); written != nil {
			defer written()
		}
	}
	var outputs []report.Output
	if out.Workbook != "" {
		outputs = append(outputs, report.Output{Path: out.Workbook, Write: func(w io.Writer) error { return workbook.Write(w, budget, out.Meta) }})
	}
	var stream func() error
	switch out.JSON {
	case "":
	case "-":
		stream = func() error { return report.WriteJSON(out.Stdout, budget) }
	default:
		outputs = append(outputs, report.Output{Path: out.JSON, Write: func(w io.Writer) error { return report.WriteJSON(w, budget) }})
	}
	if err := report.WriteFiles(ctx, out.Temps, outputs, stream); err != nil {
		return budget, &OutputError{err}
	}
	return budget, nil
}

// OutputError is a budget that was priced but could not be written (a
// full disk, a folder without permission, Ctrl-C): not the plan's fault.
type OutputError struct{ Err error }

func (e *OutputError) Error() string { return e.Err.Error() }
func (e *OutputError) Unwrap() error { return e.Err }
