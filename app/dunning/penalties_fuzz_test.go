package dunning

import (
	"encoding/binary"
	"slices"
	"testing"

	"relance/data"
)

// fuzzEpoch anchors the fuzzed dates: a year before the rate table starts
// (2016-03-16), so that "no rate", known and assumed half-years all come up.
var fuzzEpoch = data.MustDate("2015-07-01")

// fuzzSpan is how many days after fuzzEpoch the fuzzed dates reach (2027).
const fuzzSpan = 4300

// fuzzPayments reads payments from raw bytes, six per payment: a day offset
// from fuzzEpoch and an amount in cents.
func fuzzPayments(raw []byte) []data.Payment {
	var out []data.Payment
	for ; len(raw) >= 6; raw = raw[6:] {
		offset := int(binary.LittleEndian.Uint16(raw)) % fuzzSpan
		amount := data.Money(binary.LittleEndian.Uint32(raw[2:]))
		out = append(out, data.Payment{Date: fuzzEpoch.AddDays(offset), Amount: amount})
	}
	return out
}

func FuzzComputeStatement(f *testing.F) {
	// Day offsets from 2015-07-01: 3545 is 2025-03-15, 3698 2025-08-15.
	f.Add(int64(100000), uint16(3545), uint16(3698), uint16(0), uint8(0), false, false, 0, []byte{}) // worked example, as of
	f.Add(int64(100000), uint16(3545), uint16(3757), uint16(0), uint8(0), true, false, 0,
		[]byte{0x72, 0x0e, 0xa0, 0x86, 0x01, 0x00}) // worked example, paid in full on 2025-08-15
	f.Add(int64(200000), uint16(3683), uint16(3775), uint16(0), uint8(1), false, true, 900,
		[]byte{0x8c, 0x0e, 0x80, 0x38, 0x01, 0x00}) // civil, fixed rate, partial payment on 2025-09-10
	f.Add(int64(100000), uint16(3545), uint16(3698), uint16(3611), uint8(3), false, false, 0, []byte{}) // consumer with notice
	f.Add(int64(600000), uint16(3000), uint16(3400), uint16(0), uint8(2), false, false, 0,
		[]byte{0x00, 0x0c, 0x40, 0x0d, 0x03, 0x00}) // public buyer, partial payment
	f.Add(int64(-5), uint16(10), uint16(2500), uint16(0), uint8(0), false, false, -300, []byte{1, 2, 3, 4, 5, 6, 7})
	f.Fuzz(func(t *testing.T, amount int64, due, asOf, notice uint16, kind uint8, principal, fixed bool, fixedBP int,
		rawPayments []byte) {
		in := StatementInput{
			Amount:     data.Money(amount % 1e13), // up to 100 billion euros: far from any saturation
			Due:        fuzzEpoch.AddDays(int(due) % fuzzSpan),
			AsOf:       fuzzEpoch.AddDays(int(asOf) % fuzzSpan),
			Payments:   fuzzPayments(rawPayments),
			ClientKind: data.ClientKinds[int(kind)%len(data.ClientKinds)],
			Rates:      DefaultRates(),
		}
		if principal {
			in.Imputation = data.ImputePrincipal
		}
		if notice != 0 {
			in.NoticeReceived = fuzzEpoch.AddDays(int(notice) % fuzzSpan)
		}
		if fixed {
			in.Policy = Policy{Kind: PolicyFixed, FixedBP: fixedBP % 100_000}
		}
		checkStatement(t, in, ComputeStatement(in))

		// The same input with raw extremes must not panic nor go negative.
		in.Amount, in.Policy.FixedBP = data.Money(amount), fixedBP
		checkNonNegative(t, ComputeStatement(in))
	})
}

// checkStatement checks the invariants of a statement computed from bounded input.
func checkStatement(t *testing.T, in StatementInput, st Statement) {
	t.Helper()
	checkNonNegative(t, st)
	if st.Total != st.Outstanding+st.Penalties-st.InterestPaid+st.Indemnity {
		t.Fatalf("Total %d != Outstanding %d + Penalties %d - InterestPaid %d + Indemnity %d",
			st.Total, st.Outstanding, st.Penalties, st.InterestPaid, st.Indemnity)
	}
	checkImputation(t, in, st)
	checkIndemnity(t, in, st)
	checkSlices(t, in, st)
	for i, w := range st.Warnings {
		for _, earlier := range st.Warnings[:i] {
			if w.Key == earlier.Key && w.Text() == earlier.Text() {
				t.Fatalf("warning %v listed twice", w)
			}
		}
	}
}

