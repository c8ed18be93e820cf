package mail

import (
	"strings"
	"testing"

	"relance/data"
)

func TestPresetsAreCompleteAndValid(t *testing.T) {
	want := []string{"gmail", "microsoft", "ovh", "orange", "free", "sfr", "ionos", "gandi", "infomaniak", "laposte", "zoho"}
	if len(Presets) != len(want) {
		t.Fatalf("%d presets, want %d", len(Presets), len(want))
	}
	for i, key := range want {
		p, ok := PresetByKey(key)
		if !ok || Presets[i].Key != key {
			t.Fatalf("preset %d: %q, want %q", i, Presets[i].Key, key)
		}
		switch {
		case p.Security == data.SecuritySSL && p.Port != 465, p.Security == data.SecurityStartTLS && p.Port != 587,
			p.Security == data.SecurityNone:
			t.Errorf("%s: port %d with %s", key, p.Port, p.Security)
		case p.IMAPPort != 993 || p.IMAPSecurity != data.SecuritySSL || !strings.Contains(p.IMAPHost, "."):
			t.Errorf("%s: IMAP %s:%d %s", key, p.IMAPHost, p.IMAPPort, p.IMAPSecurity)
		}
		a := data.MailAccount{FromAddress: "moi@atelier.fr", Username: "moi@atelier.fr", SentCopy: true, Security: data.SecurityNone, AllowPlaintext: true}
		p.Apply(&a)
		if err := a.Validate(); err != nil {
			t.Errorf("%s: the preset gives an invalid account: %v", key, err)
		}
		if a.Host != p.Host || a.Port != p.Port || a.AllowPlaintext || a.Preset != key || a.FromAddress != "moi@atelier.fr" {
			t.Errorf("%s: applied %+v", key, a)
		}
		if p.SavesSent && a.SentCopy {
			t.Errorf("%s files sent mail itself: the IMAP copy would duplicate it", key)
		}
	}
	if _, ok := PresetByKey("aol"); ok {
		t.Error("unknown preset found")
	}
}
