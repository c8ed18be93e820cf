package maillab

import (
	"strings"

	"github.com/emersion/go-sasl"
)

// XOAuth2Server is the server side of XOAUTH2 (Google's and Microsoft's
// mechanism): "user=U^Aauth=Bearer T^A^A" in one response; Check decides.
type XOAuth2Server struct {
	Check func(user, token string) error
}

// Next reads the client's one response.
func (x *XOAuth2Server) Next(response []byte) ([]byte, bool, error) {
	if response == nil {
		return []byte{}, false, nil
	}
	var user, token string
	for _, f := range strings.Split(string(response), "\x01") {
		switch {
		case strings.HasPrefix(f, "user="):
			user = strings.TrimPrefix(f, "user=")
		case strings.HasPrefix(f, "auth=Bearer "):
			token = strings.TrimPrefix(f, "auth=Bearer ")
		}
	}
	return nil, true, x.Check(user, token)
}

// BearerServer is the SASL server of mech ("XOAUTH2" or "OAUTHBEARER")
// over check; nil for another mechanism.
func BearerServer(mech string, check func(user, token string) error) sasl.Server {
	switch mech {
	case "XOAUTH2":
		return &XOAuth2Server{Check: check}
	case sasl.OAuthBearer:
		return sasl.NewOAuthBearerServer(func(o sasl.OAuthBearerOptions) *sasl.OAuthBearerError {
			if check(o.Username, o.Token) != nil {
				return &sasl.OAuthBearerError{Status: "invalid_token"}
			}
			return nil
		})
	}
	return nil
}
