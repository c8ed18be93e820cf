package dunning

import (
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
	r.Statement = ComputeStatement(StatementInput{Amount: r.Invoice.Amount, Due: r.Invoice.DueDate, Payments: payments,
		ClientKind: r.Client.Kind, Policy: PolicyFor(&r.Client, company), NoticeReceived: notice, AsOf: asOf, Rates: rates})
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

// noticeReceived is the day the first formal notice on the invoice was
// received (zero when none was, or its receipt is not entered yet).
func (s *Service) noticeReceived(ctx context.Context, invoiceID int64) (data.Date, error) {
	actions, err := s.store.ListActionsByInvoice(ctx, invoiceID)
	if err != nil {
		return data.Date{}, err
	}
	for _, a := range actions {
		if a.ReceivedOn.IsZero() {
			continue
		}
		st, err := s.store.GetStep(ctx, a.StepID)
		if err != nil {
			return data.Date{}, err
		}
		if st.Channel == data.ChannelRegisteredLetter {
			return a.ReceivedOn, nil
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
	return ComputePrescription(in)
}
