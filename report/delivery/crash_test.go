//go:build unix

package delivery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash tests run the service in a child process (this test binary,
// re-executed) that kills itself with SIGKILL right after one step, then
// restart it in this process and check that nothing was lost and nothing
// sent twice.

const (
	crashEnvDir  = "LINECOST_CRASH_DIR"
	crashEnvAt   = "LINECOST_CRASH_AT"
	crashEnvAddr = "LINECOST_CRASH_SMTP"
	// crashEnvLater sets the child's clock that many days ahead.
	crashEnvLater = "LINECOST_CRASH_LATER"
	// crashEnvNow stands the child's Now still at that moment (RFC 3339).
	crashEnvNow = "LINECOST_CRASH_NOW"
)

// TestCrashChild is the child: it does nothing unless the parent set it up.
func TestCrashChild(t *testing.T) {
	root := os.Getenv(crashEnvDir)
	if root == "" {
		t.Skip("run by TestCrashRecovery")
	}
	certPEM, err := os.ReadFile(filepath.Join(root, "cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := testConfig(t, filepath.Join(root, "service"), &mailServer{Addr: os.Getenv(crashEnvAddr), CertPEM: certPEM})
	if days, err := strconv.Atoi(os.Getenv(crashEnvLater)); err == nil {
		cfg.Clock = later(days)
	}
	if now, err := time.Parse(time.RFC3339, os.Getenv(crashEnvNow)); err == nil {
		cfg.Now = func() time.Time { return now }
	}
	at := os.Getenv(crashEnvAt)
	if at == "run" { // run until the parent kills the process
		cfg.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
		newService(t, cfg).Run(context.Background())
		return
	}
	cfg.Hook = func(step string) {
		if step == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	once(t, newService(t, cfg))
	t.Fatalf("step %s never came", at)
}

// TestKilledAnywhere kills a running service with SIGKILL at an arbitrary
// moment, while it works through five plans, and restarts it: every plan
// is filed once and mailed; a mail is sent again only in SMTP's window
// (accepted, not yet recorded), and then with the same Message-ID.
func TestKilledAnywhere(t *testing.T) {
	for _, after := range []int{1, 3, 5} {
		t.Run(fmt.Sprintf("after %d taken", after), func(t *testing.T) {
			root := t.TempDir()
			srv := startMailServer(t, nil)
			if err := os.WriteFile(filepath.Join(root, "cert.pem"), srv.CertPEM, 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, log := testConfig(t, filepath.Join(root, "service"), srv)
			const plans = 5
			for i := range plans {
				p := strings.Replace(string(samplePlan(t)), "\"1,800\"", fmt.Sprintf("\"%d\"", 1800+i), 1)
				write(t, filepath.Join(cfg.Layout.Inbox, fmt.Sprintf("plan-%d.csv", i)), []byte(p))
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashEnvDir+"="+root, crashEnvAt+"=run", crashEnvAddr+"="+srv.Addr)
			var out syncBuffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "plans taken", func() bool { return strings.Count(out.String(), "msg=taken") >= after })
			cmd.Process.Kill()
			cmd.Wait()

			if left := once(t, newService(t, cfg)); left != 0 {
				t.Fatalf("%d mails queued after the restart\n%s\n%s", left, out.String(), log)
			}
			if got := files(t, cfg.Layout.Done); len(got) != plans {
				t.Errorf("done holds %v, want %d plans", got, plans)
			}
			for _, d := range []string{cfg.Layout.Inbox, cfg.Layout.Processing} {
				if got := files(t, d); got != nil {
					t.Errorf("%s holds %v", d, got)
				}
			}
			if got := files(t, cfg.Layout.Outbox); len(got) != 2*plans {
				t.Errorf("outbox holds %v, want a workbook and a JSON per plan", got)
			}
			ids := map[string]int{}
			for _, raw := range srv.Messages() {
				ids[parseMail(t, raw).Header.Get("Message-Id")]++
			}
			if len(ids) != plans {
				t.Errorf("%d distinct mails, want %d", len(ids), plans)
			}
			if n := len(srv.Messages()); n > plans+1 {
				t.Errorf("%d mails for %d plans: more than SMTP's one window allows", n, plans)
			}
		})
	}
}

func TestCrashRecovery(t *testing.T) {
	for _, tc := range []struct {
		plan  string
		steps []string
	}{
		{"plan.csv", []string{"taken", "journaled", "written", "queued", "recorded", "filed", "sent"}},
		{"bad.csv", []string{"taken", "journaled", "queued", "recorded", "filed", "sent"}},
	} {
		for _, step := range tc.steps {
			t.Run(tc.plan+"/"+step, func(t *testing.T) {
				root := t.TempDir()
				srv := startMailServer(t, nil)
				if err := os.WriteFile(filepath.Join(root, "cert.pem"), srv.CertPEM, 0o644); err != nil {
					t.Fatal(err)
				}
				cfg, log := testConfig(t, filepath.Join(root, "service"), srv)
				data := samplePlan(t)
				if tc.plan == "bad.csv" {
					data = []byte(badPlan)
				}
				write(t, filepath.Join(cfg.Layout.Inbox, tc.plan), data)

				cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), crashEnvDir+"="+root, crashEnvAt+"="+step, crashEnvAddr+"="+srv.Addr)
				out, err := cmd.CombinedOutput()
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
					t.Fatalf("child did not die at %s: %v\n%s", step, err, out)
				}
				// A stray temporary file, as a kill during a write leaves.
				write(t, filepath.Join(cfg.Layout.Outbox, ".linecost-0123456789ab.tmp"), []byte("part"))
				write(t, filepath.Join(cfg.Layout.State, "."+journalName+tmpMark+"123"), []byte("part"))

				if left := once(t, newService(t, cfg)); left != 0 {
					t.Fatalf("%d mails queued after the restart\n%s", left, log)
				}
				if n := len(srv.Messages()); n != 1 {
					t.Errorf("%d mails received, want exactly 1\n%s", n, log)
				}
				for _, d := range []string{cfg.Layout.Inbox, cfg.Layout.Processing} {
					if got := files(t, d); got != nil {
						t.Errorf("%s holds %v", d, got)
					}
				}
				outbox, done, failed := files(t, cfg.Layout.Outbox), files(t, cfg.Layout.Done), files(t, cfg.Layout.Failed)
				if tc.plan == "plan.csv" {
					if len(outbox) != 2 || len(done) != 1 || !strings.HasSuffix(done[0], "/plan.csv") || failed != nil {
						t.Errorf("outbox %v, done %v, failed %v: want one workbook and its JSON, done/YYYY-MM/plan.csv", outbox, done, failed)
					}
				} else if strings.Join(failed, " ") != "bad.csv bad.csv.errors.txt" || outbox != nil || done != nil {
					t.Errorf("outbox %v, done %v, failed %v: want failed/bad.csv and its errors", outbox, done, failed)
				}
				if ids := queuedIDs(t, cfg, ""); len(ids) != 0 {
					t.Errorf("spool holds %v", ids)
				}
				if got := files(t, cfg.Layout.State); strings.Join(got, " ") != "journal.json lock" {
					t.Errorf("state holds %v", got)
				}
				// And a restart after that changes nothing.
				once(t, newService(t, cfg))
				if n := len(srv.Messages()); n != 1 {
					t.Errorf("a second restart sent again: %d mails", n)
				}
			})
		}
	}
}

// crashChild runs TestCrashChild on root with the environment env, and
// wants it killed by its hook.
func crashChild(t *testing.T, root string, srv *mailServer, env ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), crashEnvDir+"="+root, crashEnvAddr+"="+srv.Addr), env...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child did not die at its step (%v): %v\n%s", env, err, out)
	}
}

