package mail

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
)

// TestSendNowArchivesWhatWent: an email that is no reminder goes at once,
// its exact bytes kept under the data folder; one the server refuses
// leaves no archive and says why; no account, no attempt.
func TestSendNowArchivesWhatWent(t *testing.T) {
	ctx := context.Background()
	srv := startSMTP(t, serverOptions{})
	b := newBook(t, 0)
	svc := b.service(t, testAccount(srv), srv.password)
	msg := Message{To: []string{"cabinet@exemple.fr"}, Subject: "Encours", Text: "Ci-joint.",
		Attachments: []Attachment{{Name: "encours.xlsx", Data: []byte("PK\x03\x04 workbook")}}}
	rel, err := svc.SendNow(ctx, msg)
	if err != nil {
		t.Fatal(err)
	}
	got := srv.received()
	archived, err := os.ReadFile(filepath.Join(b.dir, filepath.FromSlash(rel)))
	if err != nil || len(got) != 1 || string(got[0].data) != string(archived) {
		t.Fatalf("received %d, archive %s: %v", len(got), rel, err)
	}
	if !strings.Contains(string(archived), `filename="encours.xlsx"`) || got[0].to[0] != "cabinet@exemple.fr" {
		t.Errorf("the email went to %v without its workbook", got[0].to)
	}

	srv.setHooks(nil, func(int, []byte) error { return smtpErr(550, smtp.EnhancedCode{5, 7, 1}, "Refusé") })
	defer srv.setHooks(nil, nil)
	if _, err := svc.SendNow(ctx, msg); CauseOf(err) != CauseRejected {
		t.Fatalf("refused: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(b.dir, "mail", "*", "*.eml"))
	if len(files) != 1 {
		t.Errorf("%d archives after one email sent and one refused", len(files))
	}

	bare := newBook(t, 0)
	none := NewService(bare.store, bare.files(), NewSecrets(SystemKeyring{}), Transport{})
	if _, err := none.SendNow(ctx, msg); CauseOf(err) != CauseNotConfigured {
		t.Errorf("without an account: %v", err)
	}
}
