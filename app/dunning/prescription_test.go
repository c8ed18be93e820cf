package dunning

import (
	"testing"

	"relance/data"
)

func TestComputePrescription(t *testing.T) {
	d := data.MustDate
	tests := []struct {
		name string
		in   PrescriptionInput
		want Prescription
	}{
		{
			name: "professional, from delivery",
			in:   PrescriptionInput{ClientKind: data.Commercial, Delivery: d("2021-03-10"), Issue: d("2021-03-31")},
			want: Prescription{Start: d("2021-03-10"), StartReason: StartDelivery, Deadline: d("2026-03-09"),
				FirstWarning: d("2025-03-09"), SecondWarning: d("2025-09-09")},
		},
		{
			name: "consumer, from delivery",
			in:   PrescriptionInput{ClientKind: data.Consumer, Delivery: d("2025-01-15"), Issue: d("2025-01-20")},
			want: Prescription{Start: d("2025-01-15"), StartReason: StartDelivery, Deadline: d("2027-01-14"),
				FirstWarning: d("2026-07-14"), SecondWarning: d("2026-10-14")},
		},
		{
			name: "no delivery date: from issue",
			in:   PrescriptionInput{ClientKind: data.Commercial, Issue: d("2022-06-01")},
			want: Prescription{Start: d("2022-06-01"), StartReason: StartIssue, Deadline: d("2027-05-31"),
				FirstWarning: d("2026-05-31"), SecondWarning: d("2026-11-30")},
		},
		{
			name: "the latest restart wins, in any order",
			in: PrescriptionInput{ClientKind: data.Commercial, Delivery: d("2021-03-10"), Restarts: []Restart{
				{Date: d("2023-04-02"), Reason: RestartAcknowledgment},
				{Date: d("2024-02-20"), Reason: RestartPartialPayment},
				{Date: d("2022-11-05"), Reason: RestartPaymentPlan},
			}},
			want: Prescription{Start: d("2024-02-20"), StartReason: RestartPartialPayment, Deadline: d("2029-02-19"),
				FirstWarning: d("2028-02-19"), SecondWarning: d("2028-08-19")},
		},
		{
			name: "a restart before the start is ignored",
			in: PrescriptionInput{ClientKind: data.Consumer, Delivery: d("2025-01-15"), Restarts: []Restart{
				{Date: d("2024-12-01"), Reason: RestartAcknowledgment},
				{Date: d("2025-01-15"), Reason: RestartPartialPayment},
			}},
			want: Prescription{Start: d("2025-01-15"), StartReason: StartDelivery, Deadline: d("2027-01-14"),
				FirstWarning: d("2026-07-14"), SecondWarning: d("2026-10-14")},
		},
		{
			name: "29 February plus 5 years clamps to 28 February",
			in:   PrescriptionInput{ClientKind: data.Commercial, Delivery: d("2024-02-29")},
			want: Prescription{Start: d("2024-02-29"), StartReason: StartDelivery, Deadline: d("2029-02-27"),
				FirstWarning: d("2028-02-27"), SecondWarning: d("2028-08-27")},
		},
		{
			name: "1 March: deadline is the last day of February, warnings clamp",
			in:   PrescriptionInput{ClientKind: data.Commercial, Delivery: d("2023-03-01")},
			want: Prescription{Start: d("2023-03-01"), StartReason: StartDelivery, Deadline: d("2028-02-29"),
				FirstWarning: d("2027-02-28"), SecondWarning: d("2027-08-29")},
		},
		{
			name: "consumer warnings clamp to the end of a shorter month",
			in:   PrescriptionInput{ClientKind: data.Consumer, Delivery: d("2024-09-01")},
			want: Prescription{Start: d("2024-09-01"), StartReason: StartDelivery, Deadline: d("2026-08-31"),
				FirstWarning: d("2026-02-28"), SecondWarning: d("2026-05-31")},
		},
		{
			name: "no date at all",
			in:   PrescriptionInput{ClientKind: data.Commercial},
			want: Prescription{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ComputePrescription(tt.in); got != tt.want {
				t.Errorf("ComputePrescription =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

func TestPrescriptionLevel(t *testing.T) {
	p := ComputePrescription(PrescriptionInput{ClientKind: data.Commercial, Delivery: data.MustDate("2021-03-10")})
	tests := []struct {
		today string
		want  int
	}{
		{"2024-01-01", PrescriptionOK},
		{"2025-03-08", PrescriptionOK},
		{"2025-03-09", PrescriptionFirstWarning},
		{"2025-09-08", PrescriptionFirstWarning},
		{"2025-09-09", PrescriptionSecondWarning},
		{"2026-03-09", PrescriptionSecondWarning}, // the last day is still open
		{"2026-03-10", PrescriptionExpired},
	}
	for _, tt := range tests {
		if got := p.Level(data.MustDate(tt.today)); got != tt.want {
			t.Errorf("Level(%s) = %d, want %d", tt.today, got, tt.want)
		}
	}
	if got := (Prescription{}).Level(data.MustDate("2030-01-01")); got != PrescriptionOK {
		t.Errorf("zero Prescription: Level = %d, want %d", got, PrescriptionOK)
	}
}

func TestAddMonthsClamped(t *testing.T) {
	tests := []struct {
		date   string
		months int
		want   string
	}{
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2026-08-31", -6, "2026-02-28"},
		{"2026-03-31", -1, "2026-02-28"},
		{"2026-01-31", 1, "2026-02-28"},
		{"2026-12-15", 1, "2027-01-15"},
		{"2026-01-15", -1, "2025-12-15"},
		{"2026-05-10", 0, "2026-05-10"},
	}
	for _, tt := range tests {
		if got := addMonthsClamped(data.MustDate(tt.date), tt.months); got != data.MustDate(tt.want) {
			t.Errorf("addMonthsClamped(%s, %d) = %s, want %s", tt.date, tt.months, got, tt.want)
		}
	}
}