// TestJournalCompactionCrash: the journal's compaction survives a kill
// right after it (the file is whole, and a stray temporary file of a kill
// during the write is removed); a plan whose entry is old but which a
// kill left in processing/ is not forgotten, so not mailed twice.
func TestJournalCompactionCrash(t *testing.T) {
	t.Run("killed after compacting", func(t *testing.T) {
		root := t.TempDir()
		srv := startMailServer(t, nil)
		if err := os.WriteFile(filepath.Join(root, "cert.pem"), srv.CertPEM, 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, log := testConfig(t, filepath.Join(root, "service"), srv)
		write(t, filepath.Join(cfg.Layout.Inbox, "a.csv"), variant(t, 1801))
		write(t, filepath.Join(cfg.Layout.Inbox, "b.csv"), variant(t, 1802))
		once(t, newService(t, cfg))
		if err := os.Remove(filepath.Join(cfg.Layout.Done, testToday.Format("2006-01"), "a.csv")); err != nil {
			t.Fatal(err)
		}
		crashChild(t, root, srv, crashEnvAt+"=compacted", crashEnvLater+"=31")
		write(t, filepath.Join(cfg.Layout.State, "."+journalName+tmpMark+"456"), []byte("[{\"sha"))
		if got := strings.Join(journalNames(t, cfg), " "); got != "b.csv" {
			t.Errorf("journal after the kill %q, want b.csv", got)
		}
		cfg.Clock = later(31)
		write(t, filepath.Join(cfg.Layout.Inbox, "a.csv"), variant(t, 1801))
		write(t, filepath.Join(cfg.Layout.Inbox, "b.csv"), variant(t, 1802))
		once(t, newService(t, cfg))
		if n := len(srv.Messages()); n != 3 {
			t.Errorf("%d mails, want 3: a.csv again (forgotten), b.csv once (still in done/)\n%s", n, log)
		}
		if got := files(t, cfg.Layout.State); strings.Join(got, " ") != "journal.json lock" {
			t.Errorf("state holds %v", got)
		}
	})
	t.Run("old entry, plan left in processing", func(t *testing.T) {
		root := t.TempDir()
		srv := startMailServer(t, nil)
		if err := os.WriteFile(filepath.Join(root, "cert.pem"), srv.CertPEM, 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, log := testConfig(t, filepath.Join(root, "service"), srv)
		write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
		crashChild(t, root, srv, crashEnvAt+"=recorded")
		cfg.Clock = later(31)
		if left := once(t, newService(t, cfg)); left != 0 {
			t.Fatalf("%d mails queued\n%s", left, log)
		}
		if n := len(srv.Messages()); n != 1 {
			t.Errorf("%d mails, want 1\n%s", n, log)
		}
		if got := strings.Join(journalNames(t, cfg), " "); got != "plan.csv" {
			t.Errorf("journal %q, want plan.csv (it is in done/)", got)
		}
		write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
		once(t, newService(t, cfg))
		if n := len(srv.Messages()); n != 1 {
			t.Errorf("dropped again: %d mails, want 1", n)
		}
	})
}
