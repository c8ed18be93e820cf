package mail

import (
	"crypto/hmac"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/wneessen/go-mail/smtp"

	"relance/data"
)

// signIn chooses and builds the SASL client an account signs in with,
// given the mechanisms the server offers. The same clients serve SMTP
// (through smtpAuth) and IMAP (go-imap takes go-sasl clients).
type signIn struct {
	account *data.MailAccount
	creds   Credentials
}

// errMechanism: the server offers none of the mechanisms the account can use.
func errMechanism(want string, offered []string) error {
	return &Error{Cause: CauseAuthMechanism, Server: strings.Join(offered, " "),
		Err: fmt.Errorf("sign-in method %s not offered by the server (it offers %s)", want, strings.Join(offered, ", "))}
}

// errPlaintext: the password would cross the network unencrypted and the
// owner did not allow it.
var errPlaintext = &Error{Cause: CausePlaintext, Err: gosmtp.ErrUnencrypted}

// client returns the SASL client for a server offering mechanisms offered
// over a connection that is encrypted or not.
func (s signIn) client(offered []string, encrypted bool) (sasl.Client, error) {
	offered = upper(offered)
	mech := s.account.Auth
	if mech == data.AuthAuto || mech == "" {
		mech = s.automatic(offered, encrypted)
		if mech == "" {
			return nil, errMechanism(data.AuthAuto, offered)
		}
	} else if len(offered) > 0 && !slices.Contains(offered, mech) {
		return nil, errMechanism(mech, offered)
	}
	// CRAM-MD5 never sends the password itself; every other mechanism
	// does (or a token worth as much) and needs encryption or consent.
	if !encrypted && mech != data.AuthCRAMMD5 && !s.account.AllowPlaintext {
		return nil, errPlaintext
	}
	return s.build(mech)
}

// automatic picks the best mechanism the server offers: PLAIN over an
// encrypted connection (the simplest, universally supported), then LOGIN,
// then CRAM-MD5; unencrypted, CRAM-MD5 first since it keeps the password.
func (s signIn) automatic(offered []string, encrypted bool) string {
	order := []string{data.AuthPlain, data.AuthLogin, data.AuthCRAMMD5}
	if !encrypted {
		order = []string{data.AuthCRAMMD5, data.AuthPlain, data.AuthLogin}
	}
	for _, m := range order {
		if slices.Contains(offered, m) {
			return m
		}
	}
	return ""
}

func (s signIn) build(mech string) (sasl.Client, error) {
	user, c := s.account.Username, s.creds
	switch mech {
	case data.AuthPlain:
		return sasl.NewPlainClient("", user, c.Password), nil
	case data.AuthLogin:
		return &loginClient{user: user, password: c.Password}, nil
	case data.AuthCRAMMD5:
		return &cramMD5Client{user: user, password: c.Password}, nil
	case data.AuthXOAUTH2:
		return &xoauth2Client{user: user, token: c.Token}, nil
	case data.AuthOAuthBearer:
		return sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: user, Token: c.Token}), nil
	}
	return nil, errMechanism(mech, nil)
}

func upper(list []string) []string {
	out := make([]string, len(list))
	for i, m := range list {
		out[i] = strings.ToUpper(m)
	}
	return out
}

// smtpAuth adapts a go-sasl client to go-mail's smtp.Auth: go-mail then
// runs the AUTH exchange, go-sasl speaks the mechanism.
type smtpAuth struct {
	signIn signIn
	client sasl.Client
}

// Start chooses the mechanism from what the server advertised and returns
// its initial response.
func (a *smtpAuth) Start(server *gosmtp.ServerInfo) (string, []byte, error) {
	c, err := a.signIn.client(server.Auth, server.TLS)
	if err != nil {
		return "", nil, err
	}
	a.client = c
	return c.Start()
}

// Next answers a challenge; with more false the exchange is over.
func (a *smtpAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	return a.client.Next(fromServer)
}

// loginClient is the LOGIN mechanism: the user name as initial response,
// then the password when asked. go-sasl's client expects exactly
// "Password:"; servers also ask "Username:" when they ignore the initial
// response, or say it in lower case.
type loginClient struct{ user, password string }

func (c *loginClient) Start() (string, []byte, error) { return data.AuthLogin, []byte(c.user), nil }

func (c *loginClient) Next(challenge []byte) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(string(challenge))) {
	case "username:", "user name", "username":
		return []byte(c.user), nil
	case "password:", "password":
		return []byte(c.password), nil
	}
	return nil, sasl.ErrUnexpectedServerChallenge
}

// cramMD5Client is CRAM-MD5 (RFC 2195): the password never crosses the
// network, only its HMAC of the server's challenge.
type cramMD5Client struct{ user, password string }

func (c *cramMD5Client) Start() (string, []byte, error) { return data.AuthCRAMMD5, nil, nil }

func (c *cramMD5Client) Next(challenge []byte) ([]byte, error) {
	if len(challenge) == 0 {
		return nil, sasl.ErrUnexpectedServerChallenge
	}
	h := hmac.New(md5.New, []byte(c.password))
	h.Write(challenge)
	return []byte(c.user + " " + hex.EncodeToString(h.Sum(nil))), nil
}

// xoauth2Client is Google's and Microsoft's XOAUTH2: the user and an OAuth
// access token in one initial response. On failure the server sends a JSON
// challenge, answered with an empty response to get the final error.
type xoauth2Client struct{ user, token string }

func (c *xoauth2Client) Start() (string, []byte, error) {
	if c.token == "" {
		return "", nil, errors.New("no access token")
	}
	return data.AuthXOAUTH2, []byte("user=" + c.user + "\x01auth=Bearer " + c.token + "\x01\x01"), nil
}

func (c *xoauth2Client) Next([]byte) ([]byte, error) { return []byte{}, nil }
