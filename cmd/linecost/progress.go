package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress draws report's progress on a terminal: a counter with the rate
// while the plans are read (their row count is not known yet), then a bar
// with the rate and time left while the rows are written.
type progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	phase string
	done  int
}

// newProgress returns the callback for report.Options.Progress, or nil
// when w is not a terminal or quiet is set: redirected runs (cron, CI)
// get clean logs.
func newProgress(w io.Writer, quiet bool) *progress {
	if quiet || !isTerminal(w) {
		return nil
	}
	return &progress{w: w}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// update is report.Options.Progress: a new phase, or a count that went
// back (the rows are written once per output), starts a new bar. report
// announces a phase with done 0: the bar starts its clock then but draws
// nothing until there is a count to show, so the first rate is a real one.
func (p *progress) update(phase string, done, total int) {
	if p.bar == nil || phase != p.phase || done < p.done {
		p.finish()
		max := int64(total)
		if total == 0 {
			max = -1 // unknown: a spinner with the count
		}
		desc := map[string]string{"read": "reading plans", "write": "writing rows"}[phase]
		p.bar = progressbar.NewOptions64(max,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(desc),
			progressbar.OptionSetItsString("rows"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetPredictTime(total > 0),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		p.bar.StartWithoutRender()
		p.phase = phase
	}
	p.done = done
	if done > 0 {
		p.bar.Set(done)
	}
}

// finish clears the bar, if any, so that the summary prints on a clean line.
func (p *progress) finish() {
	if p != nil && p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}
