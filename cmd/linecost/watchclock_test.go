package main

import (
	"bytes"
	"mime"
	"mime/multipart"
	"net/mail"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestWatchToday: under --today the names a user sees (the outbox files,
// and so the mail's attachment; the done/ month; the mail's Date) are of
// that day, as the mail's "plan changes from" is: the day is read once,
// in this package, and passed down.
func TestWatchToday(t *testing.T) {
	srv := startPlainSMTP(t)
	dir := t.TempDir()
	dropSample(t, dir, "plan.csv")
	code, out, errOut := runCmd(t, "watch", "--once", "--settle", "0s", "--today", "2024-12-20",
		"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(srv.Port()), "--smtp-tls", "none",
		"--mail-from", "budget@example.com", "--mail-to", "finance@example.com", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	outbox := listDir(t, filepath.Join(dir, "outbox"))
	if len(outbox) != 1 || !strings.HasPrefix(outbox[0], "plan-budget-20241220-") {
		t.Errorf("outbox holds %v, want plan-budget-20241220-HHMMSS.xlsx", outbox)
	}
	if done := listDir(t, filepath.Join(dir, "done")); len(done) != 1 || done[0] != "2024-12/plan.csv" {
		t.Errorf("done holds %v, want 2024-12/plan.csv", done)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails\n%s", len(msgs), errOut)
	}
	m, err := mail.ReadMessage(bytes.NewReader(msgs[0]))
	if err != nil {
		t.Fatal(err)
	}
	if d, err := m.Header.Date(); err != nil || d.UTC().Format(time.DateOnly) != "2024-12-20" {
		t.Errorf("Date %q (%v), want 2024-12-20", m.Header.Get("Date"), err)
	}
	names := attachmentNames(t, m)
	if len(names) != 1 || len(outbox) != 1 || names[0] != outbox[0] {
		t.Errorf("attachments %v, want the workbook %v", names, outbox)
	}
}

// TestWatchSourceDateEpoch: SOURCE_DATE_EPOCH fixes the names and dates a
// user sees, not the clock the service waits on: a plan still settles
// and the pass ends (a frozen clock never let --settle pass).
func TestWatchSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // 2023-11-14 22:13:20 UTC
	dir := t.TempDir()
	dropSample(t, dir, "plan.csv")
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := runCmd(t, "watch", "--once", "--settle", "100ms", dir)
		done <- result{code, out, errOut}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("watch --once under SOURCE_DATE_EPOCH did not end in 20 s")
	}
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	if outbox := listDir(t, filepath.Join(dir, "outbox")); len(outbox) != 1 || outbox[0] != "plan-budget-20231114-221320.xlsx" {
		t.Errorf("outbox holds %v, want plan-budget-20231114-221320.xlsx", outbox)
	}
}

// attachmentNames are the file names of a mail's attachments.
func attachmentNames(t *testing.T, m *mail.Message) []string {
	t.Helper()
	_, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var walk func(r *multipart.Reader)
	walk = func(r *multipart.Reader) {
		for {
			p, err := r.NextPart()
			if err != nil {
				return
			}
			mt, ps, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
			if strings.HasPrefix(mt, "multipart/") {
				walk(multipart.NewReader(p, ps["boundary"]))
				continue
			}
			if n := p.FileName(); n != "" {
				names = append(names, n)
			}
		}
	}
	walk(multipart.NewReader(m.Body, params["boundary"]))
	return names
}

// TestReportMailToday: a one-off report under --today dates its mail and
// its About sheet on that day too.
func TestReportMailToday(t *testing.T) {
	srv := startPlainSMTP(t)
	out := filepath.Join(t.TempDir(), "budget.xlsx")
	code, stdout, errOut := runCmd(t, "report", "../../testdata/sample/campaigns.csv", "-o", out, "--today", "2024-12-20",
		"--mail-to", "finance@example.com", "--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(srv.Port()),
		"--smtp-tls", "none", "--mail-from", "budget@example.com")
	m := theMail(t, srv, code, stdout, errOut)
	if d, err := m.Header.Date(); err != nil || d.UTC().Format(time.DateOnly) != "2024-12-20" {
		t.Errorf("Date %q (%v), want 2024-12-20", m.Header.Get("Date"), err)
	}
	rows, err := openWorkbook(t, out).GetRows("About")
	if err != nil {
		t.Fatal(err)
	}
	generated := ""
	for _, r := range rows {
		if len(r) > 1 && strings.HasPrefix(r[0], "Generated") {
			generated = r[1]
		}
	}
	if !strings.HasPrefix(generated, "2024-12-20") {
		t.Errorf("About: Generated %q, want 2024-12-20 ...", generated)
	}
}
