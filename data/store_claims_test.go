package data

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestWaivePenalties(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	if err := s.WaivePenalties(ctx, inv.ID, true, "geste commercial"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetInvoice(ctx, inv.ID)
	if !got.PenaltiesWaived {
		t.Fatal("not waived")
	}
	if ev := lastEvent(t, s, inv.ID, EventPenaltiesWaived); ev.Params["reason"] != "geste commercial" || ev.ClientID != c.ID {
		t.Fatalf("waiver event %+v", ev)
	}
	if err := s.WaivePenalties(ctx, inv.ID, true, "again"); err != nil || kindCount(t, s, EventPenaltiesWaived) != 1 {
		t.Fatalf("waiving twice recorded twice: %v", err)
	}
	if err := s.WaivePenalties(ctx, inv.ID, false, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ = s.GetInvoice(ctx, inv.ID); got.PenaltiesWaived || kindCount(t, s, EventPenaltiesClaimed) != 1 {
		t.Fatalf("claimed again: %+v", got)
	}
	if err := s.WaivePenalties(ctx, 9999, true, ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing invoice: %v", err)
	}
}

func TestAttachments(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	other := makeClient(t, s, "traiteur")
	inv := makeInvoice(t, s, c.ID, "FA-1", 100000)
	inv2 := makeInvoice(t, s, c.ID, "FA-2", 100000)
	kbis := Attachment{ClientID: c.ID, Kind: AttachKbis, Title: "Kbis", Path: "attachments/kbis.pdf"}
	quote := Attachment{InvoiceID: inv.ID, Kind: AttachContract, Title: "Devis signé", Path: "attachments/devis.pdf",
		DocDate: MustDate("2026-01-10")}
	elsewhere := Attachment{ClientID: other.ID, Kind: AttachKbis, Title: "Kbis traiteur", Path: "attachments/k2.pdf"}
	for _, a := range []*Attachment{&kbis, &quote, &elsewhere} {
		if err := s.CreateAttachment(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if quote.ClientID != c.ID {
		t.Fatalf("an invoice's attachment belongs to its client: %+v", quote)
	}
	list, err := s.ListAttachmentsForInvoice(ctx, inv.ID)
	if err != nil || len(list) != 2 || list[0].ID != quote.ID || list[1].ID != kbis.ID || list[0].DocDate != quote.DocDate {
		t.Fatalf("for FA-1: %+v, %v", list, err)
	}
	if list, _ = s.ListAttachmentsForInvoice(ctx, inv2.ID); len(list) != 1 || list[0].ID != kbis.ID {
		t.Fatalf("for FA-2 (the client's only): %+v", list)
	}
	if list, _ = s.ListAttachmentsByClient(ctx, c.ID); len(list) != 1 || list[0].ID != kbis.ID {
		t.Fatalf("the client's own: %+v", list)
	}
	bad := Attachment{ClientID: c.ID, Kind: "photo", Path: ""}
	err = s.CreateAttachment(ctx, &bad)
	fields := []string{}
	for _, fe := range FieldErrorsOf(err) {
		fields = append(fields, fe.Field)
	}
	if !slices.Contains(fields, "attachment_kind") || !slices.Contains(fields, "attachment_file") {
		t.Fatalf("bad attachment: %v", err)
	}
	if err := s.DeleteAttachment(ctx, quote.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ = s.ListAttachmentsForInvoice(ctx, inv.ID); len(list) != 1 || kindCount(t, s, EventAttachmentRemoved) != 1 {
		t.Fatalf("after delete: %+v", list)
	}
}

func TestListPaidLateInvoices(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c := makeClient(t, s, "boulangerie")
	onTime := makeInvoiceDue(t, s, c.ID, "FA-1", 100000, "2026-02-01")
	recordPaymentOn(t, s, onTime.ID, "2026-02-01", 100000)
	late := makeInvoiceDue(t, s, c.ID, "FA-2", 100000, "2026-02-01")
	recordPaymentOn(t, s, late.ID, "2026-02-20", 100000)
	partial := makeInvoiceDue(t, s, c.ID, "FA-3", 100000, "2026-02-01")
	recordPaymentOn(t, s, partial.ID, "2026-02-20", 50000)
	waived := makeInvoiceDue(t, s, c.ID, "FA-4", 100000, "2026-01-01")
	recordPaymentOn(t, s, waived.ID, "2026-02-20", 100000)
	if err := s.WaivePenalties(ctx, waived.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListPaidLateInvoices(ctx, c.ID)
	if err != nil || len(list) != 1 || list[0].Number != "FA-2" {
		t.Fatalf("paid late: %+v, %v", list, err)
	}
}