func checkNonNegative(t *testing.T, st Statement) {
	t.Helper()
	if st.Outstanding < 0 || st.Penalties < 0 || st.Indemnity < 0 || st.Total < 0 || st.DaysLate < 0 ||
		st.InterestPaid < 0 || st.InterestPaid > st.Penalties {
		t.Fatalf("negative figure in %+v", st)
	}
	for _, s := range st.Slices {
		if s.Amount < 0 || s.Base <= 0 || s.RateBP < 0 || s.Days <= 0 {
			t.Fatalf("bad slice %+v", s)
		}
	}
}

func checkIndemnity(t *testing.T, in StatementInput, st Statement) {
	t.Helper()
	want := data.Money(0)
	if in.ClientKind.IsBusiness() && st.DaysLate > 0 {
		want = RecoveryIndemnity
	}
	if st.Indemnity != want {
		t.Fatalf("Indemnity = %d, want %d (DaysLate %d)", st.Indemnity, want, st.DaysLate)
	}
}

// checkSlices checks that the slices are in order, do not overlap, stay
// inside the delay and one half-year each, and add up; without a gap in the
// rate table, a professional's slices also cover every late day.
func checkSlices(t *testing.T, in StatementInput, st Statement) {
	t.Helper()
	var penalties data.Money
	days := 0
	for i, s := range st.Slices {
		checkSliceBounds(t, in, s)
		if i > 0 && !s.From.After(st.Slices[i-1].To) {
			t.Fatalf("slice %d %+v overlaps or precedes %+v", i, s, st.Slices[i-1])
		}
		if i > 0 && s.From != st.Slices[i-1].To.AddDays(1) && !hasWarning(st, WarnNoRate) {
			t.Fatalf("gap before slice %d %+v with no missing rate", i, s)
		}
		penalties += s.Amount
		days += s.Days
	}
	if penalties != st.Penalties {
		t.Fatalf("Penalties %d != sum of slices %d", st.Penalties, penalties)
	}
	if in.ClientKind.IsBusiness() && !hasWarning(st, WarnNoRate) && days != st.DaysLate {
		t.Fatalf("slices cover %d days, DaysLate is %d", days, st.DaysLate)
	}
}

// checkSliceBounds checks one slice: its day count, that it stays in one
// half-year and inside the delay.
func checkSliceBounds(t *testing.T, in StatementInput, s Slice) {
	t.Helper()
	if s.Days != s.To.DaysSince(s.From)+1 {
		t.Fatalf("slice %+v: wrong day count", s)
	}
	// A public buyer's rate holds for the whole delay; the others' change
	// with the half-year.
	if in.ClientKind != data.PublicBuyer && HalfYearOf(s.From) != HalfYearOf(s.To) {
		t.Fatalf("slice %+v spans two half-years", s)
	}
	if in.ClientKind == data.PublicBuyer && s.RateBP != firstSliceRate(in) {
		t.Fatalf("public buyer slice %+v: rate %d, the first half-year's is %d", s, s.RateBP, firstSliceRate(in))
	}
	if !s.From.After(in.Due) || s.To.After(in.AsOf) {
		t.Fatalf("slice %+v outside the delay %s..%s", s, in.Due.AddDays(1), in.AsOf)
	}
}

func hasWarning(st Statement, key string) bool {
	return slices.ContainsFunc(st.Warnings, func(w Warning) bool { return w.Key == key })
}

// firstSliceRate is a public buyer's rate: ECB on the first day of the
// half-year in which interest started, + 8 points.
func firstSliceRate(in StatementInput) int {
	bp, _, _ := in.Rates.ECBRate(HalfYearOf(in.Due.AddDays(1)))
	return bp + publicMargin
}

// checkImputation checks what the payments paid: the principal imputation
// never touches interest; in any case principal plus interest paid never
// exceed what came in, and a statement with an unpaid principal used every
// payment up to AsOf.
func checkImputation(t *testing.T, in StatementInput, st Statement) {
	t.Helper()
	if in.Imputation == data.ImputePrincipal && st.InterestPaid != 0 {
		t.Fatalf("principal imputation paid %d of interest", st.InterestPaid)
	}
	if st.DaysLate == 0 || in.Amount <= 0 {
		return
	}
	var received data.Money
	for _, p := range in.Payments {
		if p.Amount > 0 && !p.Date.After(in.AsOf) {
			received += p.Amount
		}
	}
	principalPaid := in.Amount - st.Outstanding
	if principalPaid+st.InterestPaid > received {
		t.Fatalf("paid %d of principal and %d of interest out of %d received", principalPaid, st.InterestPaid, received)
	}
	if st.Outstanding > 0 && principalPaid+st.InterestPaid != received {
		t.Fatalf("principal %d still owed, but only %d + %d of %d received were imputed",
			st.Outstanding, principalPaid, st.InterestPaid, received)
	}
}
