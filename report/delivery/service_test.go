package delivery

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"linecost/report"

	"github.com/shopspring/decimal"
)

func TestOnceEmptyInbox(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, _ := testConfig(t, t.TempDir(), srv)
	if left := once(t, newService(t, cfg)); left != 0 {
		t.Errorf("queued %d mails, want 0", left)
	}
	for _, d := range []string{cfg.Layout.Inbox, cfg.Layout.Processing, cfg.Layout.Done, cfg.Layout.Failed, cfg.Layout.Outbox, cfg.Layout.State} {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			t.Errorf("folder %s not created: %v", d, err)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d mails sent, want none", n)
	}
}

// TestBudgetMail drops a plan and reads the mail the server received: the
// subject, both bodies, and the attached workbook, whose total must be
// the JSON's.
func TestBudgetMail(t *testing.T) {
	srv := startMailServer(t, nil)
	root := t.TempDir()
	cfg, log := testConfig(t, root, srv)
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	if left := once(t, newService(t, cfg)); left != 0 {
		t.Fatalf("%d mails still queued\n%s", left, log)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails received, want 1\n%s", len(msgs), log)
	}
	t.Logf("the mail as received:\n%s", firstBytes(msgs[0], 4000))
	m := parseMail(t, msgs[0])
	dumpMail(t, "mail", msgs[0], m)

	outs := files(t, cfg.Layout.Outbox)
	if len(outs) != 2 || !strings.HasSuffix(outs[0], ".json") || !strings.HasSuffix(outs[1], ".xlsx") ||
		!strings.HasPrefix(outs[1], "plan-budget-") {
		t.Fatalf("outbox holds %v, want plan-budget-*.json and .xlsx", outs)
	}
	b := readBudgetJSON(t, filepath.Join(cfg.Layout.Outbox, outs[0]))
	total := decimal.RequireFromString(b.Total.Total)

	wantSubject := "LINE budget 2025-01..2025-03: TWD " + report.Amount(total, 0) + " incl. tax (plan.csv)"
	if m.Subject != wantSubject {
		t.Errorf("subject %q, want %q", m.Subject, wantSubject)
	}
	if id := m.Header.Get("Message-Id"); !regexp.MustCompile(`^<[^<>@\s]+@example\.com>$`).MatchString(id) {
		t.Errorf("Message-ID %q, want <unique@example.com>", id)
	}
	if d, err := m.Header.Date(); err != nil || d.UTC().Format(time.DateOnly) != testToday.Format(time.DateOnly) {
		t.Errorf("Date %q: %v", m.Header.Get("Date"), err)
	}
	if !strings.HasPrefix(outs[1], "plan-budget-"+testToday.Format("20060102")+"-") {
		t.Errorf("workbook %s, want it stamped on the day the plan changes are counted from", outs[1])
	}
	att, ok := m.Attachments[outs[1]]
	if !ok {
		t.Fatalf("attachments %v, want %s", keys(m.Attachments), outs[1])
	}
	if att.ContentType != XLSXType {
		t.Errorf("attachment type %s, want %s", att.ContentType, XLSXType)
	}
	if got := decimal.RequireFromString(workbookTotal(t, att.Data)); !got.Equal(total) {
		t.Errorf("attached workbook total %s, JSON total %s", got, total)
	}
	for _, a := range b.Accounts {
		line := a.Account + ": TWD " + report.Amount(decimal.RequireFromString(a.Total), 0)
		if !strings.Contains(m.Text, line) {
			t.Errorf("text body lacks %q:\n%s", line, m.Text)
		}
		if !strings.Contains(m.HTML, a.Account) {
			t.Errorf("HTML body lacks account %s", a.Account)
		}
	}
	for _, want := range []string{"Total: TWD " + report.Amount(total, 0), "Plan changes due in the next 60 days (from 2024-12-20):",
		"- 咖啡小館: request the downgrade Pro → Standard by 2024-12-31",
		"These figures depend on the tariff's notes (in full on the workbook's Pricing sheet):\n- Upper bound: Pro",
		"Warnings: 2 "} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text body lacks %q:\n%s", want, m.Text)
		}
	}
	if got := files(t, cfg.Layout.Done); len(got) != 1 || !strings.HasSuffix(got[0], "/plan.csv") {
		t.Errorf("done holds %v, want YYYY-MM/plan.csv", got)
	}
	if got := files(t, cfg.Layout.Inbox); len(got) != 0 {
		t.Errorf("inbox still holds %v", got)
	}
	for _, ev := range []string{"msg=taken", "msg=priced", "msg=queued", "msg=mailed"} {
		if !strings.Contains(log.String(), ev) {
			t.Errorf("log lacks %s:\n%s", ev, log)
		}
	}
}

