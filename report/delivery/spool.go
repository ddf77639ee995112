package delivery

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// The spool folder holds one ID.json per mail not yet accepted; a mail the
// server accepted is recorded in sent/ID.json (without its attachments),
// one it refused for good, or that could not be delivered in time, in
// failed/ID.json. The sent record is what makes queueing idempotent: a
// redo after a crash queues the same ID again, and a sent ID is not queued.
const (
	spoolSent   = "sent"
	spoolFailed = "failed"
)

// Retry is how long and how often a mail is retried.
type Retry struct {
	First  time.Duration // the first wait; doubles after every attempt
	Max    time.Duration // the longest wait
	GiveUp time.Duration // after this long in the spool a mail is failed
}

// DefaultRetry waits 1 min, 2, 4, ... up to 1 h between attempts, for 3 days.
var DefaultRetry = Retry{First: time.Minute, Max: time.Hour, GiveUp: 72 * time.Hour}

func (r Retry) wait(attempts int) time.Duration {
	d := r.First
	for i := 1; i < attempts && d < r.Max; i++ {
		d *= 2
	}
	return min(d, r.Max)
}

// queued is a spool file: the message and its delivery state.
type queued struct {
	Message
	Queued    time.Time `json:"queued"`
	Attempts  int       `json:"attempts"`
	Next      time.Time `json:"next"`
	LastError string    `json:"last_error,omitempty"`
	// Reported is set on a failed record once a later mail has said so.
	Reported bool `json:"reported,omitempty"`
}

// spool is the mail queue on disk.
type spool struct {
	dir string
	mu  sync.Mutex
}

func (s *spool) path(sub, id string) string { return filepath.Join(s.dir, sub, id+".json") }

// enqueue stores m to be sent, unless a mail with its ID was sent already.
// It reports whether m was queued.
func (s *spool) enqueue(m Message, now time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := os.Stat(s.path(spoolSent, m.ID)); err == nil {
		return false, nil
	}
	return true, s.write("", &queued{Message: m, Queued: now, Next: now})
}

func (s *spool) write(sub string, q *queued) error {
	data, err := json.Marshal(q)
	if err != nil {
		return err
	}
	return writeFileAtomic(s.path(sub, q.ID), data, 0o600)
}

func (s *spool) read(sub, id string) (*queued, error) {
	data, err := os.ReadFile(s.path(sub, id))
	if err != nil {
		return nil, err
	}
	var q queued
	if err := json.Unmarshal(data, &q); err != nil {
		return nil, fmt.Errorf("spool %s: %w", s.path(sub, id), err)
	}
	return &q, nil
}

// ids lists the IDs in a spool subfolder, sorted.
func (s *spool) ids(sub string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(s.dir, sub))
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && !strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".json") {
			ids = append(ids, strings.TrimSuffix(n, ".json"))
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// pending returns the queued mails, oldest first, and the spool files that
// cannot be read (each stays where it is, for a person to look at, and
// does not hold up the others). A queued file whose ID has a sent record
// (a crash between the two writes) is removed.
func (s *spool) pending() ([]*queued, []error, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids, err := s.ids("")
	if err != nil {
		return nil, nil, err
	}
	var qs []*queued
	var bad []error
	for _, id := range ids {
		if _, err := os.Stat(s.path(spoolSent, id)); err == nil {
			os.Remove(s.path("", id))
			continue
		}
		q, err := s.read("", id)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		qs = append(qs, q)
	}
	sort.SliceStable(qs, func(a, b int) bool { return qs[a].Queued.Before(qs[b].Queued) })
	return qs, bad, nil
}

// sent records that the server accepted q, then drops it from the queue.
func (s *spool) sent(q *queued, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := *q
	rec.Attachments = nil
	rec.Attempts++
	rec.Next, rec.LastError = now, ""
	if err := s.write(spoolSent, &rec); err != nil {
		return err
	}
	return os.Remove(s.path("", q.ID))
}

// retry records a failed attempt and when to try again.
func (s *spool) retry(q *queued, err error, next time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	q.Attempts++
	q.LastError, q.Next = err.Error(), next
	return s.write("", q)
}

// fail moves q to the failed records.
func (s *spool) fail(q *queued, err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := *q
	rec.Attachments = nil
	rec.Attempts++
	rec.LastError = err.Error()
	if err := s.write(spoolFailed, &rec); err != nil {
		return err
	}
	return os.Remove(s.path("", q.ID))
}

// unreported returns the failed mails no later mail has mentioned yet.
func (s *spool) unreported() ([]*queued, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids, err := s.ids(spoolFailed)
	if err != nil {
		return nil, err
	}
	var qs []*queued
	for _, id := range ids {
		q, err := s.read(spoolFailed, id)
		if err != nil {
			return nil, err
		}
		if !q.Reported {
			qs = append(qs, q)
		}
	}
	return qs, nil
}

// markReported records that a mail now queued tells of the failed ones.
func (s *spool) markReported(qs []*queued) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, q := range qs {
		q.Reported = true
		errs = append(errs, s.write(spoolFailed, q))
	}
	return errors.Join(errs...)
}

// keepSent is how long a sent record is kept: long enough for any redo of
// the plan that queued it (a redo happens at the next start).
const keepSent = 30 * 24 * time.Hour

// prune removes the sent records older than keepSent, and returns how many.
func (s *spool) prune(now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids, err := s.ids(spoolSent)
	if err != nil {
		return 0
	}
	n := 0
	for _, id := range ids {
		p := s.path(spoolSent, id)
		if st, err := os.Stat(p); err == nil && now.Sub(st.ModTime()) > keepSent && os.Remove(p) == nil {
			n++
		}
	}
	return n
}
