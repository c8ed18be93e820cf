package fec

import (
	"strings"
	"testing"
)

// Two clients' opening balances under one PieceRef become two invoices of
// distinct numbers, each keeping its client and amount.
func TestSharedNumbersAreMadeUnique(t *testing.T) {
	file := "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n" +
		"AN\tA nouveaux\tAN1\t20260101\t411000\tClients\t411DUR\tCafé Durand\tAN2026\t20260101\tA nouveau\t1200,00\t0,00\t\t\t20260101\t\t\n" +
		"AN\tA nouveaux\tAN1\t20260101\t411000\tClients\t411MAR\tBoulangerie Martin\tAN2026\t20260101\tA nouveau\t300,00\t0,00\t\t\t20260101\t\t\n" +
		"AN\tA nouveaux\tAN1\t20260101\t890000\tBilan d'ouverture\t\t\tAN2026\t20260101\tA nouveau\t0,00\t1500,00\t\t\t20260101\t\t\n"
	b, err := Read("ouverture.txt", strings.NewReader(file), Options{})
	if err != nil || len(b.Problems) != 0 {
		t.Fatalf("%v %+v", err, b.Problems)
	}
	numbers := map[string]string{}
	for _, inv := range b.Invoices {
		numbers[inv.Number] = inv.ClientKey
	}
	if numbers["AN2026 / 411DUR"] != "411DUR" || numbers["AN2026 / 411MAR"] != "411MAR" || len(numbers) != 2 {
		t.Fatalf("numbers %v", numbers)
	}
}
