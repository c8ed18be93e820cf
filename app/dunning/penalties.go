package dunning

import (
	"math"
	"math/bits"
	"slices"

	"relance/data"
)

// PolicyKind names how late-payment penalties are computed for professional
// debtors.
type PolicyKind string

// Penalty policies. The empty PolicyKind, and any unknown one, means
// PolicyECBPlus10: the legal default applies whatever the terms of sale say.
const (
	PolicyECBPlus10 PolicyKind = "ecb_plus_10" // ECB main refinancing rate + 10 points
	PolicyFixed     PolicyKind = "fixed"       // a contractual rate, Policy.FixedBP
)

// Policy is the company's penalty-rate setting.
type Policy struct {
	Kind    PolicyKind
	FixedBP int // the contractual rate when Kind is PolicyFixed; negative counts as 0
}

func (p Policy) isFixed() bool { return p.Kind == PolicyFixed }

// Statement bases: which rule the interest of a statement follows.
const (
	BasisECBPlus10 = "ecb_plus_10" // professional debtor, legal default rate
	BasisFixed     = "fixed"       // professional debtor, contractual rate
	BasisLegalRate = "legal_rate"  // consumer debtor, legal interest rate
	BasisNone      = "none"        // not late: nothing is owed beyond the balance
)

// RecoveryIndemnity is the fixed 40 € owed by a professional debtor per late
// invoice (Code de commerce D441-5), whatever the amount or the delay.
const RecoveryIndemnity data.Money = 4000

// ecbMargin is the 10 points added to the ECB rate by L441-10.
const ecbMargin = 1000

// StatementInput is everything a penalty statement depends on; the caller
// reads it from the store, so the computation stays pure.
type StatementInput struct {
	Amount     data.Money // including VAT: penalties run on the full amount
	Due        data.Date
	Payments   []data.Payment // any order; only Date and Amount are read
	ClientKind data.ClientKind
	Policy     Policy
	// NoticeReceived is the day a consumer received the formal notice:
	// interest runs only from the day after (Code civil 1344-1). Zero: none.
	NoticeReceived data.Date
	AsOf           data.Date
	Rates          RateTable
}

// Slice is a run of days with one base and one rate. From and To are inclusive.
type Slice struct {
	From, To data.Date
	Days     int
	Base     data.Money
	RateBP   int
	Amount   data.Money
}

// Statement is the penalty statement ("décompte") of one invoice as of a day.
type Statement struct {
	AsOf, Due data.Date
	DaysLate  int
	Slices    []Slice
	// Total is Outstanding + Penalties + Indemnity.
	Outstanding, Penalties, Indemnity, Total data.Money
	Basis                                    string // one of the Basis* constants
	Warnings                                 []Warning
}

// ComputeStatement computes the late-payment penalties of an invoice as of
// in.AsOf, following LEGAL_FR.md:
//
//   - the delay runs from the day after Due to the earlier of AsOf and the day
//     the invoice was fully paid, both included;
//   - a payment still counts in the base on its own day and reduces it from
//     the next (a payment on or before Due reduces it from the start);
//   - the delay is cut at every 1 January and 1 July and at every payment;
//     each slice earns simple interest base × rate × days / 365, rounded half
//     up to the cent, even in leap years;
//   - professional debtors: ECB rate + 10 points (or the fixed rate) and the
//     40 € indemnity; consumers: the legal rate, only from the day after the
//     formal notice was received, and no indemnity.
//
// Payments with a non-positive amount are ignored (the store refuses them).
// Amounts too large for int64 saturate rather than wrap.
func ComputeStatement(in StatementInput) Statement {
	payments := paymentsUpTo(in.Payments, in.AsOf)
	st := Statement{AsOf: in.AsOf, Due: in.Due, Basis: BasisNone}
	st.Outstanding = unpaidBalance(in.Amount, sumPayments(payments))
	lastLate, late := lastLateDay(in, payments)
	if late {
		st.DaysLate = lastLate.DaysSince(in.Due)
		st.Basis = basisOf(in)
		st.Slices, st.Warnings = lateSlices(in, payments, lastLate)
		st.Penalties = sumSlices(st.Slices)
		if in.ClientKind != data.Consumer {
			st.Indemnity = RecoveryIndemnity
		}
	}
	st.Total = addMoneySat(addMoneySat(st.Outstanding, st.Penalties), st.Indemnity)
	return st
}

