package documents

import "testing"

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Hélène Vernet Architecture": "Helene-Vernet-Architecture",
		"Zinc & Cie":                 "Zinc-Cie",
		"FA/2026/001":                "FA-2026-001",
		"Bon de commande signé":      "Bon-de-commande-signe",
		"ŒUVRES d'ÉTÉ":               "OEUVRES-d-ETE",
		"Sœur Cécile":                "Soeur-Cecile",
		"FA_12:3":                    "FA_12-3",
		" / ":                        "document",
		"":                           "document",
	} {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}
