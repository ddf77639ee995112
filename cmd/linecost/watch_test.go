package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linecost/internal/smtptest"
)

// startPlainSMTP is an SMTP server on loopback without TLS or login
// (internal/smtptest), which keeps what it receives (the delivery package
// tests TLS and AUTH).
func startPlainSMTP(t *testing.T) *smtptest.Server {
	t.Helper()
	return smtptest.Start(t, smtptest.Options{Domain: "localhost"})
}

// theMail checks that a run succeeded and sent srv exactly one mail, and
// returns that mail.
func theMail(t *testing.T, srv *smtptest.Server, code int, stdout, stderr string) *mail.Message {
	t.Helper()
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails", len(msgs))
	}
	m, err := mail.ReadMessage(bytes.NewReader(msgs[0]))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func dropSample(t *testing.T, dir, name string) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/sample/campaigns.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "inbox"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "inbox", name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func TestWatchOnceEmptyInbox(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd(t, "watch", "--once", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, `msg="mail off"`) {
		t.Errorf("log:\n%s", errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "inbox")); err != nil {
		t.Errorf("inbox not created: %v", err)
	}
}

func TestWatchOnceWithMail(t *testing.T) {
	srv := startPlainSMTP(t)
	dir := t.TempDir()
	dropSample(t, dir, "plan.csv")
	code, out, errOut := runCmd(t, "watch", "--once", "--settle", "0s", "--json", "--log-format", "json",
		"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(srv.Port()), "--smtp-tls", "none",
		"--mail-from", "budget@example.com", "--mail-to", "finance@example.com", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if msgs := srv.Messages(); len(msgs) != 1 {
		t.Fatalf("%d mails\n%s", len(msgs), errOut)
	}
	outbox := listDir(t, filepath.Join(dir, "outbox"))
	if len(outbox) != 2 {
		t.Errorf("outbox %v", outbox)
	}
	sc := bufio.NewScanner(strings.NewReader(errOut))
	events := map[string]bool{}
	for sc.Scan() {
		var line struct{ Msg string }
		if err := jsonUnmarshal(sc.Text(), &line); err != nil {
			t.Fatalf("log line is not JSON: %q", sc.Text())
		}
		events[line.Msg] = true
	}
	for _, ev := range []string{"taken", "priced", "queued", "mailed"} {
		if !events[ev] {
			t.Errorf("no %q in the log:\n%s", ev, errOut)
		}
	}
}

// TestWatchConfigFile sets flags from a TOML file, overridden by a
// LINECOST_* variable and by the command line.
func TestWatchConfigFile(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(t.TempDir(), "linecost.toml")
	write := func(s string) {
		if err := os.WriteFile(conf, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("settle = \"0s\"\njson = true\nlang = \"zh-TW\"\ncurrent-plan = [\"pro\"]\noutbox = \"" + filepath.Join(dir, "out") + "\"\n")
	dropSample(t, dir, "a.csv")
	if code, out, errOut := runCmd(t, "watch", "--once", "--config", conf, dir); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if got := listDir(t, filepath.Join(dir, "out")); len(got) != 2 {
		t.Errorf("outbox from the file holds %v, want the workbook and the JSON (json = true)", got)
	}
	// The environment wins over the file, the command line over both.
	t.Setenv("LINECOST_JSON", "false")
	dropSample(t, dir, "b.csv")
	os.WriteFile(filepath.Join(dir, "inbox", "b.csv"), []byte(strings.Replace(readSample(t), "1,800", "1,900", 1)), 0o644)
	if code, _, errOut := runCmd(t, "watch", "--once", "--config", conf, dir); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if got := listDir(t, filepath.Join(dir, "out")); len(got) != 3 {
		t.Errorf("outbox holds %v: LINECOST_JSON=false should have left out b's JSON", got)
	}

	// report reads the same file: the keys it has flags for.
	book := filepath.Join(t.TempDir(), "budget.xlsx")
	if code, _, errOut := runCmd(t, "report", "--config", conf, "../../testdata/sample/campaigns.csv", "-o", book); code != exitOK {
		t.Fatalf("report with the watch config: exit %d\n%s", code, errOut)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if sheets := f.GetSheetList(); !slices.Contains(sheets, "關於") {
		t.Errorf("sheets %v: want lang = \"zh-TW\" from the file", sheets)
	}
	f.Close()

	write("setle = \"0s\"\n")
	code, _, errOut := runCmd(t, "watch", "--once", "--config", conf, dir)
	if code != exitUsage || !strings.Contains(errOut, "unknown keys setle") {
		t.Errorf("a misspelt key: exit %d, %s", code, errOut)
	}
	write("smtp-password = \"x\"\n")
	code, _, errOut = runCmd(t, "watch", "--once", "--config", conf, dir)
	if code != exitUsage || !strings.Contains(errOut, "LINECOST_SMTP_PASSWORD") {
		t.Errorf("a password in the file: exit %d, %s", code, errOut)
	}
}

func readSample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/sample/campaigns.csv")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWatchCheck(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := runCmd(t, "watch", "--check", dir)
	if code != exitFailure || !strings.Contains(errOut, "inbox folder") {
		t.Errorf("check of missing folders: exit %d, %s", code, errOut)
	}
	if listDir(t, dir) != nil {
		t.Errorf("check created %v", listDir(t, dir))
	}
	runCmd(t, "watch", "--once", dir)
	srv := startPlainSMTP(t)
	code, out, errOut := runCmd(t, "watch", "--check", "--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(srv.Port()), "--smtp-tls", "none", "--mail-from", "b@example.com", dir)
	if code != exitOK || !strings.Contains(out, "folders: ok") || !strings.Contains(out, "smtp: ok") {
		t.Errorf("check: exit %d\n%s%s", code, out, errOut)
	}
	if len(srv.Messages()) != 0 {
		t.Errorf("check sent mail")
	}
}

func TestWatchUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"watch"}, "watch needs one folder"},
		{[]string{"watch", "--mail-to", "a@example.com", "d"}, "need --smtp-host"},
		{[]string{"watch", "--smtp-host", "h", "--smtp-user", "u", "--smtp-tls", "none", "--mail-from", "a@example.com", "d"}, "has no password"},
		{[]string{"watch", "--log-format", "xml", "d"}, "--log-format"},
	} {
		code, _, errOut := runCmd(t, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %s; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	t.Setenv("LINECOST_SMTP_PASSWORD", "pw")
	code, _, errOut := runCmd(t, "watch", "--smtp-host", "h", "--smtp-user", "u", "--smtp-tls", "none", "--mail-from", "a@example.com", "d")
	if code != exitUsage || !strings.Contains(errOut, "plain text") {
		t.Errorf("password over plain text: exit %d, %s", code, errOut)
	}
}

func TestReportMailTo(t *testing.T) {
	srv := startPlainSMTP(t)
	out := filepath.Join(t.TempDir(), "budget.xlsx")
	code, stdout, errOut := runCmd(t, "report", "../../testdata/sample/campaigns.csv", "-o", out, "--mail-to", "finance@example.com",
		"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(srv.Port()), "--smtp-tls", "none", "--mail-from", "budget@example.com")
	m := theMail(t, srv, code, stdout, errOut)
	if s := m.Header.Get("Subject"); !strings.HasPrefix(s, "LINE budget 2025-01..2025-03: TWD ") || !strings.HasSuffix(s, " incl. tax (campaigns.csv)") {
		t.Errorf("subject %q", s)
	}
	if !strings.Contains(stdout, "Mailed budget.xlsx to finance@example.com") {
		t.Errorf("stdout:\n%s", stdout)
	}
	code, _, errOut = runCmd(t, "report", "../../testdata/sample/campaigns.csv", "--json", "-", "--mail-to", "f@example.com", "--smtp-host", "h")
	if code != exitUsage || !strings.Contains(errOut, "give -o") {
		t.Errorf("--mail-to without -o: exit %d, %s", code, errOut)
	}
}

// TestWatchSIGTERM runs watch in a child process (this test binary) and
// stops it with SIGTERM: it exits 0 after the plan it was given is filed.
func TestWatchSIGTERM(t *testing.T) {
	if dir := os.Getenv("LINECOST_WATCH_CHILD"); dir != "" {
		// As main runs it: under guard, which ends other commands at once.
		os.Exit(guard(func() int {
			return run([]string{"linecost", "watch", "--settle", "0s", "--poll", "50ms", dir}, os.Stdin, os.Stdout, os.Stderr)
		}))
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWatchSIGTERM$")
	cmd.Env = append(os.Environ(), "LINECOST_WATCH_CHILD="+dir)
	var log syncWriter
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	dropSample(t, dir, "plan.csv")
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(log.String(), "msg=priced") {
		if time.Now().After(deadline) {
			t.Fatalf("the plan was never priced:\n%s", log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) || err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, log.String())
	}
	if !strings.Contains(log.String(), "msg=stopped") {
		t.Errorf("log:\n%s", log.String())
	}
	if got := listDir(t, filepath.Join(dir, "done")); len(got) != 1 {
		t.Errorf("done holds %v", got)
	}
}

type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// TestAboutOptions: the repeatable flags are listed one value each (also
// when wrapped for the config file), mail and service flags not at all.
func TestAboutOptions(t *testing.T) {
	srv := startPlainSMTP(t)
	out := filepath.Join(t.TempDir(), "budget.xlsx")
	code, _, errOut := runCmd(t, "report", "../../testdata/sample/campaigns.csv", "-o", out,
		"--current-plan", "pro", "--current-plan", "咖啡小館=light", "--mail-to", "finance@example.com",
		"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(srv.Port()), "--smtp-tls", "none", "--mail-from", "budget@example.com")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("About")
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range rows {
		all = append(all, strings.Join(r, "|"))
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"--current-plan pro", "--current-plan 咖啡小館=light", "--output " + out} {
		if !strings.Contains(text, want) {
			t.Errorf("About lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"--mail-to", "--smtp-host", "--mail-from", "finance@example.com"} {
		if strings.Contains(text, not) {
			t.Errorf("About shows %q:\n%s", not, text)
		}
	}
}

// TestExampleConfig: docs/linecost.example.toml names every setting, and
// loads as it is and with every example key uncommented.
func TestExampleConfig(t *testing.T) {
	data, err := os.ReadFile("../../docs/linecost.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for k := range configKeys() {
		if !strings.Contains(text, "\n"+k+" = ") && !strings.Contains(text, "\n# "+k+" = ") {
			t.Errorf("docs/linecost.example.toml does not document %s", k)
		}
	}
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "watch", "--config", "../../docs/linecost.example.toml", "--once", dir); code != exitOK {
		t.Errorf("the example as it is: exit %d\n%s", code, errOut)
	}
	// Every key uncommented must parse (the values are examples: a check
	// of them would need the folders and server they name).
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "# ") && strings.Contains(l, " = ") && !strings.HasPrefix(l, "# ----") {
			l = strings.TrimPrefix(l, "# ")
		}
		lines = append(lines, l)
	}
	if err := checkConfigKeys(writeTemp(t, strings.Join(lines, "\n"))); err != nil {
		t.Errorf("the example with every key: %v", err)
	}
}

func writeTemp(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.toml")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReportMailFails: no spool for a one-off run: the workbook stays
// written and the exit code is 3.
func TestReportMailFails(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	l.Close() // nothing listens there now
	out := filepath.Join(t.TempDir(), "budget.xlsx")
	code, _, errOut := runCmd(t, "report", "../../testdata/sample/campaigns.csv", "-o", out, "--mail-to", "finance@example.com",
		"--smtp-host", "127.0.0.1", "--smtp-port", port, "--smtp-tls", "none", "--mail-from", "budget@example.com")
	if code != exitFailure || !strings.Contains(errOut, "budget.xlsx was written, but the mail to finance@example.com was not sent") {
		t.Errorf("exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the workbook: %v", err)
	}
}
