package delivery

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/shopspring/decimal"

	"linecost/report"
)

// The outbox names a plan's files after the second it was taken. These
// tests drop different plans whose names meet in the same second (the
// same file name, or the same name without its extension) and check, in
// real folders and through the test SMTP server, that every plan keeps
// its own files: the outbox holds each plan's workbook, each mail carries
// (or names) the workbook of the figures it tells, and the journal's
// record of each plan's outputs names files holding that plan's figures.

// frozen is the stamp of every plan in these tests, as SOURCE_DATE_EPOCH
// makes it.
var frozen = time.Date(2024, 12, 20, 9, 30, 0, 0, time.UTC)

// drop is a plan of these tests: where it is dropped, its content and the
// total it must be priced at.
type drop struct {
	name  string // as dropped: a file, or folder/file
	data  []byte
	total decimal.Decimal // grand total incl. tax, priced apart
	sha   string          // the journal's key
}

// newDrops makes the plans, with the sample's 1,800 friends changed to
// each of friends, and prices each apart from the service (report.Build
// in a folder of its own) for the total its files must show.
func newDrops(t *testing.T, cfg Config, names []string, friends []int) []drop {
	t.Helper()
	var ds []drop
	for i, n := range names {
		d := drop{name: n, data: variant(t, friends[i])}
		root := t.TempDir()
		p := filepath.Join(root, n)
		write(t, p, d.data)
		top, _, folder := strings.Cut(n, "/")
		sha, err := hashDrop(filepath.Join(root, top), folder)
		if err != nil {
			t.Fatal(err)
		}
		d.sha = sha
		opts := cfg.Options
		opts.Today = cfg.Today()
		b, err := report.Build([]string{p}, opts)
		if err != nil {
			t.Fatal(err)
		}
		d.total = b.Total.Total
		b.Close()
		for _, o := range ds {
			if o.total.Equal(d.total) {
				t.Fatalf("plans %s and %s both total %s: the test cannot tell them apart", o.name, d.name, d.total)
			}
		}
		ds = append(ds, d)
	}
	return ds
}

// frozenConfig is testConfig with every plan stamped at frozen.
func frozenConfig(t *testing.T, srv *mailServer) (Config, *syncBuffer) {
	t.Helper()
	cfg, log := testConfig(t, t.TempDir(), srv)
	cfg.Now = func() time.Time { return frozen }
	return cfg, log
}

// journalEntries reads the journal on disk, by SHA-256.
func journalEntries(t *testing.T, cfg Config) map[string]entry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(cfg.Layout.State, journalName))
	if err != nil {
		t.Fatal(err)
	}
	var list []entry
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatalf("journal: %v\n%s", err, data)
	}
	m := map[string]entry{}
	for _, e := range list {
		m[e.SHA256] = e
	}
	return m
}

// outboxTotal is the grand total a file of the outbox shows: a workbook's
// Summary sheet, or a JSON's total.
func outboxTotal(t *testing.T, cfg Config, name string) decimal.Decimal {
	t.Helper()
	path := filepath.Join(cfg.Layout.Outbox, name)
	if strings.HasSuffix(name, ".json") {
		return decimal.RequireFromString(readBudgetJSON(t, path).Total.Total)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("outbox file %s: %v", name, err)
	}
	return decimal.RequireFromString(workbookTotal(t, data))
}

// checkOutbox wants in the outbox a workbook and a JSON per plan and
// nothing else, each holding the figures of the plan the journal says it
// is of; it returns the outputs of each plan, in the order of ds.
func checkOutbox(t *testing.T, cfg Config, ds []drop) [][]string {
	t.Helper()
	got := files(t, cfg.Layout.Outbox)
	if len(got) != 2*len(ds) {
		t.Errorf("outbox holds %v, want a workbook and a JSON for each of the %d plans", got, len(ds))
	}
	entries := journalEntries(t, cfg)
	var outs [][]string
	for _, d := range ds {
		e, ok := entries[d.sha]
		if !ok {
			t.Errorf("the journal has no entry for %s", d.name)
			outs = append(outs, nil)
			continue
		}
		if len(e.Outputs) != 2 {
			t.Errorf("%s: the journal records the outputs %v, want a workbook and a JSON", d.name, e.Outputs)
		}
		for _, o := range e.Outputs {
			if !slices.Contains(got, o) {
				t.Errorf("%s: the journal records %s, which the outbox does not hold", d.name, o)
				continue
			}
			if total := outboxTotal(t, cfg, o); !total.Equal(d.total) {
				t.Errorf("%s: the journal records %s as its output, which holds the total %s: want the plan's %s", d.name, o, total, d.total)
			}
		}
		outs = append(outs, e.Outputs)
	}
	return outs
}

