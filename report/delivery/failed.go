package delivery

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"linecost/report/input"
)

// errorsSuffix names the errors file beside a failed plan: bad.csv ->
// bad.csv.errors.txt.
const errorsSuffix = ".errors.txt"

// failed files a drop that could not be priced under failed/, beside its
// errors file, and queues the error mail.
func (s *Service) failed(e entry, name string, cause error) error {
	L := s.cfg.Layout
	text, count := errorsText(cause, L.Processing)
	dest := freeName(L.Failed, name)
	errFile := dest + errorsSuffix
	if err := writeFileAtomic(filepath.Join(L.Failed, errFile), []byte(text), 0o644); err != nil {
		return err
	}
	if !e.ErrorsMailed && s.mailOn() && len(s.cfg.ErrorsTo) > 0 {
		if err := s.queueErrors(e, name, errFile, text, count); err != nil {
			return err
		}
	}
	e.ErrorsMailed = true
	e.State, e.Errors, e.Outputs, e.Updated = stateFailed, count, []string{errFile}, s.cfg.Clock()
	e.OutboxName = "" // nothing is in the outbox: the name is free for another plan
	if f := filedAs(filedFailed, dest); !slices.Contains(e.Filed, f) {
		e.Filed = append(e.Filed, f)
	}
	if err := s.journal.put(e); err != nil {
		return err
	}
	s.cfg.Hook("recorded")
	s.log.Warn("failed", "plan", name, "errors", count, "errors_file", errFile, "first", firstLine(text))
	if err := renameDurable(filepath.Join(L.Processing, name), filepath.Join(L.Failed, dest)); err != nil {
		return err
	}
	s.cfg.Hook("filed")
	return nil
}

// errorsText is every error of a failed plan, one per line, as `linecost
// check` prints them, with the files named as dropped (relative to the
// processing folder), and how many there are.
func errorsText(err error, processing string) (string, int) {
	var lines []string
	var list input.Errors
	var one *input.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			lines = append(lines, e.Error())
		}
	case errors.As(err, &one):
		lines = append(lines, one.Error())
	default:
		lines = strings.Split(err.Error(), "\n")
	}
	text := strings.Join(lines, "\n") + "\n"
	text = strings.ReplaceAll(text, processing+string(os.PathSeparator), "")
	return text, len(lines)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
