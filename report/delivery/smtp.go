package delivery

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"time"

	"github.com/wneessen/go-mail"
)

// SMTP is how mail leaves: the server, its TLS and authentication, and the
// sender address.
type SMTP struct {
	Host string
	Port int    // 587 when 0
	TLS  string // "starttls" (the default), "tls" (implicit, e.g. port 465) or "none"
	User string // no authentication when empty
	// Password is never taken from a flag (it would show in ps): the
	// caller reads it from the environment or a file.
	Password string
	// InsecureAuth allows the password over a connection without TLS.
	InsecureAuth bool
	From         string
	Timeout      time.Duration // per SMTP command; 30 s when 0
	// TLSConfig, when set, replaces the default (tests trust their own
	// certificate with it). Its ServerName is set to Host when empty.
	TLSConfig *tls.Config
	// Dial, when set, opens the connection (tests reach a loopback server
	// under another host name, so that go-mail's plain-text AUTH refusal is
	// not skipped as it is for localhost).
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Validate checks the settings without connecting.
func (s SMTP) Validate() error {
	switch s.TLS {
	case "", "starttls", "tls", "none":
	default:
		return fmt.Errorf("smtp tls: want starttls, tls or none, not %q", s.TLS)
	}
	if s.From == "" {
		return errors.New("mail needs a sender address (--mail-from)")
	}
	if err := mail.NewMsg().From(s.From); err != nil {
		return fmt.Errorf("mail from %q: %w", s.From, err)
	}
	if s.User != "" && s.Password == "" {
		return fmt.Errorf("smtp user %s has no password (set LINECOST_SMTP_PASSWORD or --smtp-password-file)", s.User)
	}
	if s.TLS == "none" && s.User != "" && !s.InsecureAuth {
		return errors.New("smtp tls none with a user would send the password as plain text: use starttls or tls, or allow it with --smtp-insecure-auth")
	}
	return nil
}

func (s SMTP) client() (*mail.Client, error) {
	port := s.Port
	if port == 0 {
		port = 587
	}
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	opts := []mail.Option{mail.WithPort(port), mail.WithTimeout(timeout)}
	switch s.TLS {
	case "", "starttls":
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case "tls":
		opts = append(opts, mail.WithSSL())
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.TLSConfig != nil {
		tc = s.TLSConfig.Clone()
	}
	if tc.ServerName == "" {
		tc.ServerName = s.Host
	}
	opts = append(opts, mail.WithTLSConfig(tc))
	if s.User != "" {
		auth := mail.SMTPAuthPlain // refused by go-mail without TLS
		if s.TLS == "none" && s.InsecureAuth {
			auth = mail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(s.User), mail.WithPassword(s.Password))
	}
	if s.Dial != nil {
		opts = append(opts, mail.WithDialContextFunc(s.Dial))
	}
	return mail.NewClient(s.Host, opts...)
}

// Check connects, says EHLO, starts TLS and authenticates as configured,
// then QUITs, sending nothing.
func (s SMTP) Check(ctx context.Context) error {
	c, err := s.client()
	if err != nil {
		return err
	}
	if err := c.DialWithContext(ctx); err != nil {
		return fmt.Errorf("smtp %s: %w", s.addr(), err)
	}
	if err := c.Close(); err != nil {
		return fmt.Errorf("smtp %s: quit: %w", s.addr(), err)
	}
	return nil
}

func (s SMTP) addr() string {
	port := s.Port
	if port == 0 {
		port = 587
	}
	return net.JoinHostPort(s.Host, fmt.Sprint(port))
}

// Send delivers m in one SMTP session. The error, if any, is a
// *DeliveryError that says whether the server refused the message for good.
func (s SMTP) Send(ctx context.Context, m *Message) error {
	g, err := m.msg(s.From)
	if err != nil {
		return &DeliveryError{Permanent: true, Err: err}
	}
	c, err := s.client()
	if err != nil {
		return &DeliveryError{Err: err}
	}
	if err := c.DialAndSendWithContext(ctx, g); err != nil {
		return classify(err)
	}
	return nil
}

// DeliveryError is a mail the server did not accept.
type DeliveryError struct {
	// Permanent is a 5xx reply to the message (MAIL, RCPT or DATA): the
	// same message would be refused again. Everything else (no
	// connection, a 4xx, a timeout, a dropped connection, a failed TLS or
	// login) is temporary: the message stays queued and is retried.
	Permanent bool
	Code      int // the SMTP reply code; 0 for a network fault
	Err       error
}

func (e *DeliveryError) Error() string { return e.Err.Error() }
func (e *DeliveryError) Unwrap() error { return e.Err }

// classify sorts what go-mail returns. A failure while connecting (TLS,
// EHLO, AUTH) is not about the message: it is temporary even with a 5xx
// code (a wrong password is fixed by the operator, and the mail then goes).
func classify(err error) error {
	var se *mail.SendError
	if errors.As(err, &se) {
		code := se.ErrorCode()
		switch se.Reason {
		case mail.ErrSMTPMailFrom, mail.ErrSMTPRcptTo, mail.ErrSMTPData, mail.ErrSMTPDataClose:
			return &DeliveryError{Permanent: code >= 500 && code < 600, Code: code, Err: err}
		}
		return &DeliveryError{Code: code, Err: err}
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		return &DeliveryError{Code: te.Code, Err: err}
	}
	return &DeliveryError{Err: err}
}
