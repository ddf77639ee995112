package delivery

import (
	"context"
	"io"

	"linecost/report"
)

// Outputs are the files a budget is written to.
type Outputs struct {
	Workbook string // path of the .xlsx; none when empty
	JSON     string // path of the JSON; none when empty; "-" writes to Stdout
	Stdout   io.Writer
	Meta     report.Meta // for the workbook's About sheet
	// Built, when set, is called with the budget once it is priced and
	// before the outputs are written; the function it returns is called
	// when they are (the command uses it for its progress bar, warnings
	// and memory setting).
	Built func(*report.Budget) (written func())
}

// Produce builds the budget of the plan files and writes its outputs: the
// one code path of `linecost report` and `linecost watch`. Each output is
// written whole or not at all (report.WriteFile). The budget is returned
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
	if out.Workbook != "" {
		err := report.WriteFile(ctx, out.Workbook, func(w io.Writer) error { return report.WriteWorkbook(w, budget, out.Meta) })
		if err != nil {
			return budget, &OutputError{err}
		}
	}
	switch out.JSON {
	case "":
	case "-":
		if err := report.WriteJSON(out.Stdout, budget); err != nil {
			return budget, &OutputError{err}
		}
	default:
		if err := report.WriteFile(ctx, out.JSON, func(w io.Writer) error { return report.WriteJSON(w, budget) }); err != nil {
			return budget, &OutputError{err}
		}
	}
	return budget, nil
}

// OutputError is a budget that was priced but could not be written (a
// full disk, a folder without permission, Ctrl-C): not the plan's fault.
type OutputError struct{ Err error }

func (e *OutputError) Error() string { return e.Err.Error() }
func (e *OutputError) Unwrap() error { return e.Err }
