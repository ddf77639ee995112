package delivery

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// journalNames are the plans the journal on disk remembers, by name, sorted.
func journalNames(t *testing.T, cfg Config) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(cfg.Layout.State, journalName))
	if err != nil {
		t.Fatal(err)
	}
	var list []entry
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatalf("journal: %v\n%s", err, data)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name)
	}
	sort.Strings(names)
	return names
}

// variant is the sample plan with one figure changed: another plan.
func variant(t *testing.T, friends int) []byte {
	return []byte(strings.Replace(string(samplePlan(t)), "\"1,800\"", "\""+itoa64(int64(friends))+"\"", 1))
}

// later is a clock days ahead of the wall clock.
func later(days int) func() time.Time {
	return func() time.Time { return time.Now().Add(time.Duration(days) * 24 * time.Hour) }
}

// TestJournalPruned: the journal forgets a plan only when it was handled
// more than 30 days ago and no copy of it is left where it was filed
// (done/ or failed/); a plan still there stays known, and is filed as a
// duplicate when dropped again.
func TestJournalPruned(t *testing.T) {
	srv := startMailServer(t, nil)
	root := t.TempDir()
	cfg, log := testConfig(t, root, srv)
	drop := func(name string, data []byte) {
		write(t, filepath.Join(cfg.Layout.Inbox, name), data)
		once(t, newService(t, cfg))
	}
	drop("a.csv", variant(t, 1801))
	drop("b.csv", variant(t, 1802))
	drop("c.csv", variant(t, 1803))
	drop("c.csv", variant(t, 1803)) // a duplicate: done/ holds c.csv and c (2).csv
	drop("bad.csv", []byte(badPlan))
	if got := strings.Join(journalNames(t, cfg), " "); got != "a.csv b.csv bad.csv c.csv" {
		t.Fatalf("journal %q\n%s", got, log)
	}
	month := testToday.Format("2006-01")
	for _, p := range []string{filepath.Join(cfg.Layout.Done, month, "a.csv"), filepath.Join(cfg.Layout.Done, month, "c.csv"),
		filepath.Join(cfg.Layout.Failed, "bad.csv")} {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	// Gone, but handled less than 30 days ago: still known.
	cfg.Clock = later(29)
	once(t, newService(t, cfg))
	if got := strings.Join(journalNames(t, cfg), " "); got != "a.csv b.csv bad.csv c.csv" {
		t.Errorf("after 29 days, journal %q, want every plan still", got)
	}
	// After 30 days: a.csv and bad.csv are forgotten; b.csv is still in
	// done/, and so is a copy of c.csv.
	cfg.Clock = later(31)
	once(t, newService(t, cfg))
	if got := strings.Join(journalNames(t, cfg), " "); got != "b.csv c.csv" {
		t.Errorf("after 31 days, journal %q, want b.csv c.csv\n%s", got, log)
	}
	if !strings.Contains(log.String(), "msg=removed count=2 reason=\"journal entries") {
		t.Errorf("log lacks the removed line:\n%s", log)
	}
	sent := len(srv.Messages())
	drop("b.csv", variant(t, 1802))
	drop("c.csv", variant(t, 1803))
	if n := len(srv.Messages()); n != sent {
		t.Errorf("%d mails after dropping b.csv and c.csv again, want %d: they are still in done/\n%s", n, sent, log)
	}
	drop("a.csv", variant(t, 1801))
	if n := len(srv.Messages()); n != sent+1 {
		t.Errorf("%d mails after dropping the forgotten a.csv again, want %d (a new plan)", n, sent+1)
	}
	if got := files(t, cfg.Layout.State); strings.Join(got, " ") != "journal.json lock" {
		t.Errorf("state holds %v: the journal is written atomically", got)
	}
}