// checkMails wants one budget mail per plan, each with the workbook of
// the figures its subject tells attached, under a name no other mail's
// attachment has; it returns the mails in the order of ds.
func checkMails(t *testing.T, srv *mailServer, ds []drop, log *syncBuffer) []received {
	t.Helper()
	msgs := srv.Messages()
	if len(msgs) != len(ds) {
		t.Fatalf("%d mails, want one per plan (%d)\n%s", len(msgs), len(ds), log)
	}
	byPlan := make([]received, len(ds))
	names := map[string]string{}
	for _, raw := range msgs {
		m := parseMail(t, raw)
		i := slices.IndexFunc(ds, func(d drop) bool {
			return strings.Contains(m.Subject, "TWD "+report.Amount(d.total, 0)+" incl. tax")
		})
		if i < 0 {
			t.Errorf("mail %q tells the total of none of the plans", m.Subject)
			continue
		}
		byPlan[i] = m
		for n, a := range m.Attachments {
			if total := decimal.RequireFromString(workbookTotal(t, a.Data)); !total.Equal(ds[i].total) {
				t.Errorf("the mail %q has %s attached, whose total is %s: a workbook of other figures", m.Subject, n, total)
			}
			if other, ok := names[n]; ok {
				t.Errorf("the mails %q and %q both attach %s", other, m.Subject, n)
			}
			names[n] = m.Subject
		}
	}
	return byPlan
}

// TestSameNameSameSecond: marketing saves plan.csv, sees a typo and saves
// it again within the second (or SOURCE_DATE_EPOCH stamps both at one
// moment). The first mail is refused once (451), so that it is still in
// the spool when the second plan's outputs are written.
func TestSameNameSameSecond(t *testing.T) {
	srv := startMailServer(t, nil)
	srv.Fault = func(stage string, n int, _ *smtp.Conn) error {
		if stage == "mail" && n == 1 {
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again"}
		}
		return nil
	}
	cfg, log := frozenConfig(t, srv)
	ds := newDrops(t, cfg, []string{"plan.csv", "plan.csv"}, []int{1800, 9000})
	s := newService(t, cfg)
	write(t, filepath.Join(cfg.Layout.Inbox, ds[0].name), ds[0].data)
	if left := once(t, s); left != 1 {
		t.Fatalf("%d mails queued after the first plan, want 1 (refused once)\n%s", left, log)
	}
	write(t, filepath.Join(cfg.Layout.Inbox, ds[1].name), ds[1].data)
	if left := once(t, s); left != 0 {
		t.Fatalf("%d mails queued\n%s", left, log)
	}
	outs := checkOutbox(t, cfg, ds)
	checkMails(t, srv, ds, log)
	want := [][]string{
		{"plan-budget-20241220-093000.xlsx", "plan-budget-20241220-093000.json"},
		{"plan-budget-20241220-093000-2.xlsx", "plan-budget-20241220-093000-2.json"},
	}
	for i := range ds {
		if !slices.Equal(outs[i], want[i]) {
			t.Errorf("plan %d: outputs %v, want %v", i+1, outs[i], want[i])
		}
	}
	// The second plan's log line names its own workbook.
	if !strings.Contains(log.String(), "workbook=plan-budget-20241220-093000-2.xlsx") {
		t.Errorf("log:\n%s", log)
	}
}

// TestSameStemInOnePass: plan.csv, plan.txt and a folder plan/ are three
// plans whose outputs would all be named plan-budget-STAMP.
func TestSameStemInOnePass(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := frozenConfig(t, srv)
	ds := newDrops(t, cfg, []string{"plan.csv", "plan.txt", "plan/brand.csv"}, []int{1800, 9000, 20000})
	for _, d := range ds {
		write(t, filepath.Join(cfg.Layout.Inbox, d.name), d.data)
	}
	if left := once(t, newService(t, cfg)); left != 0 {
		t.Fatalf("%d mails queued\n%s", left, log)
	}
	checkOutbox(t, cfg, ds)
	checkMails(t, srv, ds, log)
}

// TestTooLargeNamesItsOwnWorkbook: a mail whose workbook is too large to
// attach names it in the outbox; the file of that name must hold the
// figures the mail tells, also once another plan of the same name was
// handled in the same second.
func TestTooLargeNamesItsOwnWorkbook(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := frozenConfig(t, srv)
	cfg.MaxAttachment = 1000
	ds := newDrops(t, cfg, []string{"plan.csv", "plan.csv"}, []int{1800, 9000})
	s := newService(t, cfg)
	for _, d := range ds {
		write(t, filepath.Join(cfg.Layout.Inbox, d.name), d.data)
		once(t, s)
	}
	checkOutbox(t, cfg, ds)
	named := regexp.MustCompile(`The workbook (\S+) \(\S+ MB\) is too large to mail`)
	for i, m := range checkMails(t, srv, ds, log) {
		sub := named.FindStringSubmatch(m.Text)
		if sub == nil {
			t.Errorf("mail %q names no workbook:\n%s", m.Subject, m.Text)
			continue
		}
		if total := outboxTotal(t, cfg, sub[1]); !total.Equal(ds[i].total) {
			t.Errorf("the mail %q tells finance to take %s from the outbox, which holds the total %s", m.Subject, sub[1], total)
		}
	}
}

