package delivery

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"

	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/wneessen/go-mail"
)

// mailServer is a real SMTP server on loopback (emersion/go-smtp) with
// STARTTLS and AUTH PLAIN, which keeps every message it accepts. fault,
// when set, is asked at MAIL and DATA how to answer attempt n (1-based).
type mailServer struct {
	addr    string
	certPEM []byte
	srv     *smtp.Server

	mu       sync.Mutex
	received [][]byte
	attempts int
	fault    func(stage string, attempt int, c *smtp.Conn) error
}

const (
	testHost     = "mail.test" // not loopback by name: go-mail's plain-text AUTH refusal applies
	testUser     = "linecost"
	testPassword = "s3cret-pässword"
)

func startMailServer(t *testing.T, configure func(*smtp.Server)) *mailServer {
	t.Helper()
	cert, certPEM := testCertificate(t)
	s := &mailServer{certPEM: certPEM}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s, c: c}, nil
	}))
	srv.Domain = testHost
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = discardLogger{}
	if configure != nil {
		configure(srv)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr, s.srv = l.Addr().String(), srv
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}
func (discardLogger) Println(...any)        {}

func (s *mailServer) messages() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.received...)
}

// smtpConfig is the client side: the server under testHost, trusted
// through its certificate, dialled on loopback.
func (s *mailServer) smtpConfig() *SMTP {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(s.certPEM)
	addr := s.addr
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

type session struct {
	s      *mailServer
	c      *smtp.Conn
	authed bool
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != testUser || pass != testPassword {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		x.authed = true
		return nil
	}), nil
}

func (x *session) Mail(string, *smtp.MailOptions) error {
	if !x.authed {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}
	}
	x.s.mu.Lock()
	x.s.attempts++
	n, fault := x.s.attempts, x.s.fault
	x.s.mu.Unlock()
	if fault != nil {
		return fault("mail", n, x.c)
	}
	return nil
}

func (x *session) Rcpt(string, *smtp.RcptOptions) error { return nil }

func (x *session) Data(r io.Reader) error {
	x.s.mu.Lock()
	n, fault := x.s.attempts, x.s.fault
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

var errDropped = errors.New("connection dropped by the test")

// testCertificate is a self-signed certificate for testHost.
func testCertificate(t *testing.T) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: testHost},
		DNSNames: []string{testHost}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
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

// plainOverPlainText asks go-mail for AUTH PLAIN without TLS, to testHost.
func plainOverPlainText(srv *mailServer) error {
	c := srv.smtpConfig()
	c.TLS = "none"
	cl, err := c.client()
	if err != nil {
		return err
	}
	cl.SetSMTPAuth(mail.SMTPAuthPlain)
	return cl.DialWithContext(context.Background())
}