func TestBudgetMailChinese(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	cfg.Lang = "zh-TW"
	write(t, filepath.Join(cfg.Layout.Inbox, "一月計畫.csv"), samplePlan(t))
	once(t, newService(t, cfg))
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails, want 1\n%s", len(msgs), log)
	}
	m := parseMail(t, msgs[0])
	dumpMail(t, "mail-zh-TW", msgs[0], m)
	if !strings.HasPrefix(m.Subject, "LINE 預算 2025-01..2025-03：TWD ") || !strings.HasSuffix(m.Subject, "含稅（一月計畫.csv）") {
		t.Errorf("subject %q", m.Subject)
	}
	if !strings.Contains(m.Text, "\n合計：TWD ") || !strings.Contains(m.Text, "則；費用 ") || !strings.Contains(m.Text, "以上金額取決於費率的附註") {
		t.Errorf("text body:\n%s", m.Text)
	}
	var names []string
	for n := range m.Attachments {
		names = append(names, n)
	}
	if len(names) != 1 || !strings.HasPrefix(names[0], "一月計畫-budget-") {
		t.Errorf("attachment names %v: want the UTF-8 name decoded", names)
	}
}

func TestBadPlan(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	write(t, filepath.Join(cfg.Layout.Inbox, "bad.csv"), []byte(badPlan))
	once(t, newService(t, cfg))
	if got := files(t, cfg.Layout.Failed); strings.Join(got, " ") != "bad.csv bad.csv.errors.txt" {
		t.Fatalf("failed holds %v\n%s", got, log)
	}
	text, _ := os.ReadFile(filepath.Join(cfg.Layout.Failed, "bad.csv.errors.txt"))
	want := "bad.csv:2:30: friends: not a whole number: \"12x\"\n" +
		"bad.csv:3:32: bubbles: not a whole number: \"one\"\n"
	if string(text) != want {
		t.Errorf("errors file:\n%s\nwant (as check prints them):\n%s", text, want)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails, want the error mail\n%s", len(msgs), log)
	}
	m := parseMail(t, msgs[0])
	if m.Subject != "LINE budget: bad.csv has 2 errors, nothing was priced" {
		t.Errorf("subject %q", m.Subject)
	}
	if to, err := m.Header.AddressList("To"); err != nil || len(to) != 1 || to[0].Name != "行銷" || to[0].Address != "marketing@example.com" {
		t.Errorf("To %q (%v, %v), want 行銷 <marketing@example.com> encoded", m.Header.Get("To"), to, err)
	}
	if a, ok := m.Attachments["bad.csv.errors.txt"]; !ok || string(a.Data) != string(text) {
		t.Errorf("attachments %v: want the errors file", keys(m.Attachments))
	}
	if !strings.Contains(m.Text, strings.TrimSpace(firstLine(string(text)))) {
		t.Errorf("body lacks the first error:\n%s", m.Text)
	}
	if files(t, cfg.Layout.Outbox) != nil {
		t.Errorf("outbox holds %v for a failed plan", files(t, cfg.Layout.Outbox))
	}
	if !strings.Contains(log.String(), "msg=failed plan=bad.csv errors=2") {
		t.Errorf("log:\n%s", log)
	}
}