// paymentsUpTo returns the positive payments dated on or before asOf, oldest
// first, in a new slice (the caller's is left alone).
func paymentsUpTo(all []data.Payment, asOf data.Date) []data.Payment {
	var out []data.Payment
	for _, p := range all {
		if p.Amount > 0 && !p.Date.After(asOf) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b data.Payment) int { return a.Date.Compare(b.Date) })
	return out
}

func sumPayments(payments []data.Payment) data.Money {
	var total data.Money
	for _, p := range payments {
		total = addMoneySat(total, p.Amount)
	}
	return total
}

func sumSlices(parts []Slice) data.Money {
	var total data.Money
	for _, s := range parts {
		total = addMoneySat(total, s.Amount)
	}
	return total
}

// lastLateDay returns the last day of the delay: AsOf, or the day the invoice
// was fully paid if earlier. late is false when that day is not after Due.
func lastLateDay(in StatementInput, payments []data.Payment) (last data.Date, late bool) {
	if in.Due.IsZero() { // no due date, no delay: never count from year 1
		return data.Date{}, false
	}
	last = in.AsOf
	if paid, ok := paidOffOn(in.Amount, payments); ok && paid.Before(last) {
		last = paid
	}
	return last, last.After(in.Due)
}

// paidOffOn returns the day the payments (oldest first) reach amount. An
// amount that is not positive was never owed: it counts as paid off at the
// zero Date, before any due date.
func paidOffOn(amount data.Money, payments []data.Payment) (data.Date, bool) {
	if amount <= 0 {
		return data.Date{}, true
	}
	var paid data.Money
	for _, p := range payments {
		if paid = addMoneySat(paid, p.Amount); paid >= amount {
			return p.Date, true
		}
	}
	return data.Date{}, false
}

func basisOf(in StatementInput) string {
	switch {
	case in.ClientKind == data.Consumer:
		return BasisLegalRate
	case in.Policy.isFixed():
		return BasisFixed
	default:
		return BasisECBPlus10
	}
}

// lateSlices cuts the interest-bearing days up to last into slices.
func lateSlices(in StatementInput, payments []data.Payment, last data.Date) ([]Slice, []Warning) {
	first := in.Due.AddDays(1)
	var warnings []Warning
	if in.ClientKind == data.Consumer {
		if in.NoticeReceived.IsZero() || in.NoticeReceived.After(in.AsOf) {
			return nil, addWarning(warnings, Warning{Key: WarnConsumerNoNotice})
		}
		first = data.LaterDate(first, in.NoticeReceived.AddDays(1))
	}
	rate := func(h HalfYear) (int, bool) {
		bp, ok, w := sliceRate(in, h)
		for _, x := range w {
			warnings = addWarning(warnings, x)
		}
		return bp, ok
	}
	return cutSlices(first, last, in.Amount, payments, rate), warnings
}

// cutSlices walks from first to last, starting a new slice at each half-year
// and after each payment day, and prices each slice with rate. Slices with
// no base, or whose half-year has no rate, are left out.
func cutSlices(first, last data.Date, amount data.Money, payments []data.Payment,
	rate func(HalfYear) (int, bool)) []Slice {
	var out []Slice
	var paid data.Money
	next := 0 // the first payment not yet deducted from the base
	for from := first; !from.After(last); {
		for next < len(payments) && payments[next].Date.Before(from) {
			paid = addMoneySat(paid, payments[next].Amount)
			next++
		}
		to := sliceEnd(from, last, payments[next:])
		if base := unpaidBalance(amount, paid); base > 0 {
			if bp, ok := rate(HalfYearOf(from)); ok {
				out = append(out, newSlice(from, to, base, bp))
			}
		}
		from = to.AddDays(1)
	}
	return out
}

// sliceEnd is the earliest of last, the end of from's half-year and the next
// payment day (pending payments are dated on or after from).
func sliceEnd(from, last data.Date, pending []data.Payment) data.Date {
	to := data.EarlierDate(last, HalfYearOf(from).End())
	if len(pending) > 0 {
		to = data.EarlierDate(to, pending[0].Date)
	}
	return to
}

func newSlice(from, to data.Date, base data.Money, bp int) Slice {
	days := to.DaysSince(from) + 1
	return Slice{From: from, To: to, Days: days, Base: base, RateBP: bp,
		Amount: simpleInterest(base, bp, days)}
}

