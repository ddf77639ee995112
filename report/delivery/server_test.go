package delivery

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/wneessen/go-mail"

	"linecost/internal/smtptest"
)

// mailServer is the tests' SMTP server on loopback (internal/smtptest)
// with STARTTLS and AUTH PLAIN, which keeps every message it accepts.
type mailServer = smtptest.Server

const (
	testHost     = "mail.test" // not loopback by name: go-mail's plain-text AUTH refusal applies
	testUser     = "linecost"
	testPassword = "s3cret-pässword"
)

func startMailServer(t *testing.T, configure func(*smtp.Server)) *mailServer {
	t.Helper()
	return smtptest.Start(t, smtptest.Options{Domain: testHost, TLS: true, User: testUser, Password: testPassword, Configure: configure})
}

// smtpConfig is the client side of the server at addr with the
// certificate certPEM: the server under testHost, trusted through its
// certificate, dialled on loopback.
func smtpConfig(addr string, certPEM []byte) *SMTP {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	_, port, _ := net.SplitHostPort(addr)
	p := 0
	for _, r := range port {
		p = p*10 + int(r-'0')
	}
	return &SMTP{
		Host: testHost, Port: p, TLS: "starttls", User: testUser, Password: testPassword,
		From: "linecost <budget@example.com>", Timeout: 2 * time.Second,
		TLSConfig: &tls.Config{RootCAs: pool, ServerName: testHost},
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	}
}

var errDropped = errors.New("connection dropped by the test")

// plainOverPlainText asks go-mail for AUTH PLAIN without TLS, to testHost.
func plainOverPlainText(srv *mailServer) error {
	c := smtpConfig(srv.Addr, srv.CertPEM)
	c.TLS = "none"
	cl, err := c.client()
	if err != nil {
		return err
	}
	cl.SetSMTPAuth(mail.SMTPAuthPlain)
	return cl.DialWithContext(context.Background())
}