func TestSamePlanTwiceMailedOnce(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	s := newService(t, cfg)
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	once(t, s)
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	once(t, s)
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d mails, want 1\n%s", n, log)
	}
	done := files(t, cfg.Layout.Done)
	if len(done) != 2 || !strings.HasSuffix(done[0], "plan (2).csv") && !strings.HasSuffix(done[1], "plan (2).csv") {
		t.Errorf("done holds %v, want plan.csv and plan (2).csv", done)
	}
	if !strings.Contains(log.String(), "msg=duplicate plan=plan.csv") {
		t.Errorf("log lacks the duplicate line:\n%s", log)
	}
	// A changed file with the same name is a new plan.
	changed := strings.Replace(string(samplePlan(t)), "\"1,800\"", "\"1,900\"", 1)
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), []byte(changed))
	once(t, s)
	if n := len(srv.Messages()); n != 2 {
		t.Errorf("%d mails after a changed plan, want 2", n)
	}
}

func TestIgnoredFiles(t *testing.T) {
	cfg, log := testConfig(t, t.TempDir(), nil)
	names := []string{"~$plan.xlsx", ".plan.csv", "plan.csv.tmp", "plan.csv.part", "plan.csv.crdownload", "plan.partial", "notes.pdf"}
	for _, n := range names {
		write(t, filepath.Join(cfg.Layout.Inbox, n), samplePlan(t))
	}
	s := newService(t, cfg)
	once(t, s)
	once(t, s)
	if got := files(t, cfg.Layout.Inbox); len(got) != len(names) {
		t.Errorf("inbox holds %v, want all %d ignored files left", got, len(names))
	}
	for _, n := range names {
		if c := strings.Count(log.String(), "msg=ignored file="+quoteIfNeeded(n)); c != 1 {
			t.Errorf("%s logged as ignored %d times, want once\n%s", n, c, log)
		}
	}
	if files(t, cfg.Layout.Done) != nil || files(t, cfg.Layout.Outbox) != nil {
		t.Errorf("an ignored file was processed")
	}
	if !strings.Contains(log.String(), "msg=\"mail off\"") {
		t.Errorf("log does not say mail is off:\n%s", log)
	}
}

