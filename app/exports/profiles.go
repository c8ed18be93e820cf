package exports

import (
	"context"
	"fmt"
	"io"

	"relance/app/payers"
	"relance/app/words"
	"relance/data"
)

// Profiles writes every client's payment habits as of day today, the
// riskiest first: grade, reasons in words, and the figures behind them.
func Profiles(ctx context.Context, store *data.Store, out io.Writer, format Format, w words.Words, today data.Date) error {
	list, names, err := profileRows(ctx, store, today)
	if err == nil {
		err = WriteProfiles(out, format, w, list, names)
	}
	if err != nil {
		return fmt.Errorf("export payer profiles: %w", err)
	}
	return nil
}

// profileRows works out the profiles of every client (a client with no
// invoice yet too, as too early to say) and the clients' names by id.
func profileRows(ctx context.Context, store *data.Store, today data.Date) ([]*payers.Profile, map[int64]string, error) {
	book, err := store.LoadPayerBook(ctx, 0)
	if err != nil {
		return nil, nil, err
	}
	clients, err := store.ListClients(ctx)
	if err != nil {
		return nil, nil, err
	}
	profiles := payers.Make(book, today)
	names := make(map[int64]string, len(clients))
	for _, c := range clients {
		names[c.ID] = c.Name
		profiles[c.ID] = payers.Of(profiles, c.ID)
	}
	return payers.Sorted(profiles), names, nil
}

// WriteProfiles writes payer profiles in their order as one table; names
// gives each client's name by id.
func WriteProfiles(out io.Writer, format Format, w words.Words, list []*payers.Profile, names map[int64]string) error {
	t := table{name: w.T.L("export.sheet.profiles"), columns: []column{
		col(w, "client", textCol, 32), col(w, "grade", textCol, 8), col(w, "reasons", textCol, 60),
		col(w, "counted", countCol, 10), col(w, "on_time", countCol, 10), col(w, "late", countCol, 10),
		col(w, "avg_days_late", countCol, 12), col(w, "longest_delay", countCol, 12), col(w, "broken", countCol, 12),
		col(w, "disputes", countCol, 10), col(w, "written_off", countCol, 10), col(w, "trend", textCol, 14),
		col(w, "past_due", moneyCol, 14), col(w, "outstanding", moneyCol, 14),
	}}
	for _, p := range list {
		t.rows = append(t.rows, []any{names[p.ClientID], w.PayerGrade(p.Grade), w.PayerReasons(p), p.Counted,
			p.OnTime, p.Late, int(p.AvgDaysLate + 0.5), p.LongestDelay, p.Broken, p.Disputes, p.WrittenOff,
			trendName(w, p.Trend), p.AtRisk, p.Outstanding})
	}
	return writeTables(out, format, w, t)
}

// trendName says a trend in a cell ("" when there is none).
func trendName(w words.Words, tr payers.Trend) string {
	if tr == payers.TrendNone {
		return ""
	}
	return w.T.L("export.trend." + string(tr))
}
