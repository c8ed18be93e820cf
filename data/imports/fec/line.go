package fec

import (
	"bufio"
	"io"
	"unicode/utf8"

	"relance/data"
)

// lineSource hands out a file's lines one at a time, without their end
// (LF or CRLF), counting them from 1. Only one line is held at a time.
type lineSource struct {
	br   *bufio.Reader
	long []byte // a line longer than the read buffer, put together
	n    int
}

// next returns the next line, valid until the next call; tooLong says it
// was longer than maxLine and is cut. io.EOF ends the file.
func (s *lineSource) next() (line []byte, tooLong bool, err error) {
	line, err = s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		line, tooLong, err = s.readLong(line)
	}
	if err != nil && (err != io.EOF || len(line) == 0) {
		return nil, false, err
	}
	s.n++
	if len(line) > 0 && line[len(line)-1] == '\n' {
		line = line[:len(line)-1]
	}
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	return line, tooLong, nil
}

// readLong puts together a line longer than the read buffer, keeping at
// most maxLine bytes of it.
func (s *lineSource) readLong(first []byte) ([]byte, bool, error) {
	s.long = append(s.long[:0], first...)
	tooLong := false
	for {
		chunk, err := s.br.ReadSlice('\n')
		if len(s.long)+len(chunk) > maxLine {
			tooLong = true
		} else {
			s.long = append(s.long, chunk...)
		}
		if err == io.EOF {
			return s.long, tooLong, nil // the last line, with no end
		}
		if err != bufio.ErrBufferFull {
			return s.long, tooLong, err
		}
	}
}

// date reads a date column, YYYYMMDD; the extra due-date column may be
// written otherwise (parseLenientDate).
func (rd *reader) date(n int, f [][]byte, c column, field string) (data.Date, bool) {
	raw := rd.get(f, c)
	if d, ok := rd.dates[string(raw)]; ok {
		return d, true
	}
	d, reason := parseDate(raw)
	if reason == "" && len(rd.dates) < maxCachedDates {
		rd.dates[string(raw)] = d
	}
	if reason != "" && reason != data.ReasonRequired && c == colDueDate {
		d, reason = parseLenientDate(rd.text(raw))
	}
	if reason != "" {
		rd.fault(n, c, field, reason, raw)
		return data.Date{}, false
	}
	return d, true
}

// amount is the line's debit less its credit.
func (rd *reader) amount(n int, f [][]byte) (data.Money, bool) {
	if rd.head.montantSens {
		amount, amountOK := rd.money(n, f, colMontant, "amount")
		sign, signOK := rd.direction(n, f)
		return sign * amount, amountOK && signOK
	}
	debit, debitOK := rd.money(n, f, colDebit, "debit")
	credit, creditOK := rd.money(n, f, colCredit, "credit")
	return debit - credit, debitOK && creditOK
}

// direction is the sign the Sens column gives the amount: D (debit) or
// C (credit) as the norm says; Débit, Crédit, +1 and -1 are seen too.
func (rd *reader) direction(n int, f [][]byte) (data.Money, bool) {
	raw := rd.get(f, colSens)
	switch string(raw) {
	case "D", "d", "+1", "1":
		return 1, true
	case "C", "c", "-1":
		return -1, true
	}
	switch fold(rd.text(raw)) {
	case "debit":
		return 1, true
	case "credit":
		return -1, true
	}
	reason := data.ReasonUnknownChoice
	if len(raw) == 0 {
		reason = data.ReasonRequired
	}
	rd.fault(n, colSens, "direction", reason, raw)
	return 0, false
}

// money reads an amount column; empty is zero.
func (rd *reader) money(n int, f [][]byte, c column, field string) (data.Money, bool) {
	raw := rd.get(f, c)
	if len(raw) == 0 {
		return 0, true
	}
	if m, ok := parseAmount(raw); ok {
		return m, true
	}
	m, err := data.ParseSignedMoney(rd.text(raw))
	if err != nil {
		rd.fault(n, c, field, reasonOf(err, data.ReasonMoneyFormat), raw)
		return 0, false
	}
	return m, true
}

// entry reads what a receivable line has more than another: the piece it
// books (number and date) and the due date.
func (rd *reader) entry(n int, f [][]byte, date data.Date, amount data.Money) (entry, bool) {
	e := entry{line: n, amount: amount, date: date, issued: date}
	ok := true
	if len(rd.get(f, colPieceDate)) > 0 {
		e.issued, ok = rd.date(n, f, colPieceDate, "issue_date")
	}
	if len(rd.get(f, colDueDate)) > 0 {
		var dueOK bool
		e.due, dueOK = rd.date(n, f, colDueDate, "due_date")
		ok = ok && dueOK
	}
	ref := rd.get(f, colPieceRef)
	if len(ref) == 0 {
		ref = rd.get(f, colEcritureNum)
	}
	if len(ref) == 0 && amount > 0 { // an invoice needs a number
		rd.fault(n, colPieceRef, "number", data.ReasonRequired, nil)
		ok = false
	}
	e.ref = rd.text(ref)
	return e, ok
}

// keep adds a receivable line to the book, under its client.
func (rd *reader) keep(n int, f [][]byte, e entry) {
	e.client = rd.clientOf(n, f)
	e.journal = rd.journalOf(f)
	e.letter = rd.letterOf(rd.get(f, colEcritureLet))
	e.piece = pieceKey(rd.get(f, colJournalCode), rd.get(f, colEcritureNum))
	e.avoir = containsFold(rd.get(f, colEcritureLib), "avoir")
	if !rd.book.add(e) {
		c, field := colDebit, "debit"
		switch {
		case rd.head.montantSens:
			c, field = colMontant, "amount"
		case e.amount < 0:
			c, field = colCredit, "credit"
		}
		rd.fault(n, c, field, data.ReasonMoneyTooLarge, rd.get(f, c))
	}
}

// clientOf finds the line's client, by its auxiliary account or, without
// a sub-ledger, by the receivable account itself, and adds it when new.
func (rd *reader) clientOf(n int, f [][]byte) int32 {
	keyCol, nameCol := colCompAuxNum, colCompAuxLib
	if len(rd.get(f, colCompAuxNum)) == 0 {
		keyCol, nameCol = colCompteNum, colCompteLib
	}
	raw := rd.get(f, keyCol)
	var i int32
	var known bool
	key := ""
	if utf8.Valid(raw) {
		i, known = rd.book.clientAt[string(raw)] // no copy of raw
	} else {
		key = rd.text(raw)
		i, known = rd.book.clientAt[key]
	}
	if !known {
		if key == "" {
			key = string(raw)
		}
		i = rd.book.addClient(key, n)
	}
	if c := &rd.book.clients[i]; c.name == "" {
		c.name = rd.text(rd.get(f, nameCol))
	}
	return i
}

// journalOf finds the line's journal, and adds it when new.
func (rd *reader) journalOf(f [][]byte) int32 {
	code := rd.get(f, colJournalCode)
	if i, ok := rd.book.journalAt[string(code)]; ok {
		return i
	}
	return rd.book.addJournal(string(code), isOpening(rd.text(code), rd.text(rd.get(f, colJournalLib))))
}

// letterOf is the line's lettrage code, one string for all its lines.
func (rd *reader) letterOf(raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	if s, ok := rd.book.letters[string(raw)]; ok {
		return s
	}
	s := rd.text(raw)
	rd.book.letters[string(raw)] = s
	return s
}
