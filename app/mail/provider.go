package mail

import (
	"context"
	"net"
	"slices"
	"strings"
	"time"

	"relance/data"
)

// mxTimeout bounds the DNS lookup of where an address's mail goes.
const mxTimeout = 3 * time.Second

// personalMicrosoft are the domains of Microsoft's personal accounts
// (Outlook.com), which sign in through the "consumers" tenant, not a
// company's.
var personalMicrosoft = []string{"outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com"}

// personalGoogle are Gmail's own domains.
var personalGoogle = []string{"gmail.com", "googlemail.com"}

// SignInWith is the OAuth provider an address signs in with, and the
// Microsoft tenant its kind of account needs.
type SignInWith struct {
	Provider string // data.OAuthMicrosoft, data.OAuthGoogle, or "" for a password
	Tenant   string // "consumers" for a personal Microsoft account, else "" (any work or school account)
}

// SignInProvider says whether an address signs in with Microsoft or
// Google: by its domain (Gmail, Outlook.com), else by where its domain's
// mail goes (the MX of Microsoft 365 or Google Workspace), looked up with
// lookupMX (net.DefaultResolver's in the app) within mxTimeout. A lookup
// that fails says nothing: the owner can still type a password.
func SignInProvider(ctx context.Context, address string,
	lookupMX func(ctx context.Context, domain string) ([]*net.MX, error)) SignInWith {
	at := strings.LastIndexByte(address, '@')
	if at < 0 {
		return SignInWith{}
	}
	domain := strings.ToLower(strings.TrimSpace(address[at+1:]))
	switch {
	case domain == "":
		return SignInWith{}
	case slices.Contains(personalGoogle, domain):
		return SignInWith{Provider: data.OAuthGoogle}
	case slices.Contains(personalMicrosoft, domain):
		return SignInWith{Provider: data.OAuthMicrosoft, Tenant: "consumers"}
	}
	ctx, cancel := context.WithTimeout(ctx, mxTimeout)
	defer cancel()
	mxs, err := lookupMX(ctx, domain)
	if err != nil {
		return SignInWith{}
	}
	for _, mx := range mxs {
		host := strings.ToLower(strings.TrimSuffix(mx.Host, "."))
		switch {
		case strings.HasSuffix(host, ".mail.protection.outlook.com"):
			return SignInWith{Provider: data.OAuthMicrosoft}
		case host == "smtp.google.com" || strings.HasSuffix(host, ".google.com") || strings.HasSuffix(host, ".googlemail.com"):
			return SignInWith{Provider: data.OAuthGoogle}
		}
	}
	return SignInWith{}
}
