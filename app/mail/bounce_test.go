package mail

import (
	"os"
	"path/filepath"
	"testing"
)

// TestParseBounce reads failure reports in the forms mail servers send
// (testdata/bounces, written after RFC 3464 and the reports of Postfix,
// Exchange Online and Exim), and refuses a delay report and a reply.
func TestParseBounce(t *testing.T) {
	for _, c := range []struct {
		file string
		ok   bool
		want Bounce
	}{
		{"postfix.eml", true, Bounce{MessageID: "relance.42.abc@atelier-dupont.fr", Recipient: "compta@vernet.fr",
			Status: "5.1.1", Diagnostic: "550 5.1.1 <compta@vernet.fr>: Recipient address rejected: User unknown",
			Reason: BounceNoSuchAddress}},
		{"exchange.eml", true, Bounce{MessageID: "relance.43.def@atelier-dupont.fr", Recipient: "boulangerie@vernet.fr",
			Status: "5.2.2", Diagnostic: "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException",
			Reason: BounceMailboxFull}},
		{"exim.eml", true, Bounce{MessageID: "relance.44.ghi@atelier-dupont.fr", Recipient: "contact@cafe-durand.example",
			Status: "5.1.2", Diagnostic: "550 5.1.2 Host or domain name not found", Reason: BounceNoSuchDomain}},
		{"delay.eml", false, Bounce{}},
		{"reply.eml", false, Bounce{}},
	} {
		raw, err := os.ReadFile(filepath.Join("testdata", "bounces", c.file))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := ParseBounce(raw)
		if ok != c.ok || got != c.want {
			t.Errorf("%s: %+v (%v), want %+v (%v)", c.file, got, ok, c.want, c.ok)
		}
	}
}

func TestBounceReasonFromTheWordsWithoutAStatus(t *testing.T) {
	for words, want := range map[string]BounceReason{
		"550 Requested action not taken: mailbox unavailable": BounceNoSuchAddress,
		"552 Quota exceeded for this user":                    BounceMailboxFull,
		"554 Message rejected":                                BounceOther,
	} {
		if got := reasonOf("", words); got != want {
			t.Errorf("%q: %s, want %s", words, got, want)
		}
	}
}

func TestParseBounceRefusesGarbage(t *testing.T) {
	for _, raw := range []string{"", "not a message", "Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x"} {
		if b, ok := ParseBounce([]byte(raw)); ok {
			t.Errorf("%q read as a bounce: %+v", raw, b)
		}
	}
}

func TestClassifyInbound(t *testing.T) {
	read := func(name string) []byte {
		raw, err := os.ReadFile(filepath.Join("testdata", "bounces", name))
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	if in, ok := ClassifyInbound(read("postfix.eml")); !ok || in.Kind != InboundBounce || in.Bounce.Recipient != "compta@vernet.fr" {
		t.Errorf("postfix bounce: %+v", in)
	}
	in, ok := ClassifyInbound(read("reply.eml"))
	if !ok || in.Kind != InboundReply || in.From != "compta@vernet.fr" || len(in.RefersTo) != 1 ||
		in.RefersTo[0] != "relance.42.abc@atelier-dupont.fr" {
		t.Errorf("reply: %+v", in)
	}
	for name, raw := range map[string]string{
		"RFC 3834": "From: a@vernet.fr\r\nSubject: Re: Relance\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: <relance.42.abc@atelier-dupont.fr>\r\n\r\nAbsent.",
		"subject":  "From: a@vernet.fr\r\nSubject: =?UTF-8?Q?R=C3=A9ponse_automatique_:_absence?=\r\n\r\nJe suis en congés.",
		"Exchange": "From: a@vernet.fr\r\nSubject: Automatic reply: Relance\r\nX-MS-Exchange-Inbox-Rules-Loop: a@vernet.fr\r\n\r\nOOF",
	} {
		if in, ok := ClassifyInbound([]byte(raw)); !ok || in.Kind != InboundAutoReply {
			t.Errorf("%s auto-reply read as %+v", name, in)
		}
	}
	if in, ok := ClassifyInbound([]byte("From: promo@shop.example\r\nSubject: Soldes\r\n\r\n-50 %")); !ok || in.Kind != InboundOther {
		t.Errorf("an advert: %+v", in)
	}
	if in, ok := ClassifyInbound([]byte("From: a@vernet.fr\r\nSubject: RE : facture FA-2026-0001\r\n\r\nPayée hier.")); !ok ||
		in.Kind != InboundReply {
		t.Errorf("a reply without In-Reply-To: %+v", in)
	}
}
