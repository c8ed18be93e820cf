package dashboard

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2/lang"

	"relance/app/ui/kit"
	"relance/data"
)

// shortMoney says an amount in a few characters, for the top of a bar:
// "850 €", "12,3 k€", "1,2 M€" in French; "€850", "€12.3k", "€1.2M" in
// English. The exact amount is in the list a tap opens.
func shortMoney(m data.Money) string {
	euros := float64(m) / 100
	var num, unit string
	switch a := math.Abs(euros); {
	case a >= 999_500:
		num, unit = fmt.Sprintf("%.1f", euros/1e6), "M"
	case a >= 9_950:
		num, unit = fmt.Sprintf("%.0f", euros/1e3), "k"
	case a >= 999.5:
		num, unit = fmt.Sprintf("%.1f", euros/1e3), "k"
	default:
		num = fmt.Sprintf("%.0f", euros)
	}
	if kit.Language() == "fr" {
		num = strings.Replace(num, ".", ",", 1)
		if unit == "" {
			return num + "\u00a0€"
		}
		return num + "\u00a0" + unit + "€"
	}
	return "€" + num + unit
}

// days says a number of days with one decimal: "61,8 jours", "61.8 days".
func days(d float64) string {
	n := fmt.Sprintf("%.1f", d)
	if kit.Language() == "fr" {
		n = strings.Replace(n, ".", ",", 1)
	}
	return lang.L("dashboard.days", map[string]any{"N": n})
}

// shortDate is a day and month, "7 déc." or "7 Dec", for under a bar.
func shortDate(d data.Date) string {
	months := strings.Split(lang.L("dashboard.months_short"), ",")
	if len(months) != 12 {
		return d.FormatFR()
	}
	return fmt.Sprintf("%d %s", d.Day(), months[d.Month()-1])
}
