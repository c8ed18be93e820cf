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
	BasisECBPlus10 = "ecb_plus_10" // commercial or civil debtor, legal default rate
	BasisFixed     = "fixed"       // commercial or civil debtor, contractual rate
	BasisPublic    = "public"      // public buyer: intérêts moratoires, ECB + 8 for the whole delay
	BasisLegalRate = "legal_rate"  // consumer debtor, legal interest rate
	BasisWaived    = "waived"      // late, but the owner gave up penalties and indemnity
	BasisNone      = "none"        // not late: nothing is owed beyond the balance
)

// Bases lists every basis, for the catalogue tests of the callers.
var Bases = []string{BasisECBPlus10, BasisFixed, BasisPublic, BasisLegalRate, BasisWaived, BasisNone}

// RecoveryIndemnity is the fixed 40 € owed by a business debtor per late
// invoice (Code de commerce D441-5; for a public buyer, Code de la commande
// publique D2192-35), whatever the amount or the delay.
const RecoveryIndemnity data.Money = 4000

// ecbMargin is the 10 points added to the ECB rate by L441-10.
const ecbMargin = 1000

// publicMargin is the 8 points added to the ECB rate for a public buyer
// (Code de la commande publique R2192-31).
const publicMargin = 800

// StatementInput is everything a penalty statement depends on; the caller
// reads it from the store, so the computation stays pure.
type StatementInput struct {
	Amount     data.Money // including VAT: penalties run on the full amount
	Due        data.Date
	Payments   []data.Payment // any order; only Date and Amount are read
	ClientKind data.ClientKind
	Policy     Policy
	// Imputation is what a partial payment pays first: data.ImputeInterestFirst
	// (Code civil 1343-1; also the meaning of "") or data.ImputePrincipal.
	Imputation string
	// Waived: the owner gave up the penalties and the indemnity of this
	// invoice; the statement counts the principal alone.
	Waived bool
	// NoticeReceived is the day a consumer received the formal notice:
	// interest runs only from the day after (Code civil 1344-1). Zero: none.
	NoticeReceived data.Date
	AsOf           data.Date
	Rates          RateTable
}

func (in StatementInput) interestFirst() bool { return in.Imputation != data.ImputePrincipal }

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
	// Outstanding is the principal still owed once the payments are imputed;
	// Penalties the interest accrued over the whole delay, InterestPaid the
	// part of it the payments settled (Code civil 1343-1). Total is
	// Outstanding + Penalties - InterestPaid + Indemnity.
	Outstanding, Penalties, InterestPaid, Indemnity, Total data.Money
	Basis                                                  string // one of the Basis* constants
	// Imputation is the rule partial payments follow (data.Impute*), set on
	// every late statement: each one states it.
	Imputation string
	Warnings   []Warning
}

// PenaltiesDue is what is still owed of the interest.
func (st Statement) PenaltiesDue() data.Money { return st.Penalties - st.InterestPaid }

// NoRate reports whether a half-year of the delay has no known rate: its
// interest is missing from the statement, which must not be printed as a
// claim (the warning names the half-year).
func (st Statement) NoRate() (HalfYear, bool) {
	for _, w := range st.Warnings {
		if w.Key == WarnNoRate {
			return parseHalfYear(w.Args["half"]), true
		}
	}
	return HalfYear{}, false
}

