package dunning

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"relance/data"
)

// wantSlice builds an expected Slice; amounts were worked out by hand as
// round-half-up(base × bp × days / 3 650 000).
func wantSlice(from, to string, base data.Money, bp int, amount data.Money) Slice {
	f, l := data.MustDate(from), data.MustDate(to)
	return Slice{From: f, To: l, Days: l.DaysSince(f) + 1, Base: base, RateBP: bp, Amount: amount}
}

func paymentOn(date string, amount data.Money) data.Payment {
	return data.Payment{Date: data.MustDate(date), Amount: amount}
}

func ecbAssumed(half, date, rate string) Warning {
	return Warning{Key: WarnECBRateAssumed, Args: map[string]string{"half": half, "date": date, "rate": rate}}
}

func TestComputeStatement(t *testing.T) {
	d := data.MustDate
	pro := func(amount data.Money, due, asOf string, payments ...data.Payment) StatementInput {
		return StatementInput{Amount: amount, Due: d(due), AsOf: d(asOf), Payments: payments,
			ClientKind: data.Professional, Rates: DefaultRates()}
	}
	consumer := func(notice string, in StatementInput) StatementInput {
		in.ClientKind = data.Consumer
		if notice != "" {
			in.NoticeReceived = d(notice)
		}
		return in
	}
	fixed := func(bp int, in StatementInput) StatementInput {
		in.Policy = Policy{Kind: PolicyFixed, FixedBP: bp}
		return in
	}
	tests := []struct {
		name string
		in   StatementInput
		want Statement
	}{
		{
			name: "LEGAL_FR worked example, paid in full",
			in:   pro(100000, "2025-03-15", "2025-09-30", paymentOn("2025-08-15", 100000)),
			want: Statement{DaysLate: 153, Basis: BasisECBPlus10,
				Slices: []Slice{
					wantSlice("2025-03-16", "2025-06-30", 100000, 1315, 3855),
					wantSlice("2025-07-01", "2025-08-15", 100000, 1215, 1531),
				},
				Outstanding: 0, Penalties: 5386, Indemnity: 4000, Total: 9386},
		},
		{
			name: "worked example unpaid, as of the same day",
			in:   pro(100000, "2025-03-15", "2025-08-15"),
			want: Statement{DaysLate: 153, Basis: BasisECBPlus10,
				Slices: []Slice{
					wantSlice("2025-03-16", "2025-06-30", 100000, 1315, 3855),
					wantSlice("2025-07-01", "2025-08-15", 100000, 1215, 1531),
				},
				Outstanding: 100000, Penalties: 5386, Indemnity: 4000, Total: 109386},
		},
		{
			name: "late across three half-years",
			in:   pro(500000, "2024-05-31", "2025-02-10"),
			want: Statement{DaysLate: 255, Basis: BasisECBPlus10,
				Slices: []Slice{
					wantSlice("2024-06-01", "2024-06-30", 500000, 1450, 5959),
					wantSlice("2024-07-01", "2024-12-31", 500000, 1425, 35918),
					wantSlice("2025-01-01", "2025-02-10", 500000, 1315, 7386),
				},
				Outstanding: 500000, Penalties: 49263, Indemnity: 4000, Total: 553263},
		},
		{
			name: "partial payment in the middle of a half-year",
			in:   pro(200000, "2025-07-31", "2025-10-31", paymentOn("2025-09-10", 80000)),
			want: Statement{DaysLate: 92, Basis: BasisECBPlus10,
				Slices: []Slice{
					wantSlice("2025-08-01", "2025-09-10", 200000, 1215, 2730),
					wantSlice("2025-09-11", "2025-10-31", 120000, 1215, 2037),
				},
				Outstanding: 120000, Penalties: 4767, Indemnity: 4000, Total: 128767},
		},
		{
			name: "payments on or before due reduce the base from the start, in any order",
			in: pro(200000, "2025-07-31", "2025-08-31",
				paymentOn("2025-08-10", 20000), paymentOn("2025-07-31", 50000), paymentOn("2025-07-01", 30000), paymentOn("2025-08-10", 0)),
			want: Statement{DaysLate: 31, Basis: BasisECBPlus10,
				Slices: []Slice{
					wantSlice("2025-08-01", "2025-08-10", 120000, 1215, 399),
					wantSlice("2025-08-11", "2025-08-31", 100000, 1215, 699),
				},
				Outstanding: 100000, Penalties: 1098, Indemnity: 4000, Total: 105098},
		},
		{
			name: "payment after as-of is ignored",
			in:   pro(100000, "2025-07-31", "2025-08-10", paymentOn("2025-08-20", 100000)),
			want: Statement{DaysLate: 10, Basis: BasisECBPlus10,
				Slices:      []Slice{wantSlice("2025-08-01", "2025-08-10", 100000, 1215, 333)},
				Outstanding: 100000, Penalties: 333, Indemnity: 4000, Total: 104333},
		},
		{
			name: "paid before due",
			in:   pro(100000, "2025-03-15", "2025-09-30", paymentOn("2025-03-10", 100000)),
			want: Statement{Basis: BasisNone},
		},
		{
			name: "paid on the due date",
			in:   pro(100000, "2025-03-15", "2025-09-30", paymentOn("2025-03-01", 40000), paymentOn("2025-03-15", 60000)),
			want: Statement{Basis: BasisNone},
		},
		{
			name: "not yet due",
			in:   pro(100000, "2025-03-15", "2025-03-15"),
			want: Statement{Basis: BasisNone, Outstanding: 100000, Total: 100000},
		},
		{
			name: "overpaid late: outstanding stays zero",
			in:   pro(100000, "2025-07-31", "2025-09-30", paymentOn("2025-08-01", 150000)),
			want: Statement{DaysLate: 1, Basis: BasisECBPlus10,
				Slices:    []Slice{wantSlice("2025-08-01", "2025-08-01", 100000, 1215, 33)},
				Penalties: 33, Indemnity: 4000, Total: 4033},
		},
		{
			name: "no due date: never late",
			in:   StatementInput{Amount: 100000, AsOf: d("2025-09-30"), Rates: DefaultRates()},
			want: Statement{Basis: BasisNone, Outstanding: 100000, Total: 100000},
		},
		{
			name: "consumer with formal notice: legal rate from the day after receipt, no indemnity",
			in:   consumer("2025-05-20", pro(100000, "2025-03-15", "2025-08-15")),
			want: Statement{DaysLate: 153, Basis: BasisLegalRate,
				Slices: []Slice{
					wantSlice("2025-05-21", "2025-06-30", 100000, 371, 417),
					wantSlice("2025-07-01", "2025-08-15", 100000, 276, 348),
				},
				Outstanding: 100000, Penalties: 765, Total: 100765},
		},
		{
			name: "consumer without formal notice: no interest yet",
			in:   consumer("", pro(100000, "2025-03-15", "2025-08-15")),
			want: Statement{DaysLate: 153, Basis: BasisLegalRate,
				Outstanding: 100000, Total: 100000,
				Warnings: []Warning{{Key: WarnConsumerNoNotice}}},
		},
		{
			name: "consumer notice received after as-of does not count yet",
			in:   consumer("2025-09-01", pro(100000, "2025-03-15", "2025-08-15")),
			want: Statement{DaysLate: 153, Basis: BasisLegalRate,
				Outstanding: 100000, Total: 100000,
				Warnings: []Warning{{Key: WarnConsumerNoNotice}}},
		},
		{
			name: "consumer past the legal rate table",
			in:   consumer("2026-05-31", pro(100000, "2026-05-15", "2026-09-30")),
			want: Statement{DaysLate: 138, Basis: BasisLegalRate,
				Slices: []Slice{
					wantSlice("2026-06-01", "2026-06-30", 100000, 262, 215),
					wantSlice("2026-07-01", "2026-09-30", 100000, 262, 660),
				},
				Outstanding: 100000, Penalties: 875, Total: 100875,
				Warnings: []Warning{{Key: WarnLegalRateAssumed,
					Args: map[string]string{"half": "H2 2026", "rate": "2.62", "from": "H1 2026"}}}},
		},
		{
			name: "fixed rate below the floor in H1 2025 only",
			in:   fixed(900, pro(100000, "2025-03-15", "2025-08-15")),
			want: Statement{DaysLate: 153, Basis: BasisFixed,
				Slices: []Slice{
					wantSlice("2025-03-16", "2025-06-30", 100000, 900, 2638),
					wantSlice("2025-07-01", "2025-08-15", 100000, 900, 1134),
				},
				Outstanding: 100000, Penalties: 3772, Indemnity: 4000, Total: 107772,
				Warnings: []Warning{{Key: WarnFixedRateBelowFloor,
					Args: map[string]string{"half": "H1 2025", "rate": "9.00", "floor": "11.13"}}}},
		},
		{
			name: "fixed rate above the floor",
			in:   fixed(1200, pro(100000, "2025-03-15", "2025-08-15")),
			want: Statement{DaysLate: 153, Basis: BasisFixed,
				Slices: []Slice{
					wantSlice("2025-03-16", "2025-06-30", 100000, 1200, 3518),
					wantSlice("2025-07-01", "2025-08-15", 100000, 1200, 1512),
				},
				Outstanding: 100000, Penalties: 5030, Indemnity: 4000, Total: 109030},
		},
		{
			name: "half-year past the table: last known ECB rate, with a warning",
			in:   pro(100000, "2026-05-31", "2026-09-30"),
			want: Statement{DaysLate: 122, Basis: BasisECBPlus10,
				Slices: []Slice{
					wantSlice("2026-06-01", "2026-06-30", 100000, 1215, 999),
					wantSlice("2026-07-01", "2026-09-30", 100000, 1215, 3062),
				},
				Outstanding: 100000, Penalties: 4061, Indemnity: 4000, Total: 108061,
				Warnings: []Warning{ecbAssumed("H2 2026", "2026-07-01", "2.15")}},
		},
		{
			name: "one warning per assumed half-year, however many slices",
			in:   pro(100000, "2026-06-30", "2027-01-31", paymentOn("2026-08-01", 10000), paymentOn("2026-09-01", 10000)),
			want: Statement{DaysLate: 215, Basis: BasisECBPlus10,
				Slices: []Slice{
					wantSlice("2026-07-01", "2026-08-01", 100000, 1215, 1065),
					wantSlice("2026-08-02", "2026-09-01", 90000, 1215, 929),
					wantSlice("2026-09-02", "2026-12-31", 80000, 1215, 3222),
					wantSlice("2027-01-01", "2027-01-31", 80000, 1215, 826),
				},
				Outstanding: 80000, Penalties: 6042, Indemnity: 4000, Total: 90042,
				Warnings: []Warning{
					ecbAssumed("H2 2026", "2026-07-01", "2.15"),
					ecbAssumed("H1 2027", "2027-01-01", "2.15"),
				}},
		},
		{
			name: "half-year before the table: left out with a warning",
			in:   pro(100000, "2022-06-30", "2023-01-31"),
			want: Statement{DaysLate: 215, Basis: BasisECBPlus10,
				Slices:      []Slice{wantSlice("2023-01-01", "2023-01-31", 100000, 1250, 1062)},
				Outstanding: 100000, Penalties: 1062, Indemnity: 4000, Total: 105062,
				Warnings: []Warning{{Key: WarnNoRate, Args: map[string]string{"half": "H2 2022"}}}},
		},
		{
			name: "leap year still divides by 365",
			in:   pro(100000, "2024-01-31", "2024-12-31", paymentOn("2024-03-31", 100000)),
			want: Statement{DaysLate: 60, Basis: BasisECBPlus10,
				Slices:    []Slice{wantSlice("2024-02-01", "2024-03-31", 100000, 1450, 2384)},
				Penalties: 2384, Indemnity: 4000, Total: 6384},
		},
		{
			name: "unknown policy kind falls back to ECB + 10",
			in: func() StatementInput {
				in := pro(100000, "2025-07-31", "2025-08-10")
				in.Policy = Policy{Kind: "typo", FixedBP: 5000}
				return in
			}(),
			want: Statement{DaysLate: 10, Basis: BasisECBPlus10,
				Slices:      []Slice{wantSlice("2025-08-01", "2025-08-10", 100000, 1215, 333)},
				Outstanding: 100000, Penalties: 333, Indemnity: 4000, Total: 104333},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.AsOf, tt.want.Due = tt.in.AsOf, tt.in.Due
			got := ComputeStatement(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ComputeStatement:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestComputeStatementLeavesPaymentsAlone(t *testing.T) {
	payments := []data.Payment{paymentOn("2025-09-10", 1), paymentOn("2025-08-10", 1)}
	ComputeStatement(StatementInput{Amount: 100, Due: data.MustDate("2025-07-31"),
		AsOf: data.MustDate("2025-10-01"), Payments: payments, Rates: DefaultRates()})
	if payments[0].Date != data.MustDate("2025-09-10") {
		t.Error("ComputeStatement reordered the caller's payments")
	}
}

func TestAssumedECBWarningText(t *testing.T) {
	in := StatementInput{Amount: 100000, Due: data.MustDate("2026-05-31"), AsOf: data.MustDate("2026-09-30"),
		Rates: DefaultRates()}
	st := ComputeStatement(in)
	if len(st.Warnings) != 1 {
		t.Fatalf("warnings = %v, want one", st.Warnings)
	}
	text := st.Warnings[0].Text()
	for _, want := range []string{"1 July 2026", "2.15 %"} {
		if !strings.Contains(text, want) {
			t.Errorf("warning %q does not mention %q", text, want)
		}
	}
}

func TestSimpleInterest(t *testing.T) {
	tests := []struct {
		name string
		base data.Money
		bp   int
		days int
		want data.Money
	}{
		{"half a cent rounds up", 1825, 1000, 1, 1},
		{"just under half a cent rounds down", 1824, 1000, 1, 0},
		{"one year at 10 %", 100000, 1000, 365, 10000},
		{"zero rate", 100000, 0, 365, 0},
		{"negative rate counts as zero", 100000, -500, 365, 0},
		{"no days", 100000, 1000, 0, 0},
		{"beyond 64 bits in the product", 1_000_000_000_000_000, 1500, 366, 150_410_958_904_110},
		{"saturates instead of wrapping", math.MaxInt64, math.MaxInt64, 1000, math.MaxInt64},
		{"quotient above int64 saturates", math.MaxInt64, 10000, 3650, math.MaxInt64},
	}
	for _, tt := range tests {
		if got := simpleInterest(tt.base, tt.bp, tt.days); got != tt.want {
			t.Errorf("%s: simpleInterest(%d, %d, %d) = %d, want %d", tt.name, tt.base, tt.bp, tt.days, got, tt.want)
		}
	}
}
