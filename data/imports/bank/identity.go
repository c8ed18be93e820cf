package bank

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// digestLength is how many hexadecimal digits of the SHA-256 an ID keeps:
// 80 bits, far beyond what a company's statements could collide on, while
// the ID stays short enough to read in a log.
const digestLength = 20

// DigestIDs gives every line without an ID one computed from what the
// line says: the format, its account, then a digest of the account, the
// booking date, the amount and the label (upper case, runs of spaces as
// one), then the rank of the line among the identical lines before it in
// the slice (1, 2, ...).
//
// The bank's own reference is the best identity, but CFONB, QIF, CSV and
// some OFX or CAMT files have none, and the same movement comes again when
// the user imports overlapping statements (March, then 15 March to 15
// April) or one statement twice: the digest brings it the same ID each
// time, so that it is imported once. The rank keeps apart two identical
// movements on one day (two 50 € card payments at the same shop), which
// every statement covering that day lists both of, in the same order.
// The lines must therefore be in file order, and the function be called
// once per statement.
func DigestIDs(format Format, lines []Line) {
	seen := map[string]int{}
	for i := range lines {
		l := &lines[i]
		if l.ID != "" {
			continue
		}
		digest := lineDigest(l)
		seen[digest]++
		l.ID = string(format) + ":" + l.Account + ":" + digest + ":" + strconv.Itoa(seen[digest])
	}
}

// lineDigest is the hexadecimal digest of what identifies a movement
// without a bank reference.
func lineDigest(l *Line) string {
	label := strings.Join(strings.Fields(strings.ToUpper(l.Label)), " ")
	key := l.Account + "|" + l.Booked.String() + "|" + strconv.FormatInt(int64(l.Amount), 10) + "|" + label
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])[:digestLength]
}

// uniqueIDs makes the IDs of one statement unique: a bank that gives two
// movements the same reference (seen with reused OFX FITIDs) would
// otherwise have the second taken for the first and dropped. A repeat
// gets "#2", "#3"... in file order, so that reading the file again gives
// the same IDs.
func uniqueIDs(lines []Line) {
	seen := make(map[string]bool, len(lines))
	for i := range lines {
		id := lines[i].ID
		for n := 2; seen[id]; n++ {
			id = lines[i].ID + "#" + strconv.Itoa(n)
		}
		lines[i].ID = id
		seen[id] = true
	}
}
