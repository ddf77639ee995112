package delivery

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The journal would grow by an entry for every plan ever handled. compact
// bounds it by what the folders hold: an entry is forgotten once its plan
// was handled more than keepJournal ago and no copy of it is left where
// it was filed (the operator has cleared those months of done/, or
// failed/). While a copy is there, the same plan dropped again is a
// duplicate; after that it is a new plan. An entry is never forgotten
// while its plan may be redone: in the state "processing", or with a drop
// of its name in processing/.

// keepJournal is how long an entry is kept at least after its plan was
// handled (as long as the spool keeps its sent records).
const keepJournal = keepSent

// compactEvery is how often a running service compacts the journal.
const compactEvery = 24 * time.Hour

const (
	filedDone   = "done/"
	filedFailed = "failed/"
)

// filedAs is how Entry.Filed names a copy: folder is filedDone or
// filedFailed, rel the path under that folder.
func filedAs(folder, rel string) string { return folder + filepath.ToSlash(rel) }

// filedPath is where a name of Entry.Filed is under the layout.
func (l Layout) filedPath(f string) string {
	if rel, ok := strings.CutPrefix(f, filedFailed); ok {
		return filepath.Join(l.Failed, filepath.FromSlash(rel))
	}
	return filepath.Join(l.Done, filepath.FromSlash(strings.TrimPrefix(f, filedDone)))
}

// compact forgets the journal's entries as said above, logs how many, and
// reports an error only when the journal could not be written.
func (s *Service) compact() error {
	L := s.cfg.Layout
	now := s.cfg.Clock()
	s.compacted = now // a failure is retried the next day, not every scan
	inHand := map[string]bool{}
	entries, err := os.ReadDir(L.Processing)
	if err != nil {
		return err // nothing is forgotten when processing/ cannot be read
	}
	for _, e := range entries {
		inHand[e.Name()] = true
	}
	n, err := s.journal.drop(func(e entry) bool {
		if e.State == stateProcessing || inHand[e.Name] || now.Sub(e.Updated) <= keepJournal {
			return false
		}
		// An entry of an older linecost, which did not record where its
		// plan went, is kept: there are only so many of them.
		return len(e.Filed) > 0 && !slices.ContainsFunc(e.Filed, func(f string) bool {
			_, err := os.Lstat(L.filedPath(f))
			return !errors.Is(err, os.ErrNotExist)
		})
	})
	if err != nil {
		return err
	}
	if n > 0 {
		s.log.Info("removed", "count", n, "reason", "journal entries of plans handled more than 30 days ago, of which no copy is left in done/ or failed/")
		s.cfg.Hook("compacted")
	}
	return nil
}
