package sheet

import (
	"testing"

	"relance/data"
	"relance/data/imports"
)

func TestParseAmount(t *testing.T) {
	for _, c := range []struct {
		in     string
		comma  bool
		want   data.Money
		reason data.Reason
	}{
		{"1 250,00 €", true, data.Euros(1250, 0), ""},
		{"1250.5", false, data.Euros(1250, 50), ""},
		{"1.250,00", true, data.Euros(1250, 0), ""},
		{"1,250.00", false, data.Euros(1250, 0), ""},
		{"1.250", true, data.Euros(1250, 0), ""}, // grouped in a decimal-comma file
		{"1.250", false, 0, data.ReasonMoneyDecimals},
		{"(120,50)", true, -data.Euros(120, 50), ""},
		{"120,50-", true, -data.Euros(120, 50), ""},
		{"EUR 12", false, data.Euros(12, 0), ""},
		{"$1,200.00", false, 0, data.ReasonCurrency},
		{"1200 USD", false, 0, data.ReasonCurrency},
		{"1 200 CHF", true, 0, data.ReasonCurrency},
		{"12,345", true, 0, data.ReasonMoneyDecimals},
		{"n/a", true, 0, data.ReasonMoneyFormat},
		{"12 euros", true, data.Euros(12, 0), ""},
		{"1 200,00 € TTC", true, data.Euros(1200, 0), ""},
		{"300 MAD", true, 0, data.ReasonCurrency},
	} {
		got, reason := parseAmount(c.in, c.comma)
		if got != c.want || reason != c.reason {
			t.Errorf("%q (comma %v): %v %q, want %v %q", c.in, c.comma, got, reason, c.want, c.reason)
		}
	}
}

func TestParseDate(t *testing.T) {
	csv := &Table{Kind: imports.KindCSV}
	us := &Table{Kind: imports.KindCSV, MonthFirst: true}
	xlsx := &Table{Kind: imports.KindXLSX}
	for _, c := range []struct {
		in     string
		t      *Table
		want   string
		reason data.Reason
	}{
		{"01/03/2026", csv, "2026-03-01", ""},
		{"1/3/2026", csv, "2026-03-01", ""},
		{"01.03.2026", csv, "2026-03-01", ""},
		{"01-03-2026", csv, "2026-03-01", ""},
		{"01/03/26", csv, "2026-03-01", ""},
		{"2026-03-01", csv, "2026-03-01", ""},
		{"2026-03-01 00:00:00", csv, "2026-03-01", ""},
		{"2026-03-01T10:30:00Z", csv, "2026-03-01", ""},
		{"03/31/2026", us, "2026-03-31", ""},
		{"03/31/2026", csv, "", data.ReasonDateInvalid},
		{"46082", xlsx, "2026-03-01", ""},
		{"46082", csv, "", data.ReasonDateFormat},
		{"-3", xlsx, "", data.ReasonDateOutOfRange},
		{"le 1er mars", csv, "", data.ReasonDateFormat},
	} {
		got, reason := parseDate(c.in, c.t)
		if got.String() != c.want || reason != c.reason {
			t.Errorf("%q: %v %q, want %v %q", c.in, got, reason, c.want, c.reason)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"N° de facture":      "numero facture",
		"Montant T.T.C. (€)": "montant ttc",
		"Date d'échéance":    "date echeance",
		"Reste dû":           "reste due",
		"Payé le":            "paye on",
		"E-mail":             "email",
		"Factures payées":    "facture paye",
	} {
		if got := normalizeText(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestSplitRecordsKeepsQuotedNewlinesAndLines(t *testing.T) {
	recs := splitRecords("a;\"b\nsuite\";c\n\n\"d \"\"x\"\"\";e;\"non fermé\nf;g\n", ';', -1)
	if len(recs) != 3 || recs[0].line != 1 || recs[1].line != 4 || recs[2].line != 5 {
		t.Fatalf("records %+v", recs)
	}
	if recs[0].fields[1] != "b\nsuite" || recs[1].fields[0] != `d "x"` || recs[1].fields[2] != `"non fermé` {
		t.Errorf("fields %q %q", recs[0].fields, recs[1].fields)
	}
}
