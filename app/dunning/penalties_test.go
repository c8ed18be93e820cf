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
	// These cases impute payments on the principal; the 1343-1 default is
	// tested in TestImputationInterestFirst.
	pro := func(amount data.Money, due, asOf string, payments ...data.Payment) StatementInput {
		return StatementInput{Amount: amount, Due: d(due), AsOf: d(asOf), Payments: payments,
			ClientKind: data.Commercial, Rates: DefaultRates(), Imputation: data.ImputePrincipal}
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
			name: "due in 2022: the ECB rate of 1 July 2022 was still 0.00 %, so 10 %",
			in:   pro(100000, "2022-06-30", "2023-01-31"),
			want: Statement{DaysLate: 215, Basis: BasisECBPlus10,
				Slices: []Slice{
					wantSlice("2022-07-01", "2022-12-31", 100000, 1000, 5041),
					wantSlice("2023-01-01", "2023-01-31", 100000, 1250, 1062),
				},
				Outstanding: 100000, Penalties: 6103, Indemnity: 4000, Total: 110103},
		},
		{
			name: "half-year before the table (H1 2016 starts before 2016-03-16): left out with a warning",
			in:   pro(100000, "2015-12-31", "2016-07-31"),
			want: Statement{DaysLate: 213, Basis: BasisECBPlus10,
				Slices:      []Slice{wantSlice("2016-07-01", "2016-07-31", 100000, 1000, 849)},
				Outstanding: 100000, Penalties: 849, Indemnity: 4000, Total: 104849,
				Warnings: []Warning{{Key: WarnNoRate, Args: map[string]string{"half": "H1 2016"}}}},
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
			if tt.want.Basis != BasisNone {
				tt.want.Imputation = data.ImputePrincipal
			}
			got := ComputeStatement(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ComputeStatement:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// Code civil 1343-1: a partial payment pays the interest accrued to its day
// first. 6 000 € due 2024-01-31 (H1 2024: ECB 4.50 % + 10 = 14.50 %), paid
// 2 000 € on 2024-03-27 and 1 500 € on 2024-04-25:
//
//	56 days on 6 000,00 € = 133,48 €; the 2 000 € pay 133,48 € of interest
//	and 1 866,52 € of principal, leaving 4 133,48 €;
//	29 days on 4 133,48 € = 47,62 €; the 1 500 € pay 47,62 € and 1 452,38 €,
//	leaving 2 681,10 € of principal (2 500,00 € imputed on the principal).
func TestImputationInterestFirst(t *testing.T) {
	d := data.MustDate
	in := StatementInput{Amount: 600000, Due: d("2024-01-31"), AsOf: d("2024-04-25"), ClientKind: data.Commercial,
		Rates: DefaultRates(), Payments: []data.Payment{paymentOn("2024-03-27", 200000), paymentOn("2024-04-25", 150000)}}
	st := ComputeStatement(in)
	want := Statement{AsOf: in.AsOf, Due: in.Due, DaysLate: 85, Basis: BasisECBPlus10, Imputation: data.ImputeInterestFirst,
		Slices: []Slice{
			wantSlice("2024-02-01", "2024-03-27", 600000, 1450, 13348),
			wantSlice("2024-03-28", "2024-04-25", 413348, 1450, 4762),
		},
		Outstanding: 268110, Penalties: 18110, InterestPaid: 18110, Indemnity: 4000, Total: 272110}
	if !reflect.DeepEqual(st, want) {
		t.Fatalf("1343-1:\n got %+v\nwant %+v", st, want)
	}
	in.Imputation = data.ImputePrincipal
	if st := ComputeStatement(in); st.Outstanding != 250000 || st.InterestPaid != 0 || st.Imputation != data.ImputePrincipal {
		t.Fatalf("on the principal: outstanding %s, interest paid %s, %q", st.Outstanding, st.InterestPaid, st.Imputation)
	}
	// Paid in full late: the payment covered the interest first, so a
	// principal remains and keeps earning interest (no interest on interest).
	full := StatementInput{Amount: 100000, Due: d("2025-03-15"), AsOf: d("2025-09-30"), ClientKind: data.Commercial,
		Rates: DefaultRates(), Payments: []data.Payment{paymentOn("2025-08-15", 100000)}}
	st = ComputeStatement(full)
	if st.InterestPaid != 5386 || st.Outstanding != 5386 || len(st.Slices) != 3 || st.Slices[2].Base != 5386 ||
		st.Total != 5386+st.Slices[2].Amount+4000 {
		t.Fatalf("worked example paid in full, 1343-1: %+v", st)
	}
}

// A public buyer owes intérêts moratoires at the ECB rate in force on the
// first day of the half-year in which they start + 8 points, for the whole
// delay (R2192-31), and the 40 € (D2192-35); a commune is not charged ECB +
// 10 per half-year.
func TestPublicBuyerMoratoryInterest(t *testing.T) {
	d := data.MustDate
	in := StatementInput{Amount: 100000, Due: d("2025-03-15"), AsOf: d("2025-08-15"), ClientKind: data.PublicBuyer,
		Rates: DefaultRates()}
	st := ComputeStatement(in)
	// ECB on 2025-01-01: 3.15 %, + 8 = 11.15 % for all 153 days.
	want := Statement{AsOf: in.AsOf, Due: in.Due, DaysLate: 153, Basis: BasisPublic, Imputation: data.ImputeInterestFirst,
		Slices:      []Slice{wantSlice("2025-03-16", "2025-08-15", 100000, 1115, 4674)},
		Outstanding: 100000, Penalties: 4674, Indemnity: 4000, Total: 108674}
	if !reflect.DeepEqual(st, want) {
		t.Fatalf("public buyer:\n got %+v\nwant %+v", st, want)
	}
	// A contractual rate does not apply to a public buyer.
	in.Policy = Policy{Kind: PolicyFixed, FixedBP: 2000}
	if again := ComputeStatement(in); again.Penalties != 4674 {
		t.Fatalf("fixed policy changed a public buyer's interest: %s", again.Penalties)
	}
}

// A civil debtor pays like a commercial one; a waived invoice owes its
// principal alone.
func TestCivilAndWaived(t *testing.T) {
	d := data.MustDate
	in := StatementInput{Amount: 100000, Due: d("2025-03-15"), AsOf: d("2025-08-15"), ClientKind: data.Civil,
		Rates: DefaultRates()}
	if st := ComputeStatement(in); st.Penalties != 5386 || st.Indemnity != 4000 || st.Basis != BasisECBPlus10 {
		t.Fatalf("civil: %+v", st)
	}
	in.Waived = true
	st := ComputeStatement(in)
	if st.Penalties != 0 || st.Indemnity != 0 || st.Total != 100000 || st.Basis != BasisWaived || st.DaysLate != 153 {
		t.Fatalf("waived: %+v", st)
	}
}

// A statement whose delay has a half-year without a rate says which one,
// so that a letter can refuse to print it.
func TestStatementNoRate(t *testing.T) {
	d := data.MustDate
	st := ComputeStatement(StatementInput{Amount: 100000, Due: d("2015-12-31"), AsOf: d("2016-07-31"),
		ClientKind: data.Commercial, Rates: DefaultRates()})
	if h, ok := st.NoRate(); !ok || h != (HalfYear{2016, 1}) {
		t.Fatalf("NoRate = %v, %v", h, ok)
	}
	st = ComputeStatement(StatementInput{Amount: 100000, Due: d("2022-03-31"), AsOf: d("2022-09-30"),
		ClientKind: data.Commercial, Rates: DefaultRates()})
	if h, ok := st.NoRate(); ok {
		t.Fatalf("2022 has rates since the history goes back to 2016, NoRate = %v", h)
	}
	if st.Penalties != simpleInterest(100000, 1000, 183) {
		t.Fatalf("2022-04-01..2022-09-30 at 10 %%: %s", st.Penalties)
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
