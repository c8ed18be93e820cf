package documents

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"relance/data"
)

// Court is where a request for a payment order (injonction de payer) is
// filed, and with which form.
type Court struct {
	Name  string // "Tribunal des activités économiques de Lyon"
	Form  string // "Cerfa n° 12946"
	Fee   string // the court-office fee
	Note  string // what the owner must check
	Civil bool   // tribunal judiciaire (a consumer or another civil debtor)
}

// pilotCities have a "tribunal des activités économiques" in place of the
// tribunal de commerce since 2025 (LEGAL_FR.md).
var pilotCities = map[string]string{
	"AVIGNON": "Avignon", "AUXERRE": "Auxerre", "LE HAVRE": "Le Havre", "LE MANS": "Le Mans", "LIMOGES": "Limoges",
	"LYON": "Lyon", "MARSEILLE": "Marseille", "NANCY": "Nancy", "NANTERRE": "Nanterre", "PARIS": "Paris",
	"SAINT-BRIEUC": "Saint-Brieuc", "VERSAILLES": "Versailles",
}

// CompetentCourt is the court of the debtor's seat: for a business, the
// president of the tribunal de commerce (tribunal des activités
// économiques in the twelve pilot cities), Cerfa 12946; for a consumer,
// the tribunal judiciaire, Cerfa 12948. The court's district may cover the
// debtor's town without bearing its name: the note says to check.
func CompetentCourt(c data.Client) Court {
	city := strings.TrimSpace(c.Address.City)
	if c.Kind == data.Consumer {
		return Court{Name: "Tribunal judiciaire dont relève " + orUnknown(city), Form: "Cerfa n° 12948", Fee: "aucun (gratuit)",
			Civil: true, Note: "La requête se dépose au tribunal judiciaire du domicile du débiteur : vérifiez le tribunal " +
				"compétent pour cette commune sur l'annuaire des juridictions (justice.fr)."}
	}
	court := Court{Form: "Cerfa n° 12946", Fee: "environ 35 à 42 € de frais de greffe",
		Note: "La requête se dépose au tribunal du siège du débiteur : vérifiez sur l'annuaire des juridictions " +
			"(justice.fr) le tribunal dont relève cette commune. Si le débiteur est une association, une SCI ou une " +
			"profession libérale, c'est le tribunal judiciaire qui est compétent (Cerfa n° 12948, gratuit)."}
	if name, ok := pilotCities[cityKey(city)]; ok {
		court.Name = "Président du tribunal des activités économiques de " + name
		return court
	}
	court.Name = "Président du tribunal de commerce dont relève " + orUnknown(city)
	return court
}

func orUnknown(city string) string {
	if city == "" {
		return "la commune du siège du débiteur"
	}
	return city
}

// cityKey normalises a city for the pilot list: capitals without accents,
// without "CEDEX" nor an arrondissement ("Lyon 3e", "Paris Cedex 08").
func cityKey(city string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToUpper(city)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsDigit(r):
			return trimCity(b.String())
		default:
			b.WriteRune(r)
		}
	}
	return trimCity(b.String())
}

func trimCity(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, " CEDEX", ""))
	s = strings.ReplaceAll(s, "ST-", "SAINT-")
	return strings.TrimSpace(strings.TrimSuffix(s, " CEDEX"))
}
