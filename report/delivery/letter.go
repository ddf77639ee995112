package delivery

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Letter is the content of one mail before it is addressed.
type Letter struct {
	Subject, Text, HTML string
	Attachments         []Attachment
}

// Message addresses the letter to to, from from, dated now, with a new
// Message-ID.
func (l Letter) Message(from string, to []string, now time.Time) *Message {
	return &Message{
		MessageID: newMessageID(from, now), Date: now, To: to,
		Subject: l.Subject, Text: l.Text, HTML: l.HTML, Attachments: l.Attachments,
	}
}

// newMessageID makes a Message-ID under the sender's domain, without its
// angle brackets.
func newMessageID(from string, now time.Time) string {
	var r [8]byte
	rand.Read(r[:])
	domain := "linecost.invalid"
	if i := strings.LastIndexByte(from, '@'); i >= 0 {
		domain = strings.Trim(from[i+1:], "> ")
	}
	return fmt.Sprintf("%d.%s@%s", now.Unix(), hex.EncodeToString(r[:]), domain) // go-mail adds the <>
}