func TestFolderOfThreePlansIsOneReport(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	lines := strings.Split(strings.TrimSpace(string(samplePlan(t))), "\n")
	head, rows := lines[0], lines[1:]
	for i, brand := range []string{"a.csv", "b.csv", "c.csv"} {
		var part []string
		for j := i; j < len(rows); j += 3 {
			part = append(part, rows[j])
		}
		write(t, filepath.Join(cfg.Layout.Inbox, "2025-Q1", brand), []byte(head+"\n"+strings.Join(part, "\n")+"\n"))
	}
	write(t, filepath.Join(cfg.Layout.Inbox, "whole.csv"), samplePlan(t))
	if err := os.Mkdir(filepath.Join(cfg.Layout.Inbox, "still-empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	once(t, newService(t, cfg))
	if got, _ := os.ReadDir(cfg.Layout.Inbox); len(got) != 1 || got[0].Name() != "still-empty" {
		t.Errorf("inbox holds %v, want the empty folder left to be filled", got)
	}
	msgs := srv.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d mails, want one for the folder and one for the file\n%s", len(msgs), log)
	}
	var folder, whole received
	for _, raw := range msgs {
		m := parseMail(t, raw)
		if strings.Contains(m.Subject, "(2025-Q1)") {
			folder = m
		} else {
			whole = m
		}
	}
	if folder.Subject == "" || strings.Replace(folder.Subject, "(2025-Q1)", "(whole.csv)", 1) != whole.Subject {
		t.Errorf("folder mail %q, file mail %q: want the same budget", folder.Subject, whole.Subject)
	}
	done := files(t, cfg.Layout.Done)
	if len(done) != 4 {
		t.Errorf("done holds %v, want the folder's 3 files and whole.csv", done)
	}
}

// TestFileWrittenInParts writes a plan in five parts over 3 s into a
// running service: it must be taken once, whole. The settle time is twice
// the writer's pause, so that a loaded machine's late wake-up does not
// pass for a finished file.
func TestFileWrittenInParts(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	cfg.Settle = 1500 * time.Millisecond
	stop := runService(t, cfg)
	plan := samplePlan(t)
	path := filepath.Join(cfg.Layout.Inbox, "slow.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	const parts = 5
	for i := range parts {
		chunk := plan[i*len(plan)/parts : (i+1)*len(plan)/parts]
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
		f.Sync()
		if i < parts-1 {
			time.Sleep(750 * time.Millisecond) // the writer, not the test, takes its time
		}
	}
	f.Close()
	waitFor(t, "the mail", func() bool { return len(srv.Messages()) > 0 })
	stop()
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d mails, want 1\n%s", n, log)
	}
	done := files(t, cfg.Layout.Done)
	if len(done) != 1 {
		t.Fatalf("done holds %v, failed %v\n%s", done, files(t, cfg.Layout.Failed), log)
	}
	got, _ := os.ReadFile(filepath.Join(cfg.Layout.Done, done[0]))
	if string(got) != string(plan) {
		t.Errorf("the plan filed is %d bytes, want %d: taken before it was whole", len(got), len(plan))
	}
	if strings.Count(log.String(), "msg=taken") != 1 {
		t.Errorf("taken more than once:\n%s", log)
	}
}

func TestDoneMarker(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	cfg.Settle = time.Hour // only the marker can have it taken
	stop := runService(t, cfg)
	defer stop()
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv.done"), nil)
	waitFor(t, "the plan filed", func() bool { return len(files(t, cfg.Layout.Done)) == 1 })
	if got := files(t, cfg.Layout.Inbox); len(got) != 0 {
		t.Errorf("inbox holds %v, want the marker removed", got)
	}
	if !strings.Contains(log.String(), "done_marker=true") {
		t.Errorf("log:\n%s", log)
	}
}

func keys(m map[string]part) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func firstBytes(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "\n[...]"
	}
	return string(b)
}

// quoteIfNeeded is how slog's text handler writes a value.
func quoteIfNeeded(s string) string {
	for _, r := range s {
		if r <= ' ' || r == '"' || r == '=' || r > 0x7e {
			return `"` + s + `"`
		}
	}
	return s
}

// TestOutboxNotWritable: a budget that cannot be written is not the
// plan's fault: no error mail, the plan stays in processing/ and is
// finished at the next start, and --once reports the failure.
func TestOutboxNotWritable(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	s := newService(t, cfg)
	os.RemoveAll(cfg.Layout.Outbox)
	write(t, cfg.Layout.Outbox, []byte("a file where the outbox should be"))
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := s.Once(ctx); err == nil || !strings.Contains(err.Error(), "1 plan could not be handled") {
		t.Errorf("Once: %v, want the failure reported", err)
	}
	if got := files(t, cfg.Layout.Processing); len(got) != 1 || files(t, cfg.Layout.Failed) != nil {
		t.Errorf("processing %v, failed %v: want the plan kept in processing", got, files(t, cfg.Layout.Failed))
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d mails: nobody should be told to fix the plan", n)
	}
	if !strings.Contains(log.String(), "msg=error plan=plan.csv") {
		t.Errorf("log:\n%s", log)
	}
	// Fixed: the next start finishes it.
	os.Remove(cfg.Layout.Outbox)
	if left := once(t, newService(t, cfg)); left != 0 || len(srv.Messages()) != 1 || len(files(t, cfg.Layout.Done)) != 1 {
		t.Errorf("after the fix: %d queued, %d mails, done %v\n%s", left, len(srv.Messages()), files(t, cfg.Layout.Done), log)
	}
}

