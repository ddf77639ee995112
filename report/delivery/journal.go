package delivery

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// A plan's state in the journal.
const (
	stateProcessing = "processing" // taken; outputs may be half made
	stateDone       = "done"       // priced, outputs written, mail queued
	stateFailed     = "failed"     // errors file written, error mail queued
)

// entry is what the journal remembers of one plan, keyed by its SHA-256:
// the same content dropped again is known, a changed file with the same
// name is a new plan.
type entry struct {
	SHA256 string    `json:"sha256"`
	Name   string    `json:"name"`
	State  string    `json:"state"`
	Stamp  time.Time `json:"stamp"` // when taken
	// OutboxName names the plan's outputs in the outbox, without the
	// extension (NAME-budget-YYYYMMDD-HHMMSS, numbered -2, -3, ... when
	// another plan has that name): chosen when the plan is journaled, so
	// that a redo overwrites its own outputs and never another plan's
	// (outbox.go). Empty in a failed entry (nothing was written) and in
	// the entries of older linecost, whose outputs had the stamped name.
	OutboxName string `json:"outbox_name,omitempty"`
	// Mailed and ErrorsMailed say that the budget mail or the error mail
	// is in the spool (or was sent): it is never queued again.
	Mailed       bool `json:"mailed,omitempty"`
	ErrorsMailed bool `json:"errors_mailed,omitempty"`
	// Outputs are the files written to the outbox, by name.
	Outputs []string `json:"outputs,omitempty"`
	// Filed are the places the plan was filed, each copy (a duplicate is
	// filed too), as "done/YYYY-MM/NAME" or "failed/NAME": compact keeps
	// the entry while one of them is there. It is written before the
	// move, so that it never misses a copy.
	Filed   []string  `json:"filed,omitempty"`
	Errors  int       `json:"errors,omitempty"`
	Updated time.Time `json:"updated"` // by Config.Clock, the wall clock
}

// journal is the service's memory: one JSON file in the state folder,
// rewritten atomically on every change. It holds one small entry per plan
// handled, until compact forgets it (see compact.go).
type journal struct {
	path    string
	mu      sync.Mutex
	entries map[string]entry
}

const journalName = "journal.json"

func openJournal(dir string) (*journal, error) {
	j := &journal{path: filepath.Join(dir, journalName), entries: map[string]entry{}}
	data, err := os.ReadFile(j.path)
	if errors.Is(err, os.ErrNotExist) {
		return j, nil
	}
	if err != nil {
		return nil, err
	}
	var list []entry
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("journal %s: %w", j.path, err)
	}
	for _, e := range list {
		j.entries[e.SHA256] = e
	}
	return j, nil
}

// list returns every entry, in no order.
func (j *journal) list() []entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	list := make([]entry, 0, len(j.entries))
	for _, e := range j.entries {
		list = append(list, e)
	}
	return list
}

func (j *journal) get(sha string) (entry, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	e, ok := j.entries[sha]
	return e, ok
}

// put records e and writes the journal out before it returns.
func (j *journal) put(e entry) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	old, had := j.entries[e.SHA256]
	j.entries[e.SHA256] = e
	if err := j.save(); err != nil {
		if had {
			j.entries[e.SHA256] = old
		} else {
			delete(j.entries, e.SHA256)
		}
		return err
	}
	return nil
}

// drop removes the entries for which forget is true and writes the
// journal out, when there are any; it returns how many went.
func (j *journal) drop(forget func(entry) bool) (int, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	gone := map[string]entry{}
	for sha, e := range j.entries {
		if forget(e) {
			gone[sha] = e
			delete(j.entries, sha)
		}
	}
	if len(gone) == 0 {
		return 0, nil
	}
	if err := j.save(); err != nil {
		for sha, e := range gone {
			j.entries[sha] = e
		}
		return 0, err
	}
	return len(gone), nil
}

// save writes every entry to the file, atomically, oldest first. The
// caller holds mu.
func (j *journal) save() error {
	list := make([]entry, 0, len(j.entries))
	for _, x := range j.entries {
		list = append(list, x)
	}
	sort.Slice(list, func(a, b int) bool {
		if !list[a].Stamp.Equal(list[b].Stamp) {
			return list[a].Stamp.Before(list[b].Stamp)
		}
		return list[a].SHA256 < list[b].SHA256
	})
	data, err := json.MarshalIndent(list, "", "  ")
	if err == nil {
		err = writeFileAtomic(j.path, append(data, '\n'), 0o644)
	}
	if err != nil {
		return fmt.Errorf("journal %s: %w", j.path, err)
	}
	return nil
}