// sliceRate returns the rate of half-year h for this debtor and policy, with
// the warnings the user must see; ok is false when no rate is known at all.
func sliceRate(in StatementInput, h HalfYear) (bp int, ok bool, warnings []Warning) {
	switch {
	case in.ClientKind == data.Consumer:
		return consumerRate(in.Rates, h)
	case in.Policy.isFixed():
		bp = max(0, in.Policy.FixedBP)
		return bp, true, floorWarnings(in.Rates, h, bp)
	default:
		return ecbPlus10Rate(in.Rates, h)
	}
}

func ecbPlus10Rate(t RateTable, h HalfYear) (int, bool, []Warning) {
	bp, known, ok := t.ECBRate(h)
	if !ok {
		return 0, false, []Warning{noRateWarning(h)}
	}
	var warnings []Warning
	if !known {
		warnings = append(warnings, Warning{Key: WarnECBRateAssumed, Args: map[string]string{
			"half": h.String(), "date": h.Start().String(), "rate": formatBP(bp)}})
	}
	return max(0, addRatesSat(bp, ecbMargin)), true, warnings
}

func consumerRate(t RateTable, h HalfYear) (int, bool, []Warning) {
	bp, from, known, ok := t.LegalRate(h)
	if !ok {
		return 0, false, []Warning{noRateWarning(h)}
	}
	var warnings []Warning
	if !known {
		warnings = append(warnings, legalRateAssumedWarning(h, from, bp))
	}
	return max(0, bp), true, warnings
}

// floorWarnings checks a contractual rate against the legal minimum of three
// times the legal rate (L441-10). The rate is still applied: whether a lower
// clause holds is for the user to settle, not for the arithmetic. A missing
// legal rate skips the check, as the computation does not depend on it.
func floorWarnings(t RateTable, h HalfYear, fixedBP int) []Warning {
	legal, from, known, ok := t.LegalRate(h)
	floor := addRatesSat(legal, addRatesSat(legal, legal))
	if !ok || fixedBP >= floor {
		return nil
	}
	var warnings []Warning
	if !known {
		warnings = append(warnings, legalRateAssumedWarning(h, from, legal))
	}
	return append(warnings, Warning{Key: WarnFixedRateBelowFloor, Args: map[string]string{
		"half": h.String(), "rate": formatBP(fixedBP), "floor": formatBP(floor)}})
}

func legalRateAssumedWarning(h, from HalfYear, bp int) Warning {
	return Warning{Key: WarnLegalRateAssumed, Args: map[string]string{
		"half": h.String(), "rate": formatBP(bp), "from": from.String()}}
}

func noRateWarning(h HalfYear) Warning {
	return Warning{Key: WarnNoRate, Args: map[string]string{"half": h.String()}}
}

// simpleInterest returns base × bp × days / (365 × 10 000), rounded half up
// to the cent. The product is taken on 128 bits because a large base times a
// large rate and delay overflows 64; a result beyond int64 saturates.
func simpleInterest(base data.Money, bp, days int) data.Money {
	if base <= 0 || bp <= 0 || days <= 0 {
		return 0
	}
	const divisor = 365 * 10_000
	hi, lo := bits.Mul64(uint64(base), uint64(bp))
	hi, lo, overflow := mul128(hi, lo, uint64(days))
	if overflow {
		return math.MaxInt64
	}
	var carry uint64
	lo, carry = bits.Add64(lo, divisor/2, 0) // half up
	hi += carry
	if hi >= divisor { // the quotient would not fit in 64 bits
		return math.MaxInt64
	}
	quotient, _ := bits.Div64(hi, lo, divisor)
	if quotient > math.MaxInt64 {
		return math.MaxInt64
	}
	return data.Money(quotient)
}

// mul128 multiplies the 128-bit number hi:lo by m, reporting overflow.
func mul128(hi, lo, m uint64) (uint64, uint64, bool) {
	carry, low := bits.Mul64(lo, m)
	over, high := bits.Mul64(hi, m)
	high, c := bits.Add64(high, carry, 0)
	return high, low, over != 0 || c != 0
}

// unpaidBalance returns what is left of amount once paid is deducted, never
// negative: an overpayment is a credit for the client, not negative interest.
func unpaidBalance(amount, paid data.Money) data.Money {
	if paid >= amount {
		return 0
	}
	return amount - paid // paid is never negative, so this cannot wrap
}

// addMoneySat adds non-negative amounts, saturating instead of wrapping.
func addMoneySat(a, b data.Money) data.Money {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// addRatesSat adds non-negative rates, saturating instead of wrapping.
func addRatesSat(a, b int) int {
	if b > 0 && a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}
