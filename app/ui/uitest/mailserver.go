package uitest

import (
	"context"
	"io"
	"log"
	"net"
	"sync"
	"testing"
	"time"

	"relance/app/archive"
	"relance/app/mail"
	"relance/data"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/zalando/go-keyring"
)

// MailServer is a real SMTP server on 127.0.0.1 (go-smtp), unencrypted,
// with AUTH PLAIN, keeping what it receives.
type MailServer struct {
	Port     int
	mu       sync.Mutex
	messages []string
	refuse   bool // answer 550 to every message
}

// MailUser and MailPassword are the account the server accepts.
const MailUser, MailPassword = "moi@atelier-dupont.fr", "bon mot de passe"

// StartMailServer listens on a free port of 127.0.0.1 until the test ends.
func StartMailServer(t testing.TB) *MailServer {
	t.Helper()
	s := &MailServer{}
	srv := smtp.NewServer(s)
	srv.AllowInsecureAuth = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Port = l.Addr().(*net.TCPAddr).Port
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

// Received are the messages accepted, in order.
func (s *MailServer) Received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string{}, s.messages...)
}

func (s *MailServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &mailSession{srv: s}, nil }

type mailSession struct{ srv *MailServer }

func (m *mailSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (m *mailSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != MailUser || password != MailPassword {
			return smtp.ErrAuthFailed
		}
		return nil
	}), nil
}
func (m *mailSession) Mail(string, *smtp.MailOptions) error { return nil }
func (m *mailSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (m *mailSession) Reset()                               {}
func (m *mailSession) Logout() error                        { return nil }
func (m *mailSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m.srv.mu.Lock()
	defer m.srv.mu.Unlock()
	if m.srv.refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Adresse inconnue"}
	}
	m.srv.messages = append(m.srv.messages, string(b))
	return nil
}

// SetRefuse makes the server answer 550 to every message (or accept them
// again).
func (s *MailServer) SetRefuse(refuse bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = refuse
}

// MailService is an outbox over store that sends through s: the book's
// account points at the server, its password kept in a mock keychain.
func (s *MailServer) MailService(t testing.TB, store *data.Store, dataDir string) (*mail.Service, data.MailAccount) {
	t.Helper()
	keyring.MockInit()
	a := data.MailAccount{FromName: "Atelier Dupont", FromAddress: MailUser, Host: "127.0.0.1", Port: s.Port,
		Security: data.SecurityNone, AllowPlaintext: true, Username: MailUser, Auth: data.AuthAuto}
	Must(t, store.UpdateMailAccount(context.Background(), &a))
	secrets := mail.NewSecrets(mail.SystemKeyring{})
	secrets.Set(mail.SecretPassword, &a, MailPassword)
	return mail.NewService(store, &archive.Files{Dir: dataDir, Store: store}, secrets, mail.Transport{Timeout: 2 * time.Second}), a
}
