package cli

import (
	"context"
	"fmt"

	"relance/app/payers"
)

// profileJSON is one client's payment habits in `relance profiles --json`.
type profileJSON struct {
	ClientID         int64   `json:"client_id"`
	Client           string  `json:"client"`
	Grade            string  `json:"grade"`
	Counted          int     `json:"invoices_counted"`
	OnTime           int     `json:"on_time"`
	Late             int     `json:"late"`
	AvgDaysLate      float64 `json:"avg_days_late"`
	LongestDelay     int     `json:"longest_delay_days"`
	BrokenPromises   int     `json:"broken_promises"`
	Disputes         int     `json:"disputes"`
	WrittenOff       int     `json:"written_off"`
	Trend            string  `json:"trend"`
	AtRiskCents      int64   `json:"past_due_cents"`
	OutstandingCents int64   `json:"outstanding_cents"`
	Reasons          string  `json:"reasons"`
}

// runProfiles prints each client's payment habits as of a day (--as-of),
// riskiest first: its grade, what it owes past due, and why the grade.
func runProfiles(env *cliEnv, args []string) int {
	var opts asOfFlags
	store, day, code := openReport(env, args, &opts)
	if code >= 0 {
		return code
	}
	defer store.Close()
	ctx := context.Background()
	book, err := store.LoadPayerBook(ctx, 0)
	if err != nil {
		return failed(env, err)
	}
	clients, err := store.ListClients(ctx)
	if err != nil {
		return failed(env, err)
	}
	names := make(map[int64]string, len(clients))
	profiles := payers.Make(book, day)
	for _, c := range clients {
		names[c.ID] = c.Name
		profiles[c.ID] = payers.Of(profiles, c.ID) // a client with no invoice yet too
	}
	list := payers.Sorted(profiles)
	if opts.asJSON {
		out := make([]profileJSON, 0, len(list))
		for _, p := range list {
			out = append(out, profileJSON{ClientID: p.ClientID, Client: names[p.ClientID], Grade: string(p.Grade),
				Counted: p.Counted, OnTime: p.OnTime, Late: p.Late, AvgDaysLate: float64(int(p.AvgDaysLate*10+0.5)) / 10,
				LongestDelay: p.LongestDelay, BrokenPromises: p.Broken, Disputes: p.Disputes, WrittenOff: p.WrittenOff,
				Trend: string(p.Trend), AtRiskCents: int64(p.AtRisk), OutstandingCents: int64(p.Outstanding),
				Reasons: say.PayerReasons(p)})
		}
		return writeJSON(env, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.stdout, say.T.L("cli.profiles.none"))
	}
	for _, p := range list {
		key := "cli.profiles.line"
		if p.AtRisk == 0 {
			key = "cli.profiles.line_clear"
		}
		fmt.Fprintln(env.stdout, say.T.L(key, map[string]any{"Grade": say.PayerGrade(p.Grade),
			"Client": names[p.ClientID], "AtRisk": say.Money(p.AtRisk), "Reasons": say.PayerReasons(p)}))
	}
	return 0
}
