package mail

import "relance/data"

// Preset fills the server settings of a mail provider, as each documents
// them for mail clients ("submission" on 587 with STARTTLS, or 465 with
// TLS from the start).
type Preset struct {
	Key      string // stable, stored with the account
	Name     string // the provider's own name, not translated
	Host     string
	Port     int
	Security data.Security
	Auth     string

	IMAPHost     string
	IMAPPort     int
	IMAPSecurity data.Security
	IMAPFolder   string // "" lets the server say (SPECIAL-USE \Sent)
	// SavesSent: the provider files what its SMTP server sends in the Sent
	// folder by itself; an IMAP copy would make a duplicate.
	SavesSent bool
	// SignIn is the OAuth provider its accounts sign in with
	// (data.OAuthMicrosoft, data.OAuthGoogle), "" when only a password.
	SignIn string
}

// Presets are the providers French small businesses use most, in the
// order the settings list them.
var Presets = []Preset{
	// Google: smtp.gmail.com 465 SSL or 587 STARTTLS; with 2-step
	// verification an app password is needed. Gmail files SMTP mail in
	// "Sent" itself.
	{Key: "gmail", Name: "Gmail", Host: "smtp.gmail.com", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "imap.gmail.com", IMAPPort: 993, IMAPSecurity: data.SecuritySSL, SavesSent: true,
		SignIn: data.OAuthGoogle},
	// Microsoft documents smtp.office365.com:587 STARTTLS for Microsoft 365
	// and Outlook.com alike (smtp-mail.outlook.com is the older alias).
	{Key: "microsoft", Name: "Outlook.com / Microsoft 365", Host: "smtp.office365.com", Port: 587, Security: data.SecurityStartTLS,
		Auth: data.AuthAuto, IMAPHost: "outlook.office365.com", IMAPPort: 993, IMAPSecurity: data.SecuritySSL,
		SignIn: data.OAuthMicrosoft},
	// OVHcloud MX Plan / Email Pro: ssl0.ovh.net, 465 SSL (587 STARTTLS too).
	{Key: "ovh", Name: "OVHcloud", Host: "ssl0.ovh.net", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "ssl0.ovh.net", IMAPPort: 993, IMAPSecurity: data.SecuritySSL},
	// Orange documents smtp.orange.fr on 465 with SSL, authenticated.
	{Key: "orange", Name: "Orange", Host: "smtp.orange.fr", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "imap.orange.fr", IMAPPort: 993, IMAPSecurity: data.SecuritySSL},
	// Free documents smtp.free.fr 465 SSL (587 STARTTLS also accepted).
	{Key: "free", Name: "Free", Host: "smtp.free.fr", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "imap.free.fr", IMAPPort: 993, IMAPSecurity: data.SecuritySSL},
	// SFR documents smtp.sfr.fr 465 SSL.
	{Key: "sfr", Name: "SFR", Host: "smtp.sfr.fr", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "imap.sfr.fr", IMAPPort: 993, IMAPSecurity: data.SecuritySSL},
	// IONOS (France): smtp.ionos.fr 465 SSL or 587 STARTTLS.
	{Key: "ionos", Name: "IONOS", Host: "smtp.ionos.fr", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "imap.ionos.fr", IMAPPort: 993, IMAPSecurity: data.SecuritySSL},
	// Gandi Mail: mail.gandi.net 465 SSL or 587 STARTTLS.
	{Key: "gandi", Name: "Gandi", Host: "mail.gandi.net", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "mail.gandi.net", IMAPPort: 993, IMAPSecurity: data.SecuritySSL},
	// Infomaniak: mail.infomaniak.com 465 SSL or 587 STARTTLS.
	{Key: "infomaniak", Name: "Infomaniak", Host: "mail.infomaniak.com", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "mail.infomaniak.com", IMAPPort: 993, IMAPSecurity: data.SecuritySSL},
	// La Poste (laposte.net) documents smtp.laposte.net 465 SSL.
	{Key: "laposte", Name: "La Poste", Host: "smtp.laposte.net", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "imap.laposte.net", IMAPPort: 993, IMAPSecurity: data.SecuritySSL},
	// Zoho Mail, EU data centre (accounts opened from France): smtp.zoho.eu
	// 465 SSL (587 STARTTLS too); accounts on zoho.com use smtp.zoho.com.
	{Key: "zoho", Name: "Zoho Mail", Host: "smtp.zoho.eu", Port: 465, Security: data.SecuritySSL, Auth: data.AuthAuto,
		IMAPHost: "imap.zoho.eu", IMAPPort: 993, IMAPSecurity: data.SecuritySSL},
}

// PresetByKey returns the preset with that key.
func PresetByKey(key string) (Preset, bool) {
	for _, p := range Presets {
		if p.Key == key {
			return p, true
		}
	}
	return Preset{}, false
}

// Apply fills a's server settings from the preset; the owner's name,
// address and user name stay. The Sent copy is turned off for a provider
// that files sent mail by itself.
func (p Preset) Apply(a *data.MailAccount) {
	a.Preset = p.Key
	a.Host, a.Port, a.Security, a.Auth = p.Host, p.Port, p.Security, p.Auth
	a.IMAPHost, a.IMAPPort, a.IMAPSecurity, a.IMAPFolder = p.IMAPHost, p.IMAPPort, p.IMAPSecurity, p.IMAPFolder
	a.AllowPlaintext = false
	if p.SavesSent {
		a.SentCopy = false
	}
}
