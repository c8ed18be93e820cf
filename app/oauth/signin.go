package oauth

import (
	"context"
	"fmt"
	"html"
	"net"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// SignInTimeout is how long a sign-in waits for the browser to come back
// (the owner may have to find a password, or a second factor on a phone).
const SignInTimeout = 5 * time.Minute

// Page is what the browser shows once it came back to Relance: a title
// and a sentence, in the owner's language.
type Page struct{ Title, Done, Failed string }

// SignIn signs the owner in: it listens on a free port of 127.0.0.1,
// has open show the provider's sign-in page (the system browser; login,
// the address, pre-fills it), waits for the redirect to the port, checks
// that it answers this request (state), and exchanges its code, with the
// PKCE verifier, for tokens. It gives up after SignInTimeout, or when ctx
// ends (the owner cancelled). The token holds a refresh token (else
// ErrNoRefresh).
func SignIn(ctx context.Context, p Provider, login string, page Page, open func(url string) error) (*oauth2.Token, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("sign in: listen on the loopback: %w", err)
	}
	defer listener.Close()
	redirect := fmt.Sprintf("http://127.0.0.1:%d/", listener.Addr().(*net.TCPAddr).Port)
	cfg := p.config(redirect)
	state, err := randomString(24)
	if err != nil {
		return nil, err
	}
	verifier := oauth2.GenerateVerifier()
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier)}
	if login != "" {
		opts = append(opts, oauth2.SetAuthURLParam("login_hint", login))
	}
	for k, v := range p.Params {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}

	answers := make(chan redirectAnswer, 1)
	srv := &http.Server{Handler: redirectHandler(state, page, answers), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(listener) //nolint:errcheck // ends with Shutdown below
	defer shutdown(srv)

	if err := open(cfg.AuthCodeURL(state, opts...)); err != nil {
		return nil, fmt.Errorf("sign in: open the browser: %w", err)
	}
	wait, cancel := context.WithTimeout(ctx, SignInTimeout)
	defer cancel()
	var a redirectAnswer
	select {
	case a = <-answers:
	case <-wait.Done():
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, ErrNoAnswer
	}
	if a.err != nil {
		return nil, a.err
	}
	tok, err := cfg.Exchange(withClient(ctx), a.code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, fmt.Errorf("sign in: %w", fromRetrieve(err))
	}
	if tok.RefreshToken == "" {
		return nil, ErrNoRefresh
	}
	return tok, nil
}

// redirectAnswer is what the browser brought back: a code, or why not.
type redirectAnswer struct {
	code string
	err  error
}

// redirectHandler answers the browser's redirect: it hands the first
// answer that matches state (or the provider's error) to answers, and shows
// the owner a page saying they may go back to Relance. Requests that do
// not match (a favicon, a stale tab) get a 404 and change nothing.
func redirectHandler(state string, page Page, answers chan<- redirectAnswer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/" || (q.Get("code") == "" && q.Get("error") == "") {
			http.NotFound(w, r)
			return
		}
		var a redirectAnswer
		switch {
		case q.Get("state") != state:
			a.err = ErrState
		case q.Get("error") != "":
			a.err = &ProviderError{Code: q.Get("error"), Description: q.Get("error_description"), Err: ErrDenied}
		default:
			a.code = q.Get("code")
		}
		sentence, status := page.Done, http.StatusOK
		if a.err != nil {
			sentence, status = page.Failed, http.StatusBadRequest
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<!doctype html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"+
			"<body style=\"font-family:sans-serif;margin:4em auto;max-width:36em\"><h1>%s</h1><p>%s</p></body></html>",
			html.EscapeString(page.Title), html.EscapeString(page.Title), html.EscapeString(sentence))
		select {
		case answers <- a:
		default: // an answer is already in: the first one counts
		}
	})
}

// pageDelivery bounds how long the loopback server, once it has its
// answer, waits for the browser to receive the page it is being sent.
const pageDelivery = 2 * time.Second

// shutdown stops the loopback server once the page it answered with is
// delivered: closing at once could cut the browser off before it shows
// "you can go back to Relance".
func shutdown(srv *http.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), pageDelivery)
	defer cancel()
	if srv.Shutdown(ctx) != nil {
		srv.Close()
	}
}
