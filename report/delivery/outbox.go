package delivery

import (
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// A plan's outputs are named in the outbox after the plan and the second
// it was taken: NAME-budget-YYYYMMDD-HHMMSS.xlsx (and .json), NAME without
// its extension. Two plans can meet on that name: the same file saved
// twice in a second, plan.csv beside plan.txt or a folder plan/, or any
// two plans of one name while SOURCE_DATE_EPOCH stands the clock still.
// So the name is chosen once, when the plan is journaled, as the first of
// NAME-budget-STAMP, NAME-budget-STAMP-2, -3, ... that neither the outbox
// nor another journal entry holds, and it is kept in the entry: a redo
// after a crash writes to it again, and no plan's outputs ever replace
// another's.

// stampedName is the outbox name of a plan's outputs, before any number:
// NAME-budget-YYYYMMDD-HHMMSS, NAME being name without its extension for a
// file (the whole name for a folder). Older linecost named every plan so.
func stampedName(name string, dir bool, stamp time.Time) string {
	stem := name
	if !dir {
		stem = name[:len(name)-len(filepath.Ext(name))]
	}
	return stem + "-budget-" + stamp.UTC().Format("20060102-150405")
}

// outboxExts are the files a name stands for in the outbox: the workbook,
// and the JSON (reserved whether or not --json is on, so that turning it
// on never pairs a JSON with another plan's workbook).
var outboxExts = []string{".xlsx", ".json"}

// outboxFiles are the outbox files e holds or may yet write, by name.
func (e entry) outboxFiles() []string {
	var names []string
	switch {
	case e.OutboxName != "":
		for _, x := range outboxExts {
			names = append(names, e.OutboxName+x)
		}
	case e.State == stateDone:
		names = e.Outputs
	case e.State == stateProcessing:
		// Journaled by an older linecost: its redo writes to the stamped
		// name, of the file or of the folder (the entry does not say).
		for _, dir := range []bool{false, true} {
			for _, x := range outboxExts {
				names = append(names, stampedName(e.Name, dir, e.Stamp)+x)
			}
		}
	}
	return names
}

// freeOutboxName chooses the outbox name of a plan about to be journaled
// as e (Name and Stamp set): the stamped name, numbered -2, -3, ... past
// the names that a file of the outbox or another entry of the journal has.
func (s *Service) freeOutboxName(e entry, dir bool) string {
	taken := map[string]bool{}
	for _, o := range s.journal.list() {
		if o.SHA256 != e.SHA256 {
			for _, n := range o.outboxFiles() {
				taken[n] = true
			}
		}
	}
	inOutbox := func(n string) bool {
		// Only a file that is there counts: an outbox that cannot be
		// read fails the writing, which keeps the plan for the next start.
		_, err := os.Lstat(filepath.Join(s.cfg.Layout.Outbox, n))
		return err == nil
	}
	base := stampedName(e.Name, dir, e.Stamp)
	for i := 1; ; i++ {
		n := base
		if i > 1 {
			n += "-" + strconv.Itoa(i)
		}
		free := true
		for _, x := range outboxExts {
			if taken[n+x] || inOutbox(n+x) {
				free = false
			}
		}
		if free {
			return n
		}
	}
}

// outputs are the paths of a plan's files in the outbox, under its
// journaled name; its workbook's Generated time is stamp.
func (s *Service) outputs(outboxName string, stamp time.Time) Outputs {
	base := filepath.Join(s.cfg.Layout.Outbox, outboxName)
	meta := s.cfg.Meta
	meta.Generated = stamp
	out := Outputs{Workbook: base + ".xlsx", Meta: meta}
	if s.cfg.JSON {
		out.JSON = base + ".json"
	}
	return out
}