// TestOnceLeavesAChangingFile: --once does not wait forever for a file
// that keeps changing.
func TestOnceLeavesAChangingFile(t *testing.T) {
	cfg, log := testConfig(t, t.TempDir(), nil)
	cfg.Settle = 300 * time.Millisecond
	path := filepath.Join(cfg.Layout.Inbox, "growing.csv")
	plan := samplePlan(t)
	write(t, path, plan)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				os.WriteFile(path, append(plan[:len(plan):len(plan)], strings.Repeat("\n", i%7+1)...), 0o644)
			}
		}
	}()
	once(t, newService(t, cfg))
	close(stop)
	<-done
	if files(t, cfg.Layout.Processing) != nil || files(t, cfg.Layout.Done) != nil {
		t.Errorf("a changing file was taken")
	}
	if !strings.Contains(log.String(), `msg="not settled"`) {
		t.Errorf("log:\n%s", log)
	}
}

// TestWorkbookTooLargeToAttach: the mail goes without the workbook and
// says where it is.
func TestWorkbookTooLargeToAttach(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	cfg.MaxAttachment = 1000
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	once(t, newService(t, cfg))
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails\n%s", len(msgs), log)
	}
	m := parseMail(t, msgs[0])
	if len(m.Attachments) != 0 {
		t.Errorf("attachments %v, want none", keys(m.Attachments))
	}
	if !strings.Contains(m.Text, "is too large to mail: it is in the outbox folder, "+cfg.Layout.Outbox) {
		t.Errorf("text:\n%s", m.Text)
	}
	if !strings.Contains(log.String(), `msg="not attached"`) {
		t.Errorf("log:\n%s", log)
	}
}

// TestEventsWithoutPolling: with the rescan an hour away, folder events
// alone have a plan taken, also one copied into a folder made in the inbox
// first (fsnotify is not recursive: the folder must be added to the watch).
func TestEventsWithoutPolling(t *testing.T) {
	cfg, log := testConfig(t, t.TempDir(), nil)
	cfg.Poll = time.Hour
	cfg.Settle = 200 * time.Millisecond
	stop := runService(t, cfg)
	defer stop()
	time.Sleep(50 * time.Millisecond) // let the first scan pass: the drop must come by event
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	waitFor(t, "plan.csv filed", func() bool { return len(files(t, cfg.Layout.Done)) == 1 })
	dir := filepath.Join(cfg.Layout.Inbox, "2025-Q1")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the folder is seen empty, then filled
	changed := strings.Replace(string(samplePlan(t)), "\"1,800\"", "\"1,900\"", 1)
	write(t, filepath.Join(dir, "a.csv"), []byte(changed))
	waitFor(t, "the folder filed", func() bool { return len(files(t, cfg.Layout.Done)) == 2 })
	if !strings.Contains(log.String(), "msg=taken plan=2025-Q1 folder=true") {
		t.Errorf("log:\n%s", log)
	}
}

func TestBadPlanTwiceMailedOnce(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	s := newService(t, cfg)
	for range 2 {
		write(t, filepath.Join(cfg.Layout.Inbox, "bad.csv"), []byte(badPlan))
		once(t, s)
	}
	if got := files(t, cfg.Layout.Failed); strings.Join(got, " ") != "bad (2).csv bad (2).csv.errors.txt bad.csv bad.csv.errors.txt" {
		t.Errorf("failed holds %v", got)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d error mails, want 1\n%s", n, log)
	}
}

// TestMailSaysWhatWasAssumed: a plan without the optional columns is
// priced with their defaults, and the mail says so.
func TestMailSaysWhatWasAssumed(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	cfg.Options.CurrentPlans = nil
	write(t, filepath.Join(cfg.Layout.Inbox, "short.csv"), []byte("date,account,campaign,friends\n2025-01-03,cafe,new year,100\n"))
	once(t, newService(t, cfg))
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails\n%s", len(msgs), log)
	}
	m := parseMail(t, msgs[0])
	if !strings.Contains(m.Text, "Assumed while reading the plan:\n- short.csv: no sends column: every row is sent once (sends 1)") {
		t.Errorf("text:\n%s", m.Text)
	}
	if !strings.Contains(m.HTML, "no sends column") {
		t.Errorf("HTML lacks the defaults")
	}
}
