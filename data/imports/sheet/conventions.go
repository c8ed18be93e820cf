package sheet

import (
	"regexp"
	"slices"
	"strconv"
)

var (
	// decimalCommaCell and decimalDotCell end the way an amount with cents
	// does in each convention: "1 234,56", "1.234,5" / "1234.56", "1,234.5".
	decimalCommaCell = regexp.MustCompile(`^[-+(]?[€$£]?\s?[0-9][0-9 .\x{a0}\x{202f}]*,[0-9]{1,2}\)?\s?(€|EUR)?$`)
	decimalDotCell   = regexp.MustCompile(`^[-+(]?[€$£]?\s?[0-9][0-9 ,\x{a0}\x{202f}]*\.[0-9]{1,2}\)?\s?(€|EUR)?$`)
	// slashedDate is a date written with its year last: day and month come
	// first, in an order to find out.
	slashedDate = regexp.MustCompile(`^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{2}|[0-9]{4})\b`)
)

// detectConventions finds, from the cells, whether amounts have a decimal
// comma (judged on the columns Guess takes for amounts, or on every cell
// when it finds none) and whether dates put the month first (which only a
// day above 12 in second place can prove).
func (t *Table) detectConventions() {
	m := Guess(t.Header)
	var money []int
	for _, r := range []Role{Amount, Outstanding, Paid, PaymentAmount} {
		if i, ok := m[r]; ok {
			money = append(money, i)
		}
	}
	var comma, dot, dayFirst, monthFirst int
	for _, row := range t.Rows {
		for i, c := range row.Cells {
			if len(money) == 0 || slices.Contains(money, i) {
				comma, dot = voteDecimal(c, comma, dot)
			}
			dayFirst, monthFirst = voteDateOrder(c, dayFirst, monthFirst)
		}
	}
	t.DecimalComma = comma > dot
	t.MonthFirst = monthFirst > 0 && dayFirst == 0
}

func voteDecimal(c string, comma, dot int) (int, int) {
	switch {
	case decimalCommaCell.MatchString(c):
		comma++
	case decimalDotCell.MatchString(c):
		dot++
	}
	return comma, dot
}

func voteDateOrder(c string, dayFirst, monthFirst int) (int, int) {
	m := slashedDate.FindStringSubmatch(c)
	if m == nil {
		return dayFirst, monthFirst
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	switch {
	case a > 12 && b <= 12:
		dayFirst++
	case b > 12 && a <= 12:
		monthFirst++
	}
	return dayFirst, monthFirst
}
