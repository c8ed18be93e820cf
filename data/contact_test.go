package data

import (
	"context"
	"errors"
	"testing"
)

// A client's mobile is French (06, 07, +33 6/7, 0033) or international
// (+ and 8 to 15 digits); its LinkedIn is a person's profile address.
// Anything else is refused under its field.
func TestClientMobileAndLinkedInValidation(t *testing.T) {
	for _, tc := range []struct {
		mobile, linkedIn string
		wrong            string // the field refused, "" for none
	}{
		{"", "", ""},
		{"06 12 34 56 78", "", ""},
		{"07.12.34.56.78", "", ""},
		{"+33 6 12 34 56 78", "", ""},
		{"+33 (0)7 12 34 56 78", "", ""},
		{"0033 6 12 34 56 78", "", ""},
		{"+44 7700 900123", "", ""},
		{"+1 415-555-0100", "", ""},
		{"04 78 24 63 05", "", "mobile"}, // a landline
		{"+33 4 78 24 63 05", "", "mobile"},
		{"06 12 34 56", "", "mobile"},
		{"+12 34", "", "mobile"},
		{"appelez-moi", "", "mobile"},
		{"", "https://www.linkedin.com/in/claire-morel", ""},
		{"", "https://fr.linkedin.com/in/claire-morel/", ""},
		{"", "https://linkedin.com/in/jean-dupont-4a1b2c", ""},
		{"", "http://www.linkedin.com/in/claire-morel", "linkedin"},
		{"", "https://www.linkedin.com/company/acme", "linkedin"},
		{"", "https://www.linkedin.com/in/", "linkedin"},
		{"", "https://linkedin.com.evil.example/in/claire", "linkedin"},
		{"", "www.linkedin.com/in/claire-morel", "linkedin"},
	} {
		c := Client{Name: "Garage", Mobile: tc.mobile, LinkedIn: tc.linkedIn}
		err := c.Validate()
		var got string
		for _, fe := range FieldErrorsOf(err) {
			got = fe.Field
		}
		if got != tc.wrong {
			t.Errorf("mobile %q linkedin %q: refused field %q, want %q (%v)", tc.mobile, tc.linkedIn, got, tc.wrong, err)
		}
		if tc.wrong != "" && !errors.Is(err, ErrInvalid) {
			t.Errorf("mobile %q linkedin %q: %v does not match ErrInvalid", tc.mobile, tc.linkedIn, err)
		}
	}
	c := Client{Name: "Garage", Mobile: "04 78 24 63 05"}
	if fes := FieldErrorsOf(c.Validate()); len(fes) != 1 || fes[0].Reason != ReasonMobileFormat {
		t.Errorf("a landline as mobile: %v", fes)
	}
}

// The channels are kept with the client and an edit of them is on its
// timeline.
func TestClientChannelsAreStored(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c := Client{Name: "Hôtel du Parc", Mobile: " 06 12 34 56 78 ", LinkedIn: "https://www.linkedin.com/in/claire-morel"}
	if err := s.CreateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetClient(ctx, c.ID)
	if err != nil || got.Mobile != "06 12 34 56 78" || got.LinkedIn != c.LinkedIn {
		t.Fatalf("stored %q %q, %v", got.Mobile, got.LinkedIn, err)
	}
	got.Mobile = "+44 7700 900123"
	if err := s.UpdateClient(ctx, &got); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.GetClient(ctx, c.ID); again.Mobile != "+44 7700 900123" {
		t.Errorf("mobile after the edit: %q", again.Mobile)
	}
}

// The reason given for a delay is kept on the invoice, on its timeline,
// and in the payer history.
func TestDelayReasonIsStored(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c := makeClient(t, s, "vernet")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	if err := s.SetDelayReason(ctx, inv.ID, DelayInvoiceError, "mauvais taux de TVA"); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetInvoice(ctx, inv.ID)
	if err != nil || got.DelayReason != DelayInvoiceError {
		t.Fatalf("reason %q, %v", got.DelayReason, err)
	}
	book, err := s.LoadPayerBook(ctx, c.ID)
	if err != nil || len(book.Invoices) != 1 || book.Invoices[0].DelayReason != DelayInvoiceError {
		t.Fatalf("payer book %+v, %v", book.Invoices, err)
	}
	events, err := s.ListEventsByInvoice(ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := events[len(events)-1]; last.Kind != EventDelayReason || last.Params["delay"] != "invoice_error" {
		t.Errorf("last event %+v", last)
	}
	if err := s.SetDelayReason(ctx, inv.ID, "late_again", ""); !errors.Is(err, ErrInvalid) {
		t.Errorf("an unknown reason: %v", err)
	}
}
