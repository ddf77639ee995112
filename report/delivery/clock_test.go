package delivery

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFrozenNow: Config.Now (what the outputs and the mail show) may stand
// still, as it does under SOURCE_DATE_EPOCH: the service waits on its own
// clock, so a plan still settles, and its names and the mail's Date are
// Now's.
func TestFrozenNow(t *testing.T) {
	srv := startMailServer(t, nil)
	cfg, log := testConfig(t, t.TempDir(), srv)
	frozen := time.Date(2024, 12, 20, 9, 30, 0, 0, time.UTC)
	cfg.Now = func() time.Time { return frozen }
	cfg.Settle = 100 * time.Millisecond
	write(t, filepath.Join(cfg.Layout.Inbox, "plan.csv"), samplePlan(t))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := newService(t, cfg).Once(ctx); err != nil {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatalf("Once did not end before its 10 s\n%s", log)
	}
	if got := strings.Join(files(t, cfg.Layout.Outbox), " "); got != "plan-budget-20241220-093000.json plan-budget-20241220-093000.xlsx" {
		t.Errorf("outbox holds %q\n%s", got, log)
	}
	if got := files(t, cfg.Layout.Done); len(got) != 1 || got[0] != "2024-12/plan.csv" {
		t.Errorf("done holds %v", got)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails\n%s", len(msgs), log)
	}
	m := parseMail(t, msgs[0])
	if d, err := m.Header.Date(); err != nil || !d.Equal(frozen) {
		t.Errorf("Date %q (%v), want %s", m.Header.Get("Date"), err, frozen)
	}
	if _, ok := m.Attachments["plan-budget-20241220-093000.xlsx"]; !ok {
		t.Errorf("attachments %v", keys(m.Attachments))
	}
}
