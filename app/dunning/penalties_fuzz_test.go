package dunning

import (
	"encoding/binary"
	"slices"
	"testing"

	"relance/data"
)

// fuzzEpoch anchors the fuzzed dates: half a year before the rate table
// starts, so that "no rate", known and assumed half-years all come up.
var fuzzEpoch = data.MustDate("2022-07-01")

// fuzzPayments reads payments from raw bytes, six per payment: a day offset
// from fuzzEpoch and an amount in cents.
func fuzzPayments(raw []byte) []data.Payment {
	var out []data.Payment
	for ; len(raw) >= 6; raw = raw[6:] {
		offset := int(binary.LittleEndian.Uint16(raw)) % 2600
		amount := data.Money(binary.LittleEndian.Uint32(raw[2:]))
		out = append(out, data.Payment{Date: fuzzEpoch.AddDays(offset), Amount: amount})
	}
	return out
}

func FuzzComputeStatement(f *testing.F) {
	f.Add(int64(100000), uint16(988), uint16(1141), uint16(0), false, false, 0, []byte{}) // worked example, as of
	f.Add(int64(100000), uint16(988), uint16(1200), uint16(0), false, false, 0,
		[]byte{0x75, 0x04, 0xa0, 0x86, 0x01, 0x00}) // worked example, paid in full on 2025-08-15
	f.Add(int64(200000), uint16(1126), uint16(1218), uint16(0), false, true, 900,
		[]byte{0x8f, 0x04, 0x80, 0x38, 0x01, 0x00}) // fixed rate, partial payment on 2025-09-10
	f.Add(int64(100000), uint16(988), uint16(1141), uint16(1054), true, false, 0, []byte{}) // consumer with notice
	f.Add(int64(-5), uint16(10), uint16(2500), uint16(0), false, false, -300, []byte{1, 2, 3, 4, 5, 6, 7})
	f.Fuzz(func(t *testing.T, amount int64, due, asOf, notice uint16, consumer, fixed bool, fixedBP int, rawPayments []byte) {
		in := StatementInput{
			Amount:     data.Money(amount % 1e13), // up to 100 billion euros: far from any saturation
			Due:        fuzzEpoch.AddDays(int(due) % 2600),
			AsOf:       fuzzEpoch.AddDays(int(asOf) % 2600),
			Payments:   fuzzPayments(rawPayments),
			ClientKind: data.Professional,
			Rates:      DefaultRates(),
		}
		if consumer {
			in.ClientKind = data.Consumer
		}
		if notice != 0 {
			in.NoticeReceived = fuzzEpoch.AddDays(int(notice) % 2600)
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
	if st.Total != st.Outstanding+st.Penalties+st.Indemnity {
		t.Fatalf("Total %d != Outstanding %d + Penalties %d + Indemnity %d",
			st.Total, st.Outstanding, st.Penalties, st.Indemnity)
	}
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
	if st.Outstanding < 0 || st.Penalties < 0 || st.Indemnity < 0 || st.Total < 0 || st.DaysLate < 0 {
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
	if in.ClientKind == data.Professional && st.DaysLate > 0 {
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
	if in.ClientKind == data.Professional && !hasWarning(st, WarnNoRate) && days != st.DaysLate {
		t.Fatalf("slices cover %d days, DaysLate is %d", days, st.DaysLate)
	}
}

// checkSliceBounds checks one slice: its day count, that it stays in one
// half-year and inside the delay.
func checkSliceBounds(t *testing.T, in StatementInput, s Slice) {
	t.Helper()
	if s.Days != s.To.DaysSince(s.From)+1 || HalfYearOf(s.From) != HalfYearOf(s.To) {
		t.Fatalf("slice %+v: wrong day count or spans two half-years", s)
	}
	if !s.From.After(in.Due) || s.To.After(in.AsOf) {
		t.Fatalf("slice %+v outside the delay %s..%s", s, in.Due.AddDays(1), in.AsOf)
	}
}

func hasWarning(st Statement, key string) bool {
	return slices.ContainsFunc(st.Warnings, func(w Warning) bool { return w.Key == key })
}
