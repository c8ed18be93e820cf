package matching

// reading is how a candidate's invoices were found: the row of the score
// table.
type reading int8

// The readings, from the surest.
const (
	readNumberPaid      reading = iota // number or RF reference, credit = balance(s)
	readNumberFees                     // number or RF, credit short by fees within the tolerance
	readNumberPartial                  // number or RF, credit less than the balance(s)
	readNumberOverpaid                 // number or RF, credit more than the balance(s)
	readNumberSum                      // number or RF, credit = their balance(s) and other invoices' of the client
	readAmount                         // one invoice's balance: the only one in the book, or of a client the payer points to
	readAmountOneClient                // one invoice's balance, several invoices of one client owing it
	readAmountShared                   // one invoice's balance, several clients owing it
	readSum                            // 2 to 5 invoices of one client together
	readSumShared                      // 2 invoices together, several clients owing such a pair
	readFees                           // one invoice's balance less fees within the tolerance
	readPayerOnly                      // only the payer: the client's oldest invoices, in due order
	readings
)

// scoreBoth is added when the payer's IBAN and name both point to the
// client.
const scoreBoth = 3

// sureScore is the score from which a candidate settles the line:
// candidates from the amount alone are not looked for, they could only
// clutter the screen below it.
const sureScore = 90

// score is a candidate's score, 0 to 100: the table's cell for how its
// invoices were found (row) and what the line says of the payer (column),
// plus scoreBoth when IBAN and name agree. A dash (0) is a cell that does
// not occur: fees and the payer alone need a payer to point to the
// client; the amount alone readings never have one (a client the payer
// points to is read with readAmount, readSum).
//
//	                                    payer: none  label  near  name  IBAN
//	number/RF, amount = balance(s)             100    100    100   100   100
//	number/RF, short by fees ≤ tolerance        95     96     96    97    97
//	number/RF, part payment                     75     77     78    80    80
//	number/RF, overpaid                         70     72     73    75    75
//	number/RF and other invoices, sum = credit  90     91     92    95    95
//	exact balance of one invoice                60     70     80    90    95
//	  same, one client with several such        55      -      -     -     -
//	  same, several clients (ambiguous)         50      -      -     -     -
//	2 to 5 invoices of one client               45     60     75    85    85
//	  2 invoices, several clients (ambiguous)   40      -      -     -     -
//	one invoice less fees ≤ tolerance            -     55     65    75    80
//	payer only: oldest invoices in due order     -     15     20    30    40
//
// Numbers come first: a payer who types an invoice number means it,
// whoever pays. An exact balance with no payer known is worth 60 only when
// it is the only invoice in the book with that balance. The payer alone
// proposes the client's oldest invoices (allocated in due order up to the
// credit), at 40 at most: never enough to be confirmed in bulk, but the
// client is likely right and the owner only picks the invoices.
func score(r reading, p *payer) int {
	table := [readings][payerLevels]int{
		readNumberPaid:      {100, 100, 100, 100, 100},
		readNumberFees:      {95, 96, 96, 97, 97},
		readNumberPartial:   {75, 77, 78, 80, 80},
		readNumberOverpaid:  {70, 72, 73, 75, 75},
		readNumberSum:       {90, 91, 92, 95, 95},
		readAmount:          {60, 70, 80, 90, 95},
		readAmountOneClient: {55, 0, 0, 0, 0},
		readAmountShared:    {50, 0, 0, 0, 0},
		readSum:             {45, 60, 75, 85, 85},
		readSumShared:       {40, 0, 0, 0, 0},
		readFees:            {0, 55, 65, 75, 80},
		readPayerOnly:       {0, 15, 20, 30, 40},
	}
	s := table[r][p.level()]
	if p.both() {
		s += scoreBoth
	}
	return min(s, 100)
}
