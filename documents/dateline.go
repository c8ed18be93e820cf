package documents

import (
	"strings"

	"relance/data"
)

// DateLine is the place-and-date line of a letter in French business style:
// "Lyon, le 1er mars 2026" (month in lower case, "1er" for the first). With
// no city it is "Le 1er mars 2026".
func DateLine(city string, d data.Date) string {
	city = strings.TrimSpace(city)
	if city == "" {
		return "Le " + d.LongFR()
	}
	return city + ", le " + d.LongFR()
}
