package mail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"relance/app/mail/maillab"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// testCert is a self-signed certificate for 127.0.0.1 and localhost, made
// for the test run, and the pool that trusts it.
type testCert struct {
	cert tls.Certificate
	pool *x509.CertPool
}

var (
	certOnce sync.Once
	certVal  testCert
)

func newTestCert(t *testing.T) testCert {
	t.Helper()
	certOnce.Do(func() {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "relance test"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
			IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
			KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			panic(err)
		}
		leaf, _ := x509.ParseCertificate(der)
		certVal.cert = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
		certVal.pool = x509.NewCertPool()
		certVal.pool.AddCert(leaf)
	})
	return certVal
}

// received is one message the test server accepted.
type received struct {
	from string
	to   []string
	data []byte
}

// smtpServer is a real SMTP server on 127.0.0.1 (go-smtp) with STARTTLS
// and AUTH PLAIN and LOGIN, recording what it accepts. Hooks inject
// failures.
type smtpServer struct {
	t        *testing.T
	addr     string
	port     int
	user     string
	password string

	// bearer, when set, makes the server take XOAUTH2 and OAUTHBEARER
	// instead of passwords, and reports whether an access token is valid.
	bearer func(token string) bool

	mu       sync.Mutex
	messages []received
	authMech []string // mechanisms used, in order
	// onMail and onData, when set, answer MAIL FROM and DATA instead of
	// accepting (return nil to accept).
	onMail func(from string) error
	onData func(n int, data []byte) error
}

type serverOptions struct {
	implicitTLS bool // TLS from the first byte (port 465 style)
	noTLS       bool // no STARTTLS offered, AUTH allowed in clear
}

func startSMTP(t *testing.T, o serverOptions) *smtpServer {
	t.Helper()
	s := &smtpServer{t: t, user: "moi@atelier-dupont.fr", password: "mot de passe é"}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)
	cert := newTestCert(t)
	tlsCfg := &tls.Config{Certificates: []tls.Certificate{cert.cert}}
	var l net.Listener
	var err error
	switch {
	case o.implicitTLS:
		l, err = tls.Listen("tcp", "127.0.0.1:0", tlsCfg)
	default:
		l, err = net.Listen("tcp", "127.0.0.1:0")
		if o.noTLS {
			srv.AllowInsecureAuth = true
		} else {
			srv.TLSConfig = tlsCfg
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	s.addr = l.Addr().String()
	_, port, _ := net.SplitHostPort(s.addr)
	s.port, _ = strconv.Atoi(port)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

// setHooks installs failure hooks (nil: accept).
func (s *smtpServer) setHooks(onMail func(string) error, onData func(int, []byte) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onMail, s.onData = onMail, onData
}

func (s *smtpServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received{}, s.messages...)
}

// NewSession implements smtp.Backend.
func (s *smtpServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSessionT{srv: s}, nil }

type smtpSessionT struct {
	srv  *smtpServer
	from string
	to   []string
}

func (ss *smtpSessionT) AuthMechanisms() []string {
	if ss.srv.bearer != nil {
		return []string{"XOAUTH2", sasl.OAuthBearer}
	}
	return []string{sasl.Plain, sasl.Login}
}

func (ss *smtpSessionT) Auth(mech string) (sasl.Server, error) {
	if ss.srv.bearer != nil {
		return ss.bearerAuth(mech)
	}
	check := func(user, password string) error {
		ss.srv.mu.Lock()
		ss.srv.authMech = append(ss.srv.authMech, mech)
		ss.srv.mu.Unlock()
		if user != ss.srv.user || password != ss.srv.password {
			return smtp.ErrAuthFailed
		}
		return nil
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, password string) error { return check(user, password) }), nil
	case sasl.Login:
		return &loginServer{check: check}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

func (ss *smtpSessionT) Mail(from string, _ *smtp.MailOptions) error {
	ss.srv.mu.Lock()
	hook := ss.srv.onMail
	ss.srv.mu.Unlock()
	if hook != nil {
		if err := hook(from); err != nil {
			return err
		}
	}
	ss.from = from
	return nil
}

func (ss *smtpSessionT) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *smtpSessionT) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.srv.mu.Lock()
	n := len(ss.srv.messages)
	hook := ss.srv.onData
	ss.srv.mu.Unlock()
	if hook != nil {
		if err := hook(n, b); err != nil {
			return err
		}
	}
	ss.srv.mu.Lock()
	ss.srv.messages = append(ss.srv.messages, received{from: ss.from, to: ss.to, data: b})
	ss.srv.mu.Unlock()
	return nil
}

func (ss *smtpSessionT) Reset()        { ss.from, ss.to = "", nil }
func (ss *smtpSessionT) Logout() error { return nil }

// loginServer is the server side of the LOGIN mechanism (go-sasl has only
// the client): the user name (initial response, or asked), then the
// password.
type loginServer struct {
	check    func(user, password string) error
	user     string
	haveUser bool
}

func (l *loginServer) Next(response []byte) ([]byte, bool, error) {
	switch {
	case !l.haveUser && response == nil:
		return []byte("Username:"), false, nil
	case !l.haveUser:
		l.user, l.haveUser = string(response), true
		return []byte("Password:"), false, nil
	}
	return nil, true, l.check(l.user, string(response))
}

// silentServer accepts connections and never says a word: a firewall that
// swallows packets, or a server that hangs.
func silentServer(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	return l.Addr().(*net.TCPAddr).Port
}

// closedPort is a port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// smtpErr is a server reply injected by a hook.
func smtpErr(code int, enhanced smtp.EnhancedCode, text string) error {
	return &smtp.SMTPError{Code: code, EnhancedCode: enhanced, Message: text}
}

// bearerAuth checks a bearer token, as Exchange Online and Gmail do.
func (ss *smtpSessionT) bearerAuth(mech string) (sasl.Server, error) {
	check := func(user, token string) error {
		ss.srv.mu.Lock()
		ss.srv.authMech = append(ss.srv.authMech, mech)
		ss.srv.mu.Unlock()
		if user != ss.srv.user || !ss.srv.bearer(token) {
			return smtp.ErrAuthFailed
		}
		return nil
	}
	if srv := maillab.BearerServer(mech, check); srv != nil {
		return srv, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}
