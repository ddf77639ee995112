package delivery

import (
	"context"
	"errors"
	"time"

	"linecost/report"
)

// queueBudget queues the budget mail of a priced drop, with its workbook
// attached, telling of the mails given up since the last one.
func (s *Service) queueBudget(e entry, name string, b *report.Budget, out Outputs) error {
	given, err := s.spool.unreported()
	if err != nil {
		return err
	}
	m := BudgetMail{Budget: b, Plan: name, Lang: s.cfg.Lang, Today: s.cfg.Today()}
	if err := attach(&m, out.Workbook, s.cfg.maxAttachment()); err != nil {
		return err
	}
	if big := m.NotAttached; big != nil {
		s.log.Warn("not attached", "plan", name, "workbook", big.Name, "bytes", big.Size, "limit", s.cfg.maxAttachment())
	}
	for _, q := range given {
		m.Undelivered = append(m.Undelivered, Undelivered{Subject: q.Subject, To: q.To, Error: q.LastError})
	}
	l, err := m.Compose()
	if err != nil {
		return err
	}
	if err := s.queue(mailID("budget", e), s.cfg.MailTo, l); err != nil {
		return err
	}
	return s.spool.markReported(given)
}

// queueErrors queues the error mail of a failed drop.
func (s *Service) queueErrors(e entry, name, errFile, text string, count int) error {
	l, err := ErrorMail{Plan: name, Lang: s.cfg.Lang, Errors: count, ErrorsFile: errFile, Text: text}.Compose()
	if err != nil {
		return err
	}
	return s.queue(mailID("errors", e), s.cfg.ErrorsTo, l)
}

// mailID names a drop's mail in the spool: its kind and the drop's hash.
func mailID(kind string, e entry) string { return kind + "-" + e.SHA256[:32] }

// queue addresses a letter and puts it in the spool.
func (s *Service) queue(id string, to []string, l Letter) error {
	m := l.Message(s.cfg.SMTP.From, to, s.cfg.Now())
	m.ID = id
	ok, err := s.spool.enqueue(*m, s.cfg.Clock())
	if err != nil {
		return err
	}
	if ok {
		s.log.Info("queued", "id", id, "message_id", m.MessageID, "to", to, "subject", m.Subject)
		s.cfg.Hook("queued")
		select {
		case s.kick <- struct{}{}:
		default:
		}
	}
	return nil
}

// sendDue tries every queued mail that is due (every one when all is set)
// once. It returns how many stay queued and when the next is due.
func (s *Service) sendDue(ctx context.Context, all bool) (int, time.Time, error) {
	qs, bad, err := s.spool.pending()
	if err != nil {
		return 0, time.Time{}, err
	}
	for _, err := range bad {
		s.log.Error("spool error", "error", err.Error(), "reason", "a queued mail cannot be read: it is left in the spool, the others go")
	}
	left := len(bad)
	var next time.Time
	for _, q := range qs {
		if ctx.Err() != nil {
			left++
			continue
		}
		now := s.cfg.Clock()
		if !all && now.Before(q.Next) {
			left++
			if next.IsZero() || q.Next.Before(next) {
				next = q.Next
			}
			continue
		}
		err := s.cfg.SMTP.Send(ctx, &q.Message)
		now = s.cfg.Clock()
		var de *DeliveryError
		switch {
		case err == nil:
			if err := s.spool.sent(q, now); err != nil {
				return left, next, err
			}
			s.log.Info("mailed", "id", q.ID, "message_id", q.MessageID, "to", q.To, "attempts", q.Attempts+1)
			s.cfg.Hook("sent")
		case errors.As(err, &de) && de.Permanent:
			s.log.Error("mail failed", "id", q.ID, "to", q.To, "code", de.Code, "error", err.Error(), "reason", "refused by the server")
			if err := s.spool.fail(q, err); err != nil {
				return left, next, err
			}
		case now.Sub(q.Queued) >= s.cfg.Retry.GiveUp:
			s.log.Error("mail failed", "id", q.ID, "to", q.To, "error", err.Error(), "reason", "not delivered in "+s.cfg.Retry.GiveUp.String())
			if err := s.spool.fail(q, err); err != nil {
				return left, next, err
			}
		default:
			at := now.Add(s.cfg.Retry.wait(q.Attempts + 1))
			code := 0
			if de != nil {
				code = de.Code
			}
			s.log.Warn("mail retried", "id", q.ID, "to", q.To, "attempts", q.Attempts+1, "code", code, "error", err.Error(), "next", at.Format(time.RFC3339))
			if err := s.spool.retry(q, err, at); err != nil {
				return left, next, err
			}
			left++
			if next.IsZero() || at.Before(next) {
				next = at
			}
		}
	}
	return left, next, nil
}
