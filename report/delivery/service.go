package delivery

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"linecost/report"
	"linecost/report/workbook"
)

// Config is how the service runs.
type Config struct {
	Layout Layout
	// Settle is how long a drop's files must keep their size and
	// modification time before it is taken (0: at once).
	Settle time.Duration
	// Poll is how often the inbox is rescanned in full, events or not.
	Poll time.Duration
	// Options price every plan; Today is set from the Today func.
	Options report.Options
	// Meta is written to every workbook's About sheet; Generated is set to
	// the time the plan was taken.
	Meta workbook.Meta
	JSON bool   // write the JSON beside the workbook
	Lang string // of the mails: en or zh-TW
	// MailTo receive the workbooks, ErrorsTo the errors of failed plans.
	MailTo, ErrorsTo []string
	SMTP             *SMTP // nil: mail is off
	Retry            Retry // DefaultRetry when zero
	// MaxAttachment is the largest workbook attached to a mail, in bytes
	// (DefaultMaxAttachment when 0); a larger one is named in the mail and
	// left in the outbox, since servers refuse large mails for good.
	MaxAttachment int64
	// Now is the moment as the outputs and mails show it: it stamps a plan
	// when it is taken (the outbox names, the done/ month, the workbook's
	// Generated time) and dates its mail. Today is the calendar day
	// (midnight UTC) deadlines are judged against. The command reads both
	// (--today, SOURCE_DATE_EPOCH); Now may stand still.
	Now   func() time.Time
	Today func() time.Time
	// Clock is the running clock the service waits on and ages things by
	// (settling, retry backoff, giving up, pruning records), never shown
	// in an output or a mail: the command passes the wall clock.
	Clock func() time.Time
	Log   *slog.Logger
	// Hook, when set, is called after every step of handling a plan and of
	// sending a mail (tests crash the process there).
	Hook func(step string)
}

// Service is the drop-folder service. New makes one; Run or Once runs it.
type Service struct {
	cfg     Config
	log     *slog.Logger
	journal *journal
	spool   *spool
	settler settler
	ignored map[string]string // names logged as ignored, so each is logged once
	kick    chan struct{}
	// unhandled counts the drops that could be neither done nor failed
	// (an I/O error), so that Once does not report success.
	unhandled int
	compacted time.Time // when the journal was last compacted
}

// New creates the missing folders, opens the journal and returns the
// service.
func New(cfg Config) (*Service, error) {
	if cfg.Now == nil || cfg.Today == nil || cfg.Clock == nil {
		return nil, errors.New("delivery: Config.Now, Config.Today and Config.Clock are required")
	}
	if cfg.Retry == (Retry{}) {
		cfg.Retry = DefaultRetry
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Hook == nil {
		cfg.Hook = func(string) {}
	}
	if _, err := textsFor(cfg.Lang); err != nil {
		return nil, err
	}
	if err := cfg.Layout.Create(); err != nil {
		return nil, err
	}
	j, err := openJournal(cfg.Layout.State)
	if err != nil {
		return nil, err
	}
	return &Service{
		cfg: cfg, log: cfg.Log, journal: j, spool: &spool{dir: cfg.Layout.Spool},
		ignored: map[string]string{}, kick: make(chan struct{}, 1),
	}, nil
}

func (s *Service) mailOn() bool { return s.cfg.SMTP != nil }

// DefaultMaxAttachment is 15 MiB: base64 makes it 20 MiB, under the 25 MB
// most mail servers accept.
const DefaultMaxAttachment = 15 << 20

func (c Config) maxAttachment() int64 {
	if c.MaxAttachment > 0 {
		return c.MaxAttachment
	}
	return DefaultMaxAttachment
}

// recoverLeftovers removes the temporary files a killed process left and
// finishes every plan found in processing/.
func (s *Service) recoverLeftovers() error {
	L := s.cfg.Layout
	for _, dir := range []string{L.Outbox, L.State, L.Spool, filepath.Join(L.Spool, spoolSent), filepath.Join(L.Spool, spoolFailed), L.Failed} {
		removed, err := removeTemps(dir)
		if err != nil {
			s.log.Error("error", "folder", dir, "error", err.Error())
			continue
		}
		for _, n := range removed {
			s.log.Info("removed", "file", filepath.Join(dir, n), "reason", "temporary file of an interrupted run")
		}
	}
	if n := s.spool.prune(s.cfg.Clock()); n > 0 {
		s.log.Info("removed", "count", n, "reason", "records of mail sent more than 30 days ago")
	}
	entries, err := os.ReadDir(L.Processing)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if ignoredReason(e.Name(), e.IsDir()) != "" {
			continue
		}
		s.log.Info("recovered", "plan", e.Name(), "reason", "found in processing after a stop")
		if err := s.handle(e.Name(), e.IsDir()); err != nil {
			s.log.Error("error", "plan", e.Name(), "error", err.Error())
			s.unhandled++
		}
	}
	return nil
}

// take moves a settled drop from the inbox to processing/ and handles it.
func (s *Service) take(c candidate) error {
	L := s.cfg.Layout
	name := freeName(L.Processing, c.name)
	if err := renameDurable(filepath.Join(L.Inbox, c.name), filepath.Join(L.Processing, name)); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil // gone meanwhile
		}
		return fmt.Errorf("taking %s: %w", c.name, err)
	}
	if c.marker {
		os.Remove(filepath.Join(L.Inbox, c.name+doneSuffix))
	}
	s.settler.forget(c.name)
	s.log.Info("taken", "plan", c.name, "folder", c.dir, "done_marker", c.marker)
	s.cfg.Hook("taken")
	return s.handle(name, c.dir)
}

