package dunning

import (
	"cmp"
	"context"

	"relance/data"
)

// RatesFrom builds the rates table from the store's rows and the
// half-year up to which the user confirmed the ECB rate.
func RatesFrom(ecb []data.ECBRate, legal []data.LegalRate, company data.Company) RateTable {
	t := RateTable{ECBConfirmed: HalfYear{Year: company.ECBConfirmedYear, Half: company.ECBConfirmedHalf}}
	for _, r := range ecb {
		t.ECB = append(t.ECB, ECBChange{From: r.EffectiveOn, RateBP: r.RateBP})
	}
	for _, r := range legal {
		t.Legal = append(t.Legal, LegalRate{Half: HalfYear{Year: r.Year, Half: r.Half}, ProfessionalBP: r.ProfessionalBP, ConsumerBP: r.ConsumerBP})
	}
	return t
}

// PolicyFor is the penalty policy that applies to a client: its own when
// set, else the company's.
func PolicyFor(c *data.Client, company data.Company) Policy {
	p := company.Penalty
	if c.Penalty.Kind != "" {
		p = c.Penalty
	}
	return Policy{Kind: PolicyKind(p.Kind), FixedBP: p.FixedBP}
}

// StatementReport is a statement with the invoice and client it is about.
type StatementReport struct {
	Invoice   data.Invoice
	Client    data.Client
	Statement Statement
}

// Statement computes an invoice's penalty statement as of a day.
func (s *Service) Statement(ctx context.Context, invoiceID int64, asOf data.Date) (StatementReport, error) {
	var r StatementReport
	var err error
	if r.Invoice, err = s.store.GetInvoice(ctx, invoiceID); err != nil {
		return r, err
	}
	if r.Client, err = s.store.GetClient(ctx, r.Invoice.ClientID); err != nil {
		return r, err
	}
	company, err := s.store.GetCompany(ctx)
	if err != nil {
		return r, err
	}
	payments, err := s.store.ListPaymentsByInvoice(ctx, invoiceID)
	if err != nil {
		return r, err
	}
	rates, err := s.rates(ctx, company)
	if err != nil {
		return r, err
	}
	notice, err := s.noticeReceived(ctx, invoiceID)
	if err != nil {
		return r, err
	}
	r.Statement = ComputeStatement(StatementInput{Amount: r.Invoice.Owed(), Due: r.Invoice.DueDate, Payments: payments,
		ClientKind: r.Client.Kind, Policy: PolicyFor(&r.Client, company), Imputation: company.Imputation,
		Waived: r.Invoice.PenaltiesWaived, NoticeReceived: notice, AsOf: asOf, Rates: rates})
	return r, nil
}

func (s *Service) rates(ctx context.Context, company data.Company) (RateTable, error) {
	ecb, err := s.store.ListECBRates(ctx)
	if err != nil {
		return RateTable{}, err
	}
	legal, err := s.store.ListLegalRates(ctx)
	if err != nil {
		return RateTable{}, err
	}
	return RatesFrom(ecb, legal, company), nil
}

// noticeReceived is the day the first formal notice on the invoice reached
// the client: signed for, or first presented when not collected (the
// client cannot gain from leaving it at the post office). Zero when none
// did, or neither date is entered yet.
func (s *Service) noticeReceived(ctx context.Context, invoiceID int64) (data.Date, error) {
	actions, err := s.store.ListActionsByInvoice(ctx, invoiceID)
	if err != nil {
		return data.Date{}, err
	}
	for _, a := range actions {
		reached := a.ReceivedOn
		if reached.IsZero() {
			reached = a.PresentedOn
		}
		if reached.IsZero() {
			continue
		}
		st, err := s.store.GetStep(ctx, a.StepID)
		if err != nil {
			return data.Date{}, err
		}
		if st.Channel == data.ChannelRegisteredLetter {
			return reached, nil
		}
	}
	return data.Date{}, nil
}

// PrescriptionOf computes an invoice's limitation period from what the
// book knows: delivery, partial payments, signed plans, acknowledgments.
func PrescriptionOf(inv *data.PlanInvoice, kind data.ClientKind, book *data.DunningBook) Prescription {
	in := PrescriptionInput{ClientKind: kind, Delivery: inv.DeliveryDate, Issue: inv.IssueDate}
	var paid data.Money
	for _, p := range book.Payments[inv.ID] {
		paid += p.Amount
		if paid < inv.Amount {
			in.Restarts = append(in.Restarts, Restart{Date: p.Date, Reason: RestartPartialPayment})
		}
	}
	for _, d := range book.PlanSigned[inv.ID] {
		in.Restarts = append(in.Restarts, Restart{Date: d, Reason: RestartPaymentPlan})
	}
	for _, d := range book.Acknowledge[inv.ID] {
		in.Restarts = append(in.Restarts, Restart{Date: d, Reason: RestartAcknowledgment})
	}
	if kind == data.PublicBuyer {
		in.Restarts = append(in.Restarts, writtenClaims(inv.ID, book)...)
	}
	return ComputePrescription(in)
}

// writtenClaims are the days reminders and notices went out on an invoice:
// each interrupts a public buyer's four-year period.
func writtenClaims(invoiceID int64, book *data.DunningBook) []Restart {
	var out []Restart
	for _, a := range book.Actions[invoiceID] {
		if a.Status != data.ActionDone {
			continue
		}
		if st := bookStep(book, a.StepID); st != nil && isReminder(*st) {
			out = append(out, Restart{Date: cmp.Or(a.SentOn, a.DoneOn), Reason: RestartWrittenClaim})
		}
	}
	return out
}

// bookStep finds a step of the book's scenarios by id.
func bookStep(book *data.DunningBook, id int64) *data.Step {
	for i := range book.Scenarios {
		for j := range book.Scenarios[i].Steps {
			if book.Scenarios[i].Steps[j].ID == id {
				return &book.Scenarios[i].Steps[j]
			}
		}
	}
	return nil
}
