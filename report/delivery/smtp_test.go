package delivery

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// dropPlanOnce drops the sample plan and runs the service once.
func dropPlanOnce(t *testing.T, s *Service, cfg Config, name string) int {
	t.Helper()
	write(t, filepath.Join(cfg.Layout.Inbox, name), samplePlan(t))
	return once(t, s)
}

func queuedIDs(t *testing.T, cfg Config, sub string) []string {
	t.Helper()
	ids, err := (&spool{dir: cfg.Layout.Spool}).ids(sub)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestMailConnectionRefused(t *testing.T) {
	// A port nothing listens on: take one and close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close()
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	good := cfg.SMTP.Dial
	cfg.SMTP.Dial = func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, dead)
	}
	if left := dropPlanOnce(t, newService(t, cfg), cfg, "plan.csv"); left != 1 {
		t.Fatalf("%d mails queued, want 1\n%s", left, log)
	}
	// The plan is handled all the same: delivery never blocks a report.
	if len(files(t, cfg.Layout.Done)) != 1 || len(files(t, cfg.Layout.Outbox)) != 2 {
		t.Errorf("done %v, outbox %v", files(t, cfg.Layout.Done), files(t, cfg.Layout.Outbox))
	}
	if !strings.Contains(log.String(), "msg=\"mail retried\"") || !strings.Contains(log.String(), "connection refused") {
		t.Errorf("log:\n%s", log)
	}
	// The server is back: the next run (a restart: a new Service) sends it.
	cfg.SMTP.Dial = good
	if left := once(t, newService(t, cfg)); left != 0 {
		t.Fatalf("%d still queued\n%s", left, log)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d mails, want 1", n)
	}
	if left := once(t, newService(t, cfg)); left != 0 || len(srv.Messages()) != 1 {
		t.Errorf("a third run sent again: %d received", len(srv.Messages()))
	}
}

// TestMailTemporaryFailures answers 421 at MAIL, then 451 at the end of
// DATA, then accepts: the mail is retried with backoff and received once.
func TestMailTemporaryFailures(t *testing.T) {
	srv := startMailServer(t, nil)
	srv.Fault = func(stage string, n int, _ *smtp.Conn) error {
		switch {
		case stage == "mail" && n == 1:
			return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 7, 0}, Message: "try again later"}
		case stage == "data" && n == 2:
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "local error"}
		}
		return nil
	}
	cfg, log := testConfig(t, t.TempDir(), srv)
	stop := runService(t, cfg)
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	waitFor(t, "the mail", func() bool { return len(srv.Messages()) == 1 })
	stop()
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d mails, want 1", n)
	}
	l := log.String()
	if strings.Count(l, "msg=\"mail retried\"") != 2 || !strings.Contains(l, "code=421") || !strings.Contains(l, "code=451") || !strings.Contains(l, "attempts=3") {
		t.Errorf("log:\n%s", l)
	}
	if ids := queuedIDs(t, cfg, ""); len(ids) != 0 {
		t.Errorf("spool still holds %v", ids)
	}
}

// TestMailPermanentFailure has the server refuse the first mail with 550:
// it is not retried, and the next mail that goes tells of it.
func TestMailPermanentFailure(t *testing.T) {
	srv := startMailServer(t, nil)
	srv.Fault = func(stage string, n int, _ *smtp.Conn) error {
		if stage == "data" && n == 1 {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "message refused"}
		}
		return nil
	}
	cfg, log := testConfig(t, t.TempDir(), srv)
	s := newService(t, cfg)
	if left := dropPlanOnce(t, s, cfg, "first.csv"); left != 0 {
		t.Fatalf("%d queued: a 550 must not be retried\n%s", left, log)
	}
	if ids := queuedIDs(t, cfg, spoolFailed); len(ids) != 1 {
		t.Fatalf("spool/failed holds %v", ids)
	}
	if !strings.Contains(log.String(), "msg=\"mail failed\"") || !strings.Contains(log.String(), "code=550") {
		t.Errorf("log:\n%s", log)
	}
	changed := strings.Replace(string(samplePlan(t)), "\"1,800\"", "\"1,900\"", 1)
	write(t, filepath.Join(cfg.Layout.Inbox, "second.csv"), []byte(changed))
	once(t, s)
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails, want the second one", len(msgs))
	}
	m := parseMail(t, msgs[0])
	if !strings.Contains(m.Text, "1 earlier mail could not be delivered:") || !strings.Contains(m.Text, "(first.csv), to finance@example.com: ") {
		t.Errorf("the next mail does not tell of the refused one:\n%s", m.Text)
	}
	// Told once: a third mail does not repeat it.
	third := strings.Replace(string(samplePlan(t)), "\"1,800\"", "\"2,000\"", 1)
	write(t, filepath.Join(cfg.Layout.Inbox, "third.csv"), []byte(third))
	once(t, s)
	if msgs := srv.Messages(); len(msgs) != 2 || strings.Contains(parseMail(t, msgs[1]).Text, "could not be delivered") {
		t.Errorf("the refused mail was reported again")
	}
}

