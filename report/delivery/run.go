package delivery

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Run is the service: it finishes what a stop left in processing/, then
// takes every drop of the inbox as it settles, on folder events and on a
// full rescan every Poll, and sends the spool in the background, until ctx
// is cancelled (SIGINT, SIGTERM). The plan in hand is finished first; Run
// then returns nil.
func (s *Service) Run(ctx context.Context) error {
	unlock, err := s.start()
	if err != nil {
		return err
	}
	defer unlock()
	var wg sync.WaitGroup
	if s.mailOn() {
		wg.Add(1)
		go func() { defer wg.Done(); s.mailLoop(ctx) }()
	}
	defer wg.Wait()

	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(s.cfg.Layout.Inbox); err != nil {
		return err
	}
	poll := time.NewTicker(s.cfg.Poll)
	defer poll.Stop()
	settle := time.NewTimer(0) // the first scan is at once
	defer settle.Stop()
	for {
		select {
		case <-ctx.Done():
			s.log.Info("stopped", "reason", context.Cause(ctx).Error())
			return nil
		case ev := <-w.Events:
			// Events only say "look again": writes are merged and nothing
			// marks a close, so the settle rule decides.
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					watchTree(w, ev.Name)
				}
			}
			resetTimer(settle, 20*time.Millisecond)
			continue
		case err := <-w.Errors:
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				s.log.Warn("rescan", "reason", "too many folder events")
			} else {
				s.log.Warn("watch error", "error", err.Error())
			}
		case <-poll.C:
		case <-settle.C:
		}
		next, err := s.scan(ctx)
		if err != nil {
			return err
		}
		if !next.IsZero() {
			resetTimer(settle, max(next.Sub(s.cfg.Clock()), time.Millisecond))
		}
	}
}

// watchTree adds a folder dropped in the inbox, and its subfolders, to the
// watch (fsnotify is not recursive). A folder moved away (taken) drops out
// of the watch by itself; adding a path twice is harmless.
func watchTree(w *fsnotify.Watcher, dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			w.Add(p)
		}
		return nil
	})
}

func resetTimer(t *time.Timer, d time.Duration) {
	t.Stop()
	select {
	case <-t.C:
	default:
	}
	t.Reset(d)
}

// Once handles what is in the inbox (waiting for each drop to settle),
// tries every queued mail once whatever its backoff, and returns. It
// reports how many mails stay queued.
func (s *Service) Once(ctx context.Context) (queued int, err error) {
	unlock, err := s.start()
	if err != nil {
		return 0, err
	}
	defer unlock()
	// A file that keeps changing (a log someone appends to) must not keep
	// a cron pass running: wait for settling a few times over at most.
	deadline := s.cfg.Clock().Add(3 * s.cfg.Settle)
	for ctx.Err() == nil {
		next, err := s.scan(ctx)
		if err != nil {
			return 0, err
		}
		if next.IsZero() {
			break
		}
		if next.After(deadline) {
			s.log.Info("not settled", "reason", "a drop is still changing: the next run takes it")
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(max(next.Sub(s.cfg.Clock()), time.Millisecond)):
		}
	}
	if s.mailOn() {
		queued, _, err = s.sendDue(ctx, true)
		if err != nil {
			return queued, err
		}
		if queued > 0 {
			s.log.Warn("mail queued", "count", queued, "reason", "not accepted yet: the next run retries")
		}
	}
	if s.unhandled > 0 {
		what := fmt.Sprintf("%d plans", s.unhandled)
		if s.unhandled == 1 {
			what = "1 plan"
		}
		return queued, fmt.Errorf("%s could not be handled (see the log): left in the inbox or in processing", what)
	}
	return queued, nil
}

// start takes the state folder's lock, logs the setup and finishes the
// leftovers of a stop.
func (s *Service) start() (unlock func(), err error) {
	unlock, err = lockState(s.cfg.Layout.State)
	if err != nil {
		return nil, err
	}
	if !s.mailOn() {
		s.log.Info("mail off", "reason", "no SMTP host: plans are priced and filed, nothing is mailed")
	}
	if err := s.recoverLeftovers(); err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

// scan takes every drop of the inbox that has settled, logs new ignored
// names once, and returns when the next waiting drop will have settled.
func (s *Service) scan(ctx context.Context) (time.Time, error) {
	if s.cfg.Clock().Sub(s.compacted) >= compactEvery {
		if err := s.compact(); err != nil {
			s.log.Error("error", "journal", filepath.Join(s.cfg.Layout.State, journalName), "error", err.Error(), "reason", "not compacted: the next day tries again")
		}
	}
	cs, ignored, err := scanInbox(s.cfg.Layout.Inbox)
	if err != nil {
		return time.Time{}, err
	}
	for n, why := range ignored {
		if s.ignored[n] != why {
			s.log.Info("ignored", "file", n, "reason", why)
		}
	}
	s.ignored = ignored
	ready, next := s.settler.ready(cs, s.cfg.Clock(), s.cfg.Settle)
	for _, c := range ready {
		if ctx.Err() != nil {
			return time.Time{}, nil
		}
		if err := s.take(c); err != nil {
			// The drop stays where it is (inbox or processing/, which
			// the next start finishes); the service goes on.
			s.log.Error("error", "plan", c.name, "error", err.Error())
			s.unhandled++
		}
	}
	return next, nil
}

// mailLoop sends the spool whenever a mail is due or queued, until ctx is
// cancelled.
func (s *Service) mailLoop(ctx context.Context) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.kick:
		}
		left, next, err := s.sendDue(ctx, false)
		if err != nil {
			s.log.Error("spool error", "error", err.Error())
			left, next = 1, s.cfg.Clock().Add(s.cfg.Retry.First)
		}
		if left > 0 && !next.IsZero() {
			resetTimer(t, max(next.Sub(s.cfg.Clock()), time.Millisecond))
		}
	}
}
