package sharedbook

import (
	"context"
	"crypto/x509"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"relance/data"
)

// Trouble is why a shared book could not be opened, in few enough kinds
// for the window to say each in words (translation "shared.trouble.KIND").
type Trouble string

const (
	TroubleSettings    Trouble = "settings"    // a field is missing or wrong (Check)
	TroubleUnreachable Trouble = "unreachable" // no server answers at that address
	TroubleSignIn      Trouble = "sign_in"     // user name or password refused
	TroubleNoDatabase  Trouble = "no_database" // the server has no such database
	TroubleCertificate Trouble = "certificate" // the server's certificate does not check out
	TroubleNoTLS       Trouble = "no_tls"      // the server takes no encrypted connection
	TroubleNotOwner    Trouble = "not_owner"   // the role may not create the book's tables
	TroubleNewer       Trouble = "newer"       // a newer Relance wrote the book
	TroubleOther       Trouble = "other"
)

// TroubleOf sorts err, from Open or a shared book's first use.
func TroubleOf(err error) Trouble {
	var pe *pgconn.PgError
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var netErr net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrNoHost), errors.Is(err, ErrNoDatabase), errors.Is(err, ErrNoUser),
		errors.Is(err, ErrBadPort), errors.Is(err, ErrBadTLS), errors.Is(err, ErrNoCAFile), errors.Is(err, ErrNotServer):
		return TroubleSettings
	case errors.Is(err, data.ErrNewerSchema):
		return TroubleNewer
	case errors.Is(err, data.ErrReadOnly):
		return TroubleNotOwner
	case errors.As(err, &pe):
		switch pe.Code {
		case "28P01", "28000": // invalid password; no pg_hba.conf entry or role refused
			return TroubleSignIn
		case "3D000":
			return TroubleNoDatabase
		case "42501":
			return TroubleNotOwner
		}
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid):
		return TroubleCertificate
	case strings.Contains(err.Error(), "server refused TLS connection"):
		return TroubleNoTLS
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr):
		return TroubleUnreachable
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "password authentication failed"), strings.Contains(msg, "no password supplied"):
		return TroubleSignIn
	case strings.Contains(msg, "connection refused"), strings.Contains(msg, "no such host"), strings.Contains(msg, "i/o timeout"):
		return TroubleUnreachable
	case strings.Contains(msg, "certificate"), strings.Contains(msg, "x509"):
		return TroubleCertificate
	}
	return TroubleOther
}