// TestOlderJournal: a journal written before the outbox names were
// journaled loads; its plan left in processing/ is redone under the names
// it had then (NAME-budget-STAMP), and a new plan avoids the names an old
// entry records, even once they are gone from the outbox (finance took
// the files away).
func TestOlderJournal(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := frozenConfig(t, srv)
	if err := cfg.Layout.Create(); err != nil {
		t.Fatal(err)
	}
	ds := newDrops(t, cfg, []string{"plan.csv", "plan.csv"}, []int{1800, 9000})
	write(t, filepath.Join(cfg.Layout.Processing, ds[0].name), ds[0].data)
	write(t, filepath.Join(cfg.Layout.Done, "2024-12", "plan.csv"), variant(t, 1700))
	old := `[
  {
    "sha256": "` + strings.Repeat("ab", 32) + `",
    "name": "plan.csv",
    "state": "done",
    "stamp": "2024-12-20T09:30:00Z",
    "mailed": true,
    "outputs": [
      "plan-budget-20241220-093000.xlsx",
      "plan-budget-20241220-093000.json"
    ],
    "filed": [
      "done/2024-12/plan.csv"
    ],
    "updated": "2026-12-01T20:00:00Z"
  },
  {
    "sha256": "` + ds[0].sha + `",
    "name": "plan.csv",
    "state": "processing",
    "stamp": "2024-12-20T09:29:00Z",
    "updated": "2026-12-01T20:01:00Z"
  }
]
`
	write(t, filepath.Join(cfg.Layout.State, journalName), []byte(old))
	write(t, filepath.Join(cfg.Layout.Inbox, ds[1].name), ds[1].data)
	if left := once(t, newService(t, cfg)); left != 0 {
		t.Fatalf("%d mails queued\n%s", left, log)
	}
	outs := checkOutbox(t, cfg, ds)
	checkMails(t, srv, ds, log)
	want := [][]string{
		{"plan-budget-20241220-092900.xlsx", "plan-budget-20241220-092900.json"},
		{"plan-budget-20241220-093000-2.xlsx", "plan-budget-20241220-093000-2.json"},
	}
	for i := range ds {
		if !slices.Equal(outs[i], want[i]) {
			t.Errorf("plan %d: outputs %v, want %v", i+1, outs[i], want[i])
		}
	}
	if e := journalEntries(t, cfg)[strings.Repeat("ab", 32)]; e.State != stateDone || len(e.Outputs) != 2 {
		t.Errorf("the older entry became %+v", e)
	}
}

// TestFailedPlanKeepsNoName: a plan that fails writes nothing to the
// outbox, so the fixed plan dropped in the same second gets the plain
// name, not a numbered one.
func TestFailedPlanKeepsNoName(t *testing.T) {
	cfg, log := frozenConfig(t, nil)
	s := newService(t, cfg)
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), []byte(badPlan))
	once(t, s)
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	once(t, s)
	if got := strings.Join(files(t, cfg.Layout.Outbox), " "); got != "plan-budget-20241220-093000.json plan-budget-20241220-093000.xlsx" {
		t.Errorf("outbox holds %q\n%s", got, log)
	}
	if got := files(t, cfg.Layout.Failed); len(got) != 2 {
		t.Errorf("failed holds %v", got)
	}
}

// TestLegacyProcessingEntryKeepsItsName: an older linecost's entry still
// in processing (its redo not done yet, say the outbox could not be
// written) holds the stamped name its redo will write to, for a file or a
// folder of that name: a new plan does not take it.
func TestLegacyProcessingEntryKeepsItsName(t *testing.T) {
	cfg, _ := frozenConfig(t, nil)
	if err := cfg.Layout.Create(); err != nil {
		t.Fatal(err)
	}
	old := `[{"sha256": "` + strings.Repeat("cd", 32) + `", "name": "plan.csv", "state": "processing",
  "stamp": "2024-12-20T09:30:00Z", "updated": "2026-12-01T20:00:00Z"}]`
	write(t, filepath.Join(cfg.Layout.State, journalName), []byte(old))
	s := newService(t, cfg)
	for _, tc := range []struct {
		name string
		dir  bool
		want string
	}{
		{"plan.csv", false, "plan-budget-20241220-093000-2"},
		{"plan.txt", false, "plan-budget-20241220-093000-2"},
		{"plan.csv", true, "plan.csv-budget-20241220-093000-2"},
		{"other.csv", false, "other-budget-20241220-093000"},
	} {
		e := entry{SHA256: strings.Repeat("ef", 32), Name: tc.name, Stamp: frozen}
		if got := s.freeOutboxName(e, tc.dir); got != tc.want {
			t.Errorf("%s (folder %v): %s, want %s", tc.name, tc.dir, got, tc.want)
		}
	}
}
