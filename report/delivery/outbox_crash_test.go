//go:build unix

package delivery

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestCrashRedoKeepsItsNames: the second plan.csv of a second is killed
// at each step; the restart's redo writes to the names it chose the first
// time (not to the first plan's, nor to a third pair), and mails once.
func TestCrashRedoKeepsItsNames(t *testing.T) {
	for _, step := range []string{"taken", "journaled", "written", "queued", "recorded", "filed", "sent"} {
		t.Run(step, func(t *testing.T) {
			root := t.TempDir()
			srv := startMailServer(t, nil)
			if err := os.WriteFile(filepath.Join(root, "cert.pem"), srv.CertPEM, 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, log := testConfig(t, filepath.Join(root, "service"), srv)
			cfg.Now = func() time.Time { return frozen }
			ds := newDrops(t, cfg, []string{"plan.csv", "plan.csv"}, []int{1800, 9000})
			write(t, filepath.Join(cfg.Layout.Inbox, ds[0].name), ds[0].data)
			once(t, newService(t, cfg))
			write(t, filepath.Join(cfg.Layout.Inbox, ds[1].name), ds[1].data)
			crashChild(t, root, srv, crashEnvAt+"="+step, crashEnvNow+"="+frozen.Format(time.RFC3339))
			if left := once(t, newService(t, cfg)); left != 0 {
				t.Fatalf("%d mails queued after the restart\n%s", left, log)
			}
			outs := checkOutbox(t, cfg, ds)
			checkMails(t, srv, ds, log)
			want := []string{"plan-budget-20241220-093000-2.xlsx", "plan-budget-20241220-093000-2.json"}
			if !slices.Equal(outs[1], want) {
				t.Errorf("the second plan's outputs %v, want %v", outs[1], want)
			}
			if got := files(t, cfg.Layout.Processing); got != nil {
				t.Errorf("processing holds %v", got)
			}
		})
	}
}
