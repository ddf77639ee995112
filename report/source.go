package report

import (
	"errors"
	"io"
	"os"
	"slices"

	"linecost/pricing"
	"linecost/report/input"
)

// source is the plan files of a run, read once by Build and again by each
// EachCampaign. Standard input cannot be read twice, so it is spooled to a
// temporary file first.
type source struct {
	paths    []string
	opts     input.Options
	from, to pricing.Month
	spool    string // the temporary copy of standard input; "" when none
	report   func(phase string, done, total int)
}

func newSource(paths []string, opts Options) (*source, error) {
	s := &source{paths: paths, opts: opts.Input, from: opts.From, to: opts.To, report: opts.Progress}
	if !slices.Contains(paths, "-") {
		return s, nil
	}
	stdin := opts.Input.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	f, err := os.CreateTemp("", "linecost-stdin-*")
	if err != nil {
		return nil, err
	}
	s.spool = f.Name()
	_, err = io.Copy(f, stdin)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

type readResult struct {
	infos    []input.FileInfo
	warnings []input.Warning
}

// readFirst reads every file, calling fn for each valid row.
func (s *source) readFirst(fn func(input.Row) error) (readResult, error) {
	infos, warnings, err := s.readAll(fn)
	return readResult{infos, warnings}, err
}

// read reads the files again; they must be the ones described by want.
func (s *source) read(fn func(input.Row) error, want []input.FileInfo) error {
	infos, _, err := s.readAll(fn)
	if err != nil {
		return err
	}
	if len(infos) != len(want) {
		return errChanged
	}
	for i := range infos {
		if infos[i].SHA256 != want[i].SHA256 {
			return errChanged
		}
	}
	return nil
}

func (s *source) readAll(fn func(input.Row) error) ([]input.FileInfo, []input.Warning, error) {
	opts := s.opts
	if s.spool != "" {
		f, err := os.Open(s.spool)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		opts.Stdin = f
	}
	return input.ReadFiles(s.paths, opts, fn)
}

// inPeriod reports whether r falls within From and To.
func (s *source) inPeriod(r input.Row) bool {
	m := r.Month()
	return !((s.from != pricing.Month{} && m.Before(s.from)) || (s.to != pricing.Month{} && s.to.Before(m)))
}

// progressEvery is how often, in rows, progress is reported.
const progressEvery = 10000

func (s *source) progress(phase string, done, total int) {
	if s.report != nil && (done%progressEvery == 0 || done == total) {
		s.report(phase, done, total)
	}
}

func (s *source) close() error {
	if s == nil || s.spool == "" {
		return nil
	}
	err := os.Remove(s.spool)
	s.spool = ""
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
