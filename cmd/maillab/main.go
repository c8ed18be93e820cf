// Command maillab runs, on 127.0.0.1, a mail provider for trying Relance
// without an account at a real one (app/mail/maillab): an OAuth 2.0
// sign-in server, SMTP and IMAP servers that take its tokens, and a small
// control page to drop a bounce or a client's reply to the last email
// sent into the inbox. It prints how to point the app at it:
//
//	go run ./cmd/maillab
//	RELANCE_OAUTH_SERVER=<printed URL> relance   # then Settings > Email
//	curl http://127.0.0.1:8025/bounce            # or /reply, /sent
//
// It is a developer's tool: the app does not need it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"time"

	"relance/app/mail/maillab"
	"relance/app/oauth"
	"relance/app/oauth/oauthtest"
)

func main() {
	user := flag.String("user", "moi@atelier-dupont.fr", "the mailbox's address (the account's user name)")
	control := flag.String("control", "127.0.0.1:8025", "address of the control page (/bounce, /reply, /sent)")
	flag.Parse()
	lab, err := maillab.Start(*user)
	if err != nil {
		fmt.Fprintln(os.Stderr, "maillab:", err)
		os.Exit(1)
	}
	defer lab.Close()
	fmt.Printf("%s=%s\n", oauth.ServerVar, lab.OAuth.URL())
	fmt.Printf("client ID: %s\n", oauthtest.ClientID)
	fmt.Printf("user: %s\nSMTP: 127.0.0.1:%d (no TLS, XOAUTH2)\nIMAP: 127.0.0.1:%d (no TLS, XOAUTH2)\n", *user, lab.SMTPPort,
		lab.IMAPPort)
	fmt.Printf("control: http://%s/bounce, /reply, /sent\n", *control)

	mux := http.NewServeMux()
	mux.HandleFunc("/bounce", func(w http.ResponseWriter, _ *http.Request) {
		to, err := lab.DropBounce()
		answer(w, err, "bounce of the last email (to %s) dropped in the inbox", to)
	})
	mux.HandleFunc("/reply", func(w http.ResponseWriter, r *http.Request) {
		text := r.URL.Query().Get("text")
		if text == "" {
			text = "Bonjour, le virement part demain."
		}
		from, err := lab.DropReply(text)
		answer(w, err, "reply from %s dropped in the inbox", from)
	})
	mux.HandleFunc("/sent", func(w http.ResponseWriter, _ *http.Request) {
		for _, s := range lab.Sent() {
			fmt.Fprintf(w, "from %s to %v, %d bytes\n", s.From, s.To, len(s.Data))
		}
	})
	srv := &http.Server{Addr: *control, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "maillab: control page:", err)
			os.Exit(1)
		}
	}()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	_ = srv.Close()
}

// answer writes what a control request did, or why it could not.
func answer(w http.ResponseWriter, err error, format string, arg string) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	fmt.Fprintf(w, format+"\n", arg)
}