// ComputeStatement computes the late-payment penalties of an invoice as of
// in.AsOf, following LEGAL_FR.md:
//
//   - interest runs from the day after Due (for a consumer, from the day
//     after the formal notice was received) to AsOf, or to the day the
//     principal is paid off if earlier;
//   - a payment still counts in the base on its own day and reduces it from
//     the next (a payment on or before Due reduces it from the start);
//   - a payment pays the interest accrued up to its day first, then the
//     principal (Code civil 1343-1), unless in.Imputation says principal;
//   - the delay is cut at every payment and, when the rate follows the
//     half-year, at every 1 January and 1 July; each slice earns simple
//     interest base × rate × days / 365, rounded half up to the cent, even in
//     leap years; no interest runs on interest;
//   - commercial and civil debtors: ECB rate + 10 points per half-year (or
//     the fixed rate); public buyers: the ECB rate of the half-year in which
//     interest starts + 8 points for the whole delay (R2192-31); both owe the
//     40 € indemnity. Consumers: the legal rate, no indemnity.
//
// Payments with a non-positive amount are ignored (the store refuses them).
// Amounts too large for int64 saturate rather than wrap.
func ComputeStatement(in StatementInput) Statement {
	payments := paymentsUpTo(in.Payments, in.AsOf)
	st := Statement{AsOf: in.AsOf, Due: in.Due, Basis: BasisNone}
	st.Outstanding = unpaidBalance(in.Amount, sumPayments(payments))
	if in.Due.IsZero() || !in.AsOf.After(in.Due) { // no due date, no delay: never count from year 1
		st.Total = st.Outstanding
		return st
	}
	w := newWalk(in, payments)
	w.run()
	if !w.late {
		st.Total = st.Outstanding
		return st
	}
	st.DaysLate = w.lastLate.DaysSince(in.Due)
	st.Basis, st.Slices, st.Warnings = basisOf(in), w.slices, w.warnings
	st.Outstanding, st.Penalties, st.InterestPaid = w.principal, sumSlices(w.slices), w.interestPaid
	st.Imputation = data.ImputePrincipal
	if in.interestFirst() {
		st.Imputation = data.ImputeInterestFirst
	}
	if in.ClientKind.IsBusiness() && !in.Waived {
		st.Indemnity = RecoveryIndemnity
	}
	st.Total = addMoneySat(addMoneySat(st.Outstanding, st.PenaltiesDue()), st.Indemnity)
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

func basisOf(in StatementInput) string {
	switch {
	case in.Waived:
		return BasisWaived
	case in.ClientKind == data.Consumer:
		return BasisLegalRate
	case in.ClientKind == data.PublicBuyer:
		return BasisPublic
	case in.Policy.isFixed():
		return BasisFixed
	default:
		return BasisECBPlus10
	}
}

// walk is one pass over the delay: it cuts the slices, imputes each
// payment on its day and tells when the principal was paid off.
type walk struct {
	in       StatementInput
	payments []data.Payment // positive, up to AsOf, oldest first
	next     int            // the first payment not yet imputed

	principal    data.Money // still owed
	accrued      data.Money // interest accrued and not yet paid
	interestPaid data.Money

	slices   []Slice
	warnings []Warning
	lastLate data.Date // the last day of the delay
	late     bool

	// fixedRate is the one rate of a public buyer's whole delay.
	fixedRate   int
	fixedRateOK bool
}

func newWalk(in StatementInput, payments []data.Payment) *walk {
	return &walk{in: in, payments: payments, principal: in.Amount}
}

// run walks from the first interest-bearing day to AsOf. Payments before
// that day go to the principal: no interest had accrued yet.
func (w *walk) run() {
	first := w.in.Due.AddDays(1)
	w.imputeBefore(first) // on or before Due
	if w.principal <= 0 {
		return // paid on time
	}
	w.late, w.lastLate = true, w.in.AsOf
	start, ok := w.interestStart(first)
	if !ok {
		w.imputeBefore(w.in.AsOf.AddDays(1))
		w.settleLastLate()
		return
	}
	w.imputeBefore(start)
	if w.principal <= 0 {
		w.settleLastLate()
		return
	}
	w.priceFrom(start)
}

// interestStart is the first day interest runs: the day after Due, or for a
// consumer the day after the formal notice was received. ok is false when
// no interest runs up to AsOf (a consumer without a notice, or a waiver).
func (w *walk) interestStart(first data.Date) (data.Date, bool) {
	switch {
	case w.in.Waived:
		return data.Date{}, false
	case w.in.ClientKind == data.Consumer:
		if w.in.NoticeReceived.IsZero() || w.in.NoticeReceived.After(w.in.AsOf) {
			w.warnings = addWarning(w.warnings, Warning{Key: WarnConsumerNoNotice})
			return data.Date{}, false
		}
		start := data.LaterDate(first, w.in.NoticeReceived.AddDays(1))
		return start, !start.After(w.in.AsOf)
	case w.in.ClientKind == data.PublicBuyer:
		w.fixedRate, w.fixedRateOK = w.rateOf(HalfYearOf(first), publicRate)
	}
	return first, true
}

// imputeBefore puts the payments dated before day on the principal (no
// interest is accrued before the delay).
func (w *walk) imputeBefore(day data.Date) {
	for w.next < len(w.payments) && w.payments[w.next].Date.Before(day) {
		w.principal = unpaidBalance(w.principal, w.payments[w.next].Amount)
		w.next++
	}
}

// settleLastLate ends the delay on the day the principal was paid off,
// when it was before AsOf (no interest ran: a consumer without notice).
func (w *walk) settleLastLate() {
	if w.principal > 0 {
		return
	}
	var paid data.Money
	for _, p := range w.payments {
		if paid = addMoneySat(paid, p.Amount); paid >= w.in.Amount {
			w.lastLate = p.Date
			break
		}
	}
	w.late = w.lastLate.After(w.in.Due)
}

// priceFrom cuts the slices from start, imputing each payment at the end of
// its day, until the principal is paid off or AsOf is reached.
func (w *walk) priceFrom(start data.Date) {
	for from := start; !from.After(w.in.AsOf); {
		to := w.sliceEnd(from)
		if bp, ok := w.sliceRate(HalfYearOf(from)); ok {
			sl := newSlice(from, to, w.principal, bp)
			w.slices = append(w.slices, sl)
			w.accrued = addMoneySat(w.accrued, sl.Amount)
		}
		w.imputeOn(to)
		if w.principal <= 0 {
			w.lastLate = to
			return
		}
		from = to.AddDays(1)
	}
}

// sliceEnd is the earliest of AsOf, the next payment day and, when the rate
// follows the half-year, the end of from's half-year.
func (w *walk) sliceEnd(from data.Date) data.Date {
	to := w.in.AsOf
	if w.in.ClientKind != data.PublicBuyer {
		to = data.EarlierDate(to, HalfYearOf(from).End())
	}
	if w.next < len(w.payments) {
		to = data.EarlierDate(to, w.payments[w.next].Date)
	}
	return to
}

// imputeOn applies the payments of day: interest accrued first (1343-1)
// unless the owner chose the principal; what is left pays the principal.
func (w *walk) imputeOn(day data.Date) {
	for w.next < len(w.payments) && !w.payments[w.next].Date.After(day) {
		amount := w.payments[w.next].Amount
		w.next++
		if w.in.interestFirst() {
			toInterest := min(amount, w.accrued)
			w.accrued -= toInterest
			w.interestPaid = addMoneySat(w.interestPaid, toInterest)
			amount -= toInterest
		}
		w.principal = unpaidBalance(w.principal, amount)
	}
}

// sliceRate returns the rate of a slice in half-year h; ok is false when no
// rate is known (the slice is then left out, with a warning).
func (w *walk) sliceRate(h HalfYear) (int, bool) {
	if w.in.ClientKind == data.PublicBuyer {
		return w.fixedRate, w.fixedRateOK
	}
	return w.rateOf(h, func(t RateTable, h HalfYear) (int, bool, []Warning) {
		return halfYearRate(w.in, h)
	})
}

func (w *walk) rateOf(h HalfYear, rate func(RateTable, HalfYear) (int, bool, []Warning)) (int, bool) {
	bp, ok, warnings := rate(w.in.Rates, h)
	for _, x := range warnings {
		w.warnings = addWarning(w.warnings, x)
	}
	return bp, ok
}

func newSlice(from, to data.Date, base data.Money, bp int) Slice {
	days := to.DaysSince(from) + 1
	return Slice{From: from, To: to, Days: days, Base: base, RateBP: bp,
		Amount: simpleInterest(base, bp, days)}
}

// halfYearRate returns the rate of half-year h for a commercial, civil or
// consumer debtor and the policy, with the warnings the user must see; ok is
// false when no rate is known at all.
func halfYearRate(in StatementInput, h HalfYear) (bp int, ok bool, warnings []Warning) {
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
	return ecbPlus(t, h, ecbMargin)
}

// publicRate is a public buyer's rate: the ECB rate in force on the first
// day of half-year h (the one in which interest started) + 8 points.
func publicRate(t RateTable, h HalfYear) (int, bool, []Warning) {
	return ecbPlus(t, h, publicMargin)
}

func ecbPlus(t RateTable, h HalfYear, margin int) (int, bool, []Warning) {
	bp, known, ok := t.ECBRate(h)
	if !ok {
		return 0, false, []Warning{noRateWarning(h)}
	}
	var warnings []Warning
	if !known {
		warnings = append(warnings, Warning{Key: WarnECBRateAssumed, Args: map[string]string{
			"half": h.String(), "date": h.Start().String(), "rate": formatBP(bp)}})
	}
	return max(0, addRatesSat(bp, margin)), true, warnings
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
