package banking

import (
	"context"

	"relance/data"
)

// ToDecide returns the lines waiting for the owner — credits not yet
// matched nor set aside, returns whose payment was not found — each with
// what the matcher proposes against the book as it stands now.
func (s *Service) ToDecide(ctx context.Context) ([]Item, error) {
	lines, err := s.store.ListBankLinesToDecide(ctx)
	if err != nil || len(lines) == 0 {
		return nil, err
	}
	ix, opts, err := s.index(ctx, s.store)
	if err != nil {
		return nil, err
	}
	items := make([]Item, 0, len(lines))
	for _, l := range lines {
		it := Item{Line: l}
		if l.Credit() && !l.Return {
			it.Proposal = propose(ix, l, opts)
		}
		items = append(items, it)
	}
	return items, nil
}

// Confirm records a credit as the payments parts make (the owner's choice,
// the proposal as it was, or a split).
func (s *Service) Confirm(ctx context.Context, lineID int64, parts []data.BankPayment) error {
	return s.store.PayFromBankLine(data.WithActor(ctx, "user"), lineID, parts)
}

// ConfirmAbove records the best proposal of each item scoring at least
// threshold and not ambiguous, all in one transaction, and says how many.
func (s *Service) ConfirmAbove(ctx context.Context, items []Item, threshold int) (int, error) {
	n := 0
	ctx = data.WithActor(ctx, "user")
	err := s.store.InTx(ctx, func(tx *data.Store) error {
		var err error
		n, err = confirmAbove(ctx, tx, items, threshold)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// Ignore sets a line aside as not a customer payment.
func (s *Service) Ignore(ctx context.Context, lineID int64) error {
	return s.store.IgnoreBankLine(data.WithActor(ctx, "user"), lineID)
}

// Reopen takes back the decision on a line: its payments are deleted and
// it waits for the owner again.
func (s *Service) Reopen(ctx context.Context, lineID int64) error {
	return s.store.ReopenBankLine(data.WithActor(ctx, "user"), lineID)
}

// Reverse re-opens, with a return the app could not place by itself, the
// payment the owner says it gives back.
func (s *Service) Reverse(ctx context.Context, lineID, paymentID int64) error {
	return s.store.ReverseWithBankLine(data.WithActor(ctx, "user"), lineID, paymentID)
}

// Undo takes a statement import back as a whole: see data.Store.UndoImport.
func (s *Service) Undo(ctx context.Context, importID int64) error {
	_, err := s.store.UndoImport(data.WithActor(ctx, "user"), importID)
	return err
}