// TestMailConnectionDroppedDuringData closes the connection while the
// message is being read: the mail is retried and received once.
func TestMailConnectionDroppedDuringData(t *testing.T) {
	srv := startMailServer(t, nil)
	srv.Fault = func(stage string, n int, c *smtp.Conn) error {
		if stage == "data" && n == 1 {
			c.Close()
			return errDropped
		}
		return nil
	}
	cfg, log := testConfig(t, t.TempDir(), srv)
	s := newService(t, cfg)
	if left := dropPlanOnce(t, s, cfg, "plan.csv"); left != 1 {
		t.Fatalf("%d queued, want 1\n%s", left, log)
	}
	if left := once(t, s); left != 0 {
		t.Fatalf("%d queued after the retry\n%s", left, log)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d mails, want 1", n)
	}
}

// TestMailSlowServer has the server stall past the client's timeout once.
func TestMailSlowServer(t *testing.T) {
	srv := startMailServer(t, nil)
	release := make(chan struct{})
	srv.Fault = func(stage string, n int, _ *smtp.Conn) error {
		if stage == "data" && n == 1 {
			<-release
			return &smtp.SMTPError{Code: 451, Message: "too late"}
		}
		return nil
	}
	defer close(release)
	cfg, log := testConfig(t, t.TempDir(), srv)
	cfg.SMTP.Timeout = 300 * time.Millisecond
	s := newService(t, cfg)
	if left := dropPlanOnce(t, s, cfg, "plan.csv"); left != 1 {
		t.Fatalf("%d queued, want 1\n%s", left, log)
	}
	if !strings.Contains(log.String(), "timeout") {
		t.Errorf("log does not name the timeout:\n%s", log)
	}
	if left := once(t, s); left != 0 || len(srv.Messages()) != 1 {
		t.Errorf("after the retry: %d queued, %d received\n%s", left, len(srv.Messages()), log)
	}
}

func TestMailGivenUp(t *testing.T) {
	srv := startMailServer(t, nil)
	srv.Fault = func(string, int, *smtp.Conn) error {
		return &smtp.SMTPError{Code: 451, Message: "busy"}
	}
	cfg, log := testConfig(t, t.TempDir(), srv)
	cfg.Retry.GiveUp = time.Nanosecond
	if left := dropPlanOnce(t, newService(t, cfg), cfg, "plan.csv"); left != 0 {
		t.Fatalf("%d still queued after the retry period", left)
	}
	if ids := queuedIDs(t, cfg, spoolFailed); len(ids) != 1 || !strings.Contains(log.String(), "not delivered in") {
		t.Errorf("failed %v\n%s", ids, log)
	}
}

func TestRetryWaits(t *testing.T) {
	var got []string
	for n := 1; n <= 9; n++ {
		got = append(got, DefaultRetry.wait(n).String())
	}
	want := "1m0s 2m0s 4m0s 8m0s 16m0s 32m0s 1h0m0s 1h0m0s 1h0m0s"
	if strings.Join(got, " ") != want {
		t.Errorf("waits %v, want %s", got, want)
	}
}

func TestSMTPCheck(t *testing.T) {
	srv := startMailServer(t, nil)
	c := smtpConfig(srv.Addr, srv.CertPEM)
	if err := c.Check(context.Background()); err != nil {
		t.Fatalf("check: %v", err)
	}
	bad := *c
	bad.Password = "wrong"
	if err := bad.Check(context.Background()); err == nil || !strings.Contains(err.Error(), "535") {
		t.Errorf("check with a wrong password: %v, want a 535", err)
	}
	if len(srv.Messages()) != 0 {
		t.Errorf("check sent a mail")
	}
}

