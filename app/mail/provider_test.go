package mail

import (
	"context"
	"errors"
	"net"
	"testing"

	"relance/data"
)

func TestSignInProviderFromTheDomainOrItsMX(t *testing.T) {
	mx := map[string][]*net.MX{
		"atelier-dupont.fr": {{Host: "atelierdupont-fr01c.mail.protection.outlook.com.", Pref: 0}},
		"vernet.fr":         {{Host: "aspmx.l.google.com.", Pref: 1}, {Host: "alt1.aspmx.l.google.com.", Pref: 5}},
		"boulangerie.fr":    {{Host: "smtp.google.com.", Pref: 1}},
		"ovh-client.fr":     {{Host: "mx1.mail.ovh.net.", Pref: 1}},
	}
	lookup := func(_ context.Context, domain string) ([]*net.MX, error) {
		if list, ok := mx[domain]; ok {
			return list, nil
		}
		return nil, errors.New("no such host")
	}
	for _, c := range []struct {
		address string
		want    SignInWith
	}{
		{"claire@gmail.com", SignInWith{Provider: data.OAuthGoogle}},
		{"Claire@Hotmail.FR", SignInWith{Provider: data.OAuthMicrosoft, Tenant: "consumers"}},
		{"compta@atelier-dupont.fr", SignInWith{Provider: data.OAuthMicrosoft}},
		{"compta@vernet.fr", SignInWith{Provider: data.OAuthGoogle}},
		{"pain@boulangerie.fr", SignInWith{Provider: data.OAuthGoogle}},
		{"moi@ovh-client.fr", SignInWith{}},
		{"moi@unknown.example", SignInWith{}},
		{"not an address", SignInWith{}},
	} {
		if got := SignInProvider(context.Background(), c.address, lookup); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.address, got, c.want)
		}
	}
}
