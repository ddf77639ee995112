package delivery

import (
	"bytes"
	"fmt"
	"time"

	"github.com/wneessen/go-mail"
)

// XLSXType is the MIME type of an Excel workbook.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Message is one mail as the spool keeps it: everything needed to build
// the same MIME message again on every attempt, Message-ID and Date
// included, so that a retry is the same message.
type Message struct {
	ID          string       `json:"id"`         // the spool's name for it
	MessageID   string       `json:"message_id"` // without the <>
	Date        time.Time    `json:"date"`
	To          []string     `json:"to"`
	Subject     string       `json:"subject"`
	Text        string       `json:"text"`
	HTML        string       `json:"html"`
	Attachments []Attachment `json:"attachments,omitempty"`
}

// Attachment is a file attached to a Message.
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// msg builds the go-mail message from m, sent from from.
func (m *Message) msg(from string) (*mail.Msg, error) {
	g := mail.NewMsg()
	if err := g.From(from); err != nil {
		return nil, fmt.Errorf("mail from %q: %w", from, err)
	}
	if err := g.To(m.To...); err != nil {
		return nil, fmt.Errorf("mail to %q: %w", m.To, err)
	}
	g.Subject(m.Subject)
	g.SetMessageIDWithValue(m.MessageID)
	g.SetDateWithValue(m.Date)
	g.SetUserAgent("linecost")
	g.SetBodyString(mail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		g.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		if err := g.AttachReader(a.Name, bytes.NewReader(a.Data), mail.WithFileContentType(mail.ContentType(a.ContentType))); err != nil {
			return nil, err
		}
	}
	return g, nil
}