// TestPasswordNeverInPlainText: with TLS off, the settings are refused
// unless insecure auth is allowed; go-mail itself refuses PLAIN without
// TLS for a host that is not loopback by name.
func TestPasswordNeverInPlainText(t *testing.T) {
	srv := startMailServer(t, func(s *smtp.Server) { s.AllowInsecureAuth = true })
	c := smtpConfig(srv.Addr, srv.CertPEM)
	c.TLS = "none"
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "plain text") {
		t.Errorf("validate: %v, want the plain-text refusal", err)
	}
	c.InsecureAuth = true
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := c.Check(context.Background()); err != nil {
		t.Errorf("check with --smtp-insecure-auth: %v", err)
	}
	// What go-mail does when asked for PLAIN over plain text.
	if err := plainOverPlainText(srv); err == nil || !strings.Contains(err.Error(), "unencrypted") {
		t.Errorf("PLAIN without TLS to %s: %v, want go-mail's refusal", testHost, err)
	}
}

func TestLayoutCheck(t *testing.T) {
	root := t.TempDir()
	l := NewLayout(root)
	if err := l.Check(); err == nil || !strings.Contains(err.Error(), "inbox folder") {
		t.Errorf("check before create: %v", err)
	}
	if err := l.Create(); err != nil {
		t.Fatal(err)
	}
	if err := l.Check(); err != nil {
		t.Errorf("check: %v", err)
	}
	if files(t, root) != nil {
		t.Errorf("check left %v", files(t, root))
	}
	// Another file system, when the machine has one at hand.
	other, err := os.MkdirTemp("/dev/shm", "linecost-test-")
	if err != nil {
		t.Skip("no /dev/shm")
	}
	defer os.RemoveAll(other)
	st1, _ := os.Stat(root)
	st2, _ := os.Stat(other)
	d1, _ := device(st1)
	d2, _ := device(st2)
	if d1 == d2 {
		t.Skip("/dev/shm is on the file system of the temp folder")
	}
	l.Outbox = other
	if err := l.Check(); err == nil || !strings.Contains(err.Error(), "not on the file system") {
		t.Errorf("check across file systems: %v", err)
	}
}

func TestSentRecordsPruned(t *testing.T) {
	cfg, _ := testConfig(t, t.TempDir(), nil)
	s := newService(t, cfg)
	old, recent := filepath.Join(cfg.Layout.Spool, spoolSent, "old.json"), filepath.Join(cfg.Layout.Spool, spoolSent, "recent.json")
	write(t, old, []byte("{}"))
	write(t, recent, []byte("{}"))
	long := time.Now().Add(-31 * 24 * time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	once(t, s)
	if ids := queuedIDs(t, cfg, spoolSent); strings.Join(ids, " ") != "recent" {
		t.Errorf("sent records %v, want only the recent one", ids)
	}
}

// TestOneServicePerFolder: a second service on the same folders is refused
// while the first runs, and allowed once it has stopped.
func TestOneServicePerFolder(t *testing.T) {
	cfg, log := testConfig(t, t.TempDir(), nil)
	stop := runService(t, cfg)
	// "mail off" is logged once the lock is taken.
	waitFor(t, "the lock", func() bool { return strings.Contains(log.String(), "mail off") })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := newService(t, cfg).Once(ctx); err == nil || !strings.Contains(err.Error(), "another linecost watch is running") {
		t.Errorf("a second service: %v", err)
	}
	stop()
	if _, err := newService(t, cfg).Once(ctx); err != nil {
		t.Errorf("after the first stopped: %v", err)
	}
}

// TestDamagedSpoolFile: an unreadable spool file is logged and kept, and
// the other mails go.
func TestDamagedSpoolFile(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	s := newService(t, cfg)
	write(t, filepath.Join(cfg.Layout.Spool, "broken.json"), []byte("{not json"))
	if left := dropPlanOnce(t, s, cfg, "plan.csv"); left != 1 {
		t.Errorf("%d left, want the broken one", left)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d mails, want the plan's", n)
	}
	if !strings.Contains(log.String(), `msg="spool error"`) || !strings.Contains(log.String(), "broken.json") {
		t.Errorf("log:\n%s", log)
	}
}
