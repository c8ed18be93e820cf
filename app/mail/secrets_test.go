package mail

import (
	"errors"
	"testing"

	"github.com/zalando/go-keyring"

	"relance/data"
)

// failingKeyring is a system without a keychain (a Linux without a Secret
// Service): every call fails.
type failingKeyring struct{}

var errNoDBus = errors.New("org.freedesktop.secrets was not provided by any .service files")

func (failingKeyring) Get(string, string) (string, error) { return "", errNoDBus }
func (failingKeyring) Set(string, string, string) error   { return errNoDBus }
func (failingKeyring) Delete(string, string) error        { return errNoDBus }

func TestSecretsInTheKeychain(t *testing.T) {
	keyring.MockInit()
	a := data.MailAccount{FromAddress: "moi@atelier.fr", Host: "smtp.atelier.fr", Username: "moi"}
	s := NewSecrets(SystemKeyring{})
	if _, err := s.Get(SecretPassword, &a); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("no password yet: %v", err)
	}
	if ok, err := s.Set(SecretPassword, &a, "s3cret"); !ok || err != nil {
		t.Fatalf("set: %v %v", ok, err)
	}
	stored, err := keyring.Get(KeyringService, "password:moi@smtp.atelier.fr")
	if err != nil || stored != "s3cret" {
		t.Fatalf("the keychain holds %q, %v", stored, err)
	}
	// A new run (new Secrets) finds it in the keychain.
	if got, err := NewSecrets(SystemKeyring{}).Get(SecretPassword, &a); got != "s3cret" || err != nil {
		t.Fatalf("read back %q, %v", got, err)
	}
	other := a
	other.Host = "smtp.ailleurs.fr"
	if _, err := s.Get(SecretPassword, &other); !errors.Is(err, ErrNoSecret) {
		t.Fatal("two servers share one password")
	}
	if err := s.Forget(SecretPassword, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get(KeyringService, "password:moi@smtp.atelier.fr"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatal("forget left the password in the keychain")
	}
}

func TestSecretsWithoutKeychainStayInMemoryForTheRun(t *testing.T) {
	a := data.MailAccount{FromAddress: "moi@atelier.fr", Host: "smtp.atelier.fr", Username: "moi"}
	s := NewSecrets(failingKeyring{})
	if _, err := s.Get(SecretPassword, &a); !errors.Is(err, ErrNoSecret) || s.Unavailable() == nil {
		t.Fatalf("no keychain: %v, unavailable %v", err, s.Unavailable())
	}
	ok, why := s.Set(SecretPassword, &a, "s3cret")
	if ok || !errors.Is(why, errNoDBus) {
		t.Fatalf("set without keychain: %v %v", ok, why)
	}
	if got, err := s.Get(SecretPassword, &a); got != "s3cret" || err != nil {
		t.Fatalf("this run must remember it: %q %v", got, err)
	}
	if _, err := NewSecrets(failingKeyring{}).Get(SecretPassword, &a); !errors.Is(err, ErrNoSecret) {
		t.Fatal("the next run must ask again")
	}
	s2 := NewSecrets(failingKeyring{})
	s2.Remember(SecretToken, &a, "tok")
	if c, err := s2.credentials(&data.MailAccount{FromAddress: a.FromAddress, Host: a.Host, Username: "moi", Auth: data.AuthXOAUTH2}); c.Token != "tok" || err != nil {
		t.Fatalf("token credentials %+v %v", c, err)
	}
}

func TestKeychainTroubleIsClassified(t *testing.T) {
	for _, c := range []struct {
		err  error
		want KeychainTrouble
	}{
		{errNoDBus, KeychainMissing},
		{errors.New("dbus: DBUS_SESSION_BUS_ADDRESS not set"), KeychainMissing},
		{errors.New(`exec: "dbus-launch": executable file not found in $PATH`), KeychainMissing},
		{errKeyringTimeout, KeychainTimeout},
		{errors.New("The user name or passphrase you entered is not correct."), KeychainRefused},
	} {
		if got := TroubleOf(c.err); got != c.want {
			t.Errorf("TroubleOf(%q) = %s, want %s", c.err, got, c.want)
		}
	}
}
