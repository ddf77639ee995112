// Package smtptest is a real SMTP server on loopback for the tests of
// linecost's mail (github.com/emersion/go-smtp): it speaks the protocol,
// offers STARTTLS with a certificate made for the test and AUTH PLAIN when
// asked to, and keeps every message it accepts. It is test support only:
// no package of linecost imports it outside its tests.
package smtptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options say how the server runs.
type Options struct {
	// Domain is the server's name in its greeting (and its certificate's).
	Domain string
	// TLS offers STARTTLS with a self-signed certificate for Domain.
	TLS bool
	// User and Password, when User is set, are the only login AUTH PLAIN
	// accepts, and MAIL is refused before it.
	User, Password string
	// Configure, when set, changes the server before it starts (e.g.
	// AllowInsecureAuth).
	Configure func(*smtp.Server)
}

// Server is a running test server.
type Server struct {
	Addr    string // host:port on loopback
	CertPEM []byte // the certificate, when Options.TLS

	// Fault, when set (before the first connection), is asked at MAIL and
	// at DATA how to answer attempt n (1-based, counted at MAIL); an error
	// is the reply, and c may be closed to drop the connection.
	Fault func(stage string, attempt int, c *smtp.Conn) error

	opts     Options
	mu       sync.Mutex
	received [][]byte
	attempts int
}

// Start serves on 127.0.0.1 until the test ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	s := &Server{opts: o}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		x := &session{s: s, c: c}
		if o.User != "" {
			return &authSession{x}, nil
		}
		return x, nil
	}))
	srv.Domain = o.Domain
	if o.TLS {
		cert, certPEM := certificate(t, o.Domain)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
		s.CertPEM = certPEM
	}
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = discardLogger{}
	if o.Configure != nil {
		o.Configure(srv)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

// Port is the port the server listens on.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.Addr)
	n, _ := strconv.Atoi(p)
	return n
}

// Messages are the messages accepted so far, as received.
func (s *Server) Messages() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.received...)
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}
func (discardLogger) Println(...any)        {}

type session struct {
	s      *Server
	c      *smtp.Conn
	authed bool
}

func (x *session) Mail(string, *smtp.MailOptions) error {
	if x.s.opts.User != "" && !x.authed {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}
	}
	x.s.mu.Lock()
	x.s.attempts++
	n, fault := x.s.attempts, x.s.Fault
	x.s.mu.Unlock()
	if fault != nil {
		return fault("mail", n, x.c)
	}
	return nil
}

func (x *session) Rcpt(string, *smtp.RcptOptions) error { return nil }

func (x *session) Data(r io.Reader) error {
	x.s.mu.Lock()
	n, fault := x.s.attempts, x.s.Fault
	x.s.mu.Unlock()
	if fault != nil {
		if err := fault("data", n, x.c); err != nil {
			io.Copy(io.Discard, r)
			return err
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	x.s.received = append(x.s.received, b)
	x.s.mu.Unlock()
	return nil
}

func (x *session) Reset()        {}
func (x *session) Logout() error { return nil }

// authSession is a session that offers AUTH PLAIN.
type authSession struct{ *session }

func (x *authSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *authSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != x.s.opts.User || pass != x.s.opts.Password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		x.authed = true
		return nil
	}), nil
}

// certificate is a self-signed certificate for host, valid for an hour.
func certificate(t testing.TB, host string) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: host},
		DNSNames: []string{host}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	cert, err := tls.X509KeyPair(certPEM, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
	if err != nil {
		t.Fatal(err)
	}
	return cert, certPEM
}