// handle finishes a drop in processing/: it is priced (or fails), its
// outputs written, its mail queued, the journal updated and the drop filed
// under done/ or failed/. Every step can be repeated after a crash: the
// journal's entry names the outputs, and a mail is queued once.
func (s *Service) handle(name string, dir bool) error {
	L := s.cfg.Layout
	path := filepath.Join(L.Processing, name)
	sha, err := hashDrop(path, dir)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	e, known := s.journal.get(sha)
	if known && e.State == stateDone {
		s.log.Info("duplicate", "plan", name, "sha256", sha, "first", e.Name, "handled", e.Updated.Format(time.RFC3339))
		// The copy is journaled before it moves, so that compact never
		// misses it (a redo after a crash finds it journaled already).
		filed := len(e.Filed)
		dest, err := s.doneDest(&e, name)
		if err != nil {
			return err
		}
		if len(e.Filed) != filed {
			if err := s.journal.put(e); err != nil {
				return err
			}
		}
		return s.file(name, dest)
	}
	if !known || e.OutboxName == "" {
		if !known {
			e = entry{SHA256: sha, Name: name, State: stateProcessing, Stamp: s.cfg.Now(), Updated: s.cfg.Clock()}
		}
		if known && e.State == stateProcessing {
			// Journaled by an older linecost, which may have written
			// outputs already: they are under the stamped name.
			e.OutboxName = stampedName(name, dir, e.Stamp)
		} else {
			// A new plan, or one that failed before (nothing of it is
			// in the outbox): a name no other plan has.
			e.OutboxName = s.freeOutboxName(e, dir)
		}
		if err := s.journal.put(e); err != nil {
			return err
		}
	}
	s.cfg.Hook("journaled")
	files, err := planFiles(path, dir)
	if err == nil && len(files) == 0 {
		err = errors.New("the folder holds no plan file (.csv, .txt or .xlsx)")
	}
	var budget *report.Budget
	var out Outputs
	if err == nil {
		out = s.outputs(e.OutboxName, e.Stamp)
		opts := s.cfg.Options
		opts.Today = s.cfg.Today()
		// The plan in hand is finished even when a stop is asked for
		// meanwhile: its outputs are small next to a lost run.
		budget, err = Produce(context.Background(), files, opts, out)
		if budget != nil {
			defer budget.Close()
		}
	}
	if oe := (*OutputError)(nil); errors.As(err, &oe) {
		// Not the plan's fault: it stays in processing/ for the next
		// start, and nobody is told to fix it.
		return fmt.Errorf("writing the outputs of %s: %w", name, err)
	}
	if err != nil {
		return s.failed(e, name, err)
	}
	s.cfg.Hook("written")
	d := budget.Decimals
	s.log.Info("priced", "plan", name, "rows", budget.Rows, "accounts", len(budget.Accounts),
		"first", budget.Months[0].String(), "last", budget.Months[len(budget.Months)-1].String(),
		"currency", budget.Currency, "cost", report.Money(budget.Total.Cost, d), "tax", report.Money(budget.Total.Tax, d),
		"total", report.Money(budget.Total.Total, d), "warnings", len(budget.Warnings), "workbook", filepath.Base(out.Workbook))
	if !e.Mailed && s.mailOn() && len(s.cfg.MailTo) > 0 {
		if err := s.queueBudget(e, name, budget, out); err != nil {
			return err
		}
	}
	e.Mailed = true
	e.State, e.Outputs, e.Updated = stateDone, nil, s.cfg.Clock()
	for _, o := range []string{out.Workbook, out.JSON} {
		if o != "" {
			e.Outputs = append(e.Outputs, filepath.Base(o))
		}
	}
	dest, err := s.doneDest(&e, name)
	if err != nil {
		return err
	}
	if err := s.journal.put(e); err != nil {
		return err
	}
	s.cfg.Hook("recorded")
	return s.file(name, dest)
}

// doneDest is where a priced drop (or a duplicate) goes: done/YYYY-MM/
// (the month it was taken), under a name no file there has; it is added
// to e.Filed, for the caller to journal before the move.
func (s *Service) doneDest(e *entry, name string) (string, error) {
	month := e.Stamp.UTC().Format("2006-01")
	dir := filepath.Join(s.cfg.Layout.Done, month)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dest := freeName(dir, name)
	if f := filedAs(filedDone, month+"/"+dest); !slices.Contains(e.Filed, f) {
		e.Filed = append(e.Filed, f)
	}
	return filepath.Join(dir, dest), nil
}

// file moves a handled drop from processing/ to dest.
func (s *Service) file(name, dest string) error {
	if err := renameDurable(filepath.Join(s.cfg.Layout.Processing, name), dest); err != nil {
		return fmt.Errorf("filing %s: %w", name, err)
	}
	s.cfg.Hook("filed")
	return nil
}

// hashDrop is the SHA-256 of a file, or of a folder's plan files: their
// paths inside the folder and contents.
func hashDrop(path string, dir bool) (string, error) {
	files, err := planFiles(path, dir)
	if err != nil {
		return "", err
	}
	if !dir {
		h := sha256.New()
		if err := hashFile(h, path); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	h := sha256.New()
	for _, f := range files {
		fh := sha256.New()
		if err := hashFile(fh, f); err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(path, f)
		fmt.Fprintf(h, "%x  %s\n", fh.Sum(nil), filepath.ToSlash(rel))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
