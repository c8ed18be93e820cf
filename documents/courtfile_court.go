package documents

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"relance/data"
)

// Court is where the claim goes and with which form: a request for a
// payment order (injonction de payer) for a business or a consumer, a
// référé-provision before the administrative court for a public buyer,
// against whom no payment order can be sought.
type Court struct {
	Name      string // "Président du tribunal des activités économiques de Lyon"
	Procedure string // the procedure and its articles
	Form      string // "Cerfa n° 12946"; "" before the tribunal administratif
	Fee       string // the court-office fee
	Note      string // what the owner must check
	Civil     bool   // tribunal judiciaire (a consumer or another civil debtor)
	// Administrative: a public buyer's referral to the tribunal
	// administratif (référé-provision, Code de justice administrative
	// R541-1), not a request for a payment order.
	Administrative bool
}

// pilotCities have a "tribunal des activités économiques" in place of the
// tribunal de commerce since 2025 (LEGAL_FR.md).
var pilotCities = map[string]string{
	"AVIGNON": "Avignon", "AUXERRE": "Auxerre", "LE HAVRE": "Le Havre", "LE MANS": "Le Mans", "LIMOGES": "Limoges",
	"LYON": "Lyon", "MARSEILLE": "Marseille", "NANCY": "Nancy", "NANTERRE": "Nanterre", "PARIS": "Paris",
	"SAINT-BRIEUC": "Saint-Brieuc", "VERSAILLES": "Versailles",
}

// CompetentCourt is the court the debtor's type sends the claim to
// (LEGAL_FR.md, "Debtor types"): for a commercial debtor, the president
// of the tribunal de commerce of its seat (tribunal des activités
// économiques in the twelve pilot cities), Cerfa 12946; for a civil
// debtor (SCI, association, liberal profession) or a consumer, the
// tribunal judiciaire, Cerfa 12948; for a public buyer, the tribunal
// administratif, by a référé-provision. The court's district may cover
// the debtor's town without bearing its name: the note says to check.
func CompetentCourt(c data.Client) Court {
	city := strings.TrimSpace(c.Address.City)
	switch c.Kind {
	case data.Consumer:
		return civilCourt(city, "La requête se dépose au tribunal judiciaire du domicile du débiteur : vérifiez le tribunal "+
			"compétent pour cette commune sur l'annuaire des juridictions (justice.fr).")
	case data.Civil:
		return civilCourt(city, "Le débiteur est une personne civile (SCI, association, profession libérale) : la requête "+
			"se dépose au tribunal judiciaire de son siège ou de son domicile. Vérifiez le tribunal compétent pour cette "+
			"commune sur l'annuaire des juridictions (justice.fr).")
	case data.PublicBuyer:
		return administrativeCourt(city)
	}
	return commercialCourt(city)
}

// paymentOrder is the procedure of an injonction de payer.
const paymentOrder = "Injonction de payer (articles 1405 et suivants du Code de procédure civile)"

// civilCourt is the tribunal judiciaire: Cerfa 12948, no fee.
func civilCourt(city, note string) Court {
	return Court{Name: "Tribunal judiciaire dont relève " + orUnknown(city), Procedure: paymentOrder, Form: "Cerfa n° 12948",
		Fee: "aucun (gratuit)", Civil: true, Note: note}
}

// commercialCourt is the president of the tribunal de commerce, or of the
// tribunal des activités économiques in a pilot city: Cerfa 12946.
func commercialCourt(city string) Court {
	court := Court{Procedure: paymentOrder, Form: "Cerfa n° 12946", Fee: "environ 35 à 42 € de frais de greffe",
		Note: "La requête se dépose au tribunal du siège du débiteur : vérifiez sur l'annuaire des juridictions " +
			"(justice.fr) le tribunal dont relève cette commune. Le débiteur est enregistré comme commerçant, société " +
			"ou artisan ; si c'est en fait une SCI, une association ou une profession libérale, changez son type dans " +
			"sa fiche client : le dossier sera alors préparé pour le tribunal judiciaire."}
	if name, ok := pilotCities[cityKey(city)]; ok {
		court.Name = "Président du tribunal des activités économiques de " + name
		return court
	}
	court.Name = "Président du tribunal de commerce dont relève " + orUnknown(city)
	return court
}

// administrativeCourt is the judge of urgent applications of the
// tribunal administratif: a public buyer cannot be the object of an
// injonction de payer; an undisputed debt is claimed by a référé-provision.
func administrativeCourt(city string) Court {
	return Court{Name: "Juge des référés du tribunal administratif dont relève " + orUnknown(city),
		Procedure: "Référé-provision (article R541-1 du Code de justice administrative)", Fee: "aucun", Administrative: true,
		Note: "Un acheteur public ne peut pas faire l'objet d'une injonction de payer : la créance se réclame au juge " +
			"des référés du tribunal administratif, qui peut accorder une provision lorsque l'existence de l'obligation " +
			"n'est pas sérieusement contestable (référé-provision, article R541-1 du Code de justice administrative). " +
			"Pour un marché public, le tribunal compétent est en principe celui du lieu d'exécution du contrat " +
			"(article R312-11 du même code) : vérifiez-le sur l'annuaire des juridictions (justice.fr). La " +
			"représentation par un avocat est en principe obligatoire pour une demande de paiement devant le tribunal " +
			"administratif (article R431-2) : faites-vous conseiller."}
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
