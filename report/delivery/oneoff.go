package delivery

import (
	"context"
	"os"
	"path/filepath"
	"time"
)

// attach is the budget mail's attachment: the workbook at path, or, when
// it is larger than limit, a note of where it is.
func attach(m *BudgetMail, path string, limit int64) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.Size() > limit {
		dir, err := filepath.Abs(filepath.Dir(path))
		if err != nil {
			return err
		}
		m.NotAttached = &Big{Name: filepath.Base(path), Size: st.Size(), Folder: dir}
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	m.Files = []Attachment{{Name: filepath.Base(path), ContentType: XLSXType, Data: data}}
	return nil
}

// MailOnce sends the budget mail of a one-off `linecost report`, with the
// workbook at path attached, in one attempt: there is no spool, the caller
// reports a failure.
func MailOnce(ctx context.Context, s *SMTP, m BudgetMail, workbook string, to []string, now time.Time) error {
	if err := attach(&m, workbook, DefaultMaxAttachment); err != nil {
		return err
	}
	l, err := m.Compose()
	if err != nil {
		return err
	}
	return s.Send(ctx, l.Message(s.From, to, now))
}
