package genbook

import (
	"fmt"
	"strconv"
	"strings"

	"relance/data"
)

// The word lists the clients' names and addresses are combined from. The
// combinations are fictional; the cities and their postcodes are real, so
// that addresses read as French ones do.

var surnames = []string{
	"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
	"Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
	"Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André",
	"Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
	"Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
	"Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
	"Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
	"Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
	"Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
	"Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
	"Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
	"Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
	"Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
	"Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
	"Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain",
	"Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
	"Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
	"Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva",
	"Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret",
	"Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
}

// firstNames are women's names first, then men's: the index tells the civility.
var firstNames = []string{
	"Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Sophie", "Valérie", "Sandrine", "Céline",
	"Julie", "Camille", "Émilie", "Aurélie", "Claire", "Anne", "Laure", "Hélène", "Léa", "Manon",
	"Chloé", "Pauline", "Élodie", "Caroline", "Virginie", "Stéphanie", "Agnès", "Florence", "Martine", "Brigitte",
	"Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick", "Laurent", "Stéphane",
	"Frédéric", "Julien", "Sébastien", "David", "Thomas", "Olivier", "Éric", "Antoine", "Maxime", "Hugo",
	"Lucas", "Romain", "Guillaume", "Vincent", "François", "Jérôme", "Mathieu", "Benoît", "Karim", "Yannick",
}

const womenFirstNames = 30

// trades are the lines of business of shops, craftsmen and firms.
var trades = []string{
	"Boulangerie", "Boucherie", "Pâtisserie", "Fromagerie", "Épicerie", "Pharmacie", "Garage", "Carrosserie",
	"Menuiserie", "Plomberie", "Électricité", "Maçonnerie", "Couverture", "Charpente", "Peinture", "Serrurerie",
	"Chauffage", "Paysages", "Transports", "Imprimerie", "Librairie", "Fleurs", "Optique", "Coiffure",
	"Restaurant", "Brasserie", "Hôtel", "Café", "Cave", "Quincaillerie", "Traiteur", "Ambulances",
	"Taxis", "Nettoyage", "Informatique", "Conseil", "Expertise comptable", "Architecture", "Ingénierie", "Sécurité",
	"Déménagements", "Location", "Carrelage", "Vitrerie", "Isolation", "Terrassement", "Ferronnerie", "Ébénisterie",
}

// places complete "Garage du Centre", "Pharmacie de la Gare".
var places = []string{
	"du Centre", "de la Gare", "du Port", "du Marché", "de la Place", "du Château", "des Halles", "du Lac",
	"de l'Église", "du Moulin", "des Tilleuls", "du Parc", "de la Poste", "des Arts", "du Pont", "de la Vallée",
}

// brands are the made-up words of agencies and studios: "Atelier Horizon".
var brands = []string{
	"Horizon", "Azur", "Lumière", "Boréal", "Cèdre", "Émeraude", "Galilée", "Hélios", "Iris", "Kairos",
	"Lys", "Mistral", "Nova", "Opale", "Prisme", "Quartz", "Rivage", "Sirius", "Tramontane", "Ulysse",
	"Vega", "Zénith", "Alizé", "Archipel", "Cap Nord", "Équinoxe", "Orion", "Pléiade", "Sémaphore", "Vertige",
}

var brandKinds = []string{"Atelier", "Studio", "Agence", "Cabinet", "Groupe", "Bureau", "Maison", "Société"}

var businessForms = []string{"SARL", "SAS", "SASU", "EURL", "SA", "SARL", "SAS"}

var streetKinds = []string{"rue", "rue", "rue", "avenue", "boulevard", "place", "chemin", "allée", "impasse", "quai", "route"}

var streetNames = []string{
	"de la République", "Victor Hugo", "Jean Jaurès", "du Général de Gaulle", "Pasteur", "de la Gare", "des Lilas",
	"du Moulin", "de l'Église", "Gambetta", "Voltaire", "Carnot", "de Paris", "Nationale", "des Écoles",
	"du Château", "Émile Zola", "Jules Ferry", "de la Liberté", "du Stade", "des Acacias", "Foch", "Clemenceau",
	"de Verdun", "du Commerce", "des Roses", "Anatole France", "Saint-Martin", "de la Mairie", "des Peupliers",
}

// cities are real cities and one of their postcodes; area is the first
// digit of their landline numbers.
var cities = []struct{ name, postcode, area string }{
	{"Paris", "75011", "1"}, {"Paris", "75015", "1"}, {"Paris", "75018", "1"}, {"Boulogne-Billancourt", "92100", "1"},
	{"Montreuil", "93100", "1"}, {"Versailles", "78000", "1"}, {"Créteil", "94000", "1"}, {"Argenteuil", "95100", "1"},
	{"Lyon", "69003", "4"}, {"Lyon", "69007", "4"}, {"Villeurbanne", "69100", "4"}, {"Grenoble", "38000", "4"},
	{"Saint-Étienne", "42000", "4"}, {"Marseille", "13006", "4"}, {"Aix-en-Provence", "13100", "4"}, {"Nice", "06000", "4"},
	{"Toulon", "83000", "4"}, {"Montpellier", "34000", "4"}, {"Nîmes", "30000", "4"}, {"Annecy", "74000", "4"},
	{"Toulouse", "31000", "5"}, {"Bordeaux", "33000", "5"}, {"Pau", "64000", "5"}, {"Bayonne", "64100", "5"},
	{"Limoges", "87000", "5"}, {"Poitiers", "86000", "5"}, {"La Rochelle", "17000", "5"}, {"Perpignan", "66000", "4"},
	{"Nantes", "44000", "2"}, {"Rennes", "35000", "2"}, {"Brest", "29200", "2"}, {"Angers", "49000", "2"},
	{"Le Mans", "72000", "2"}, {"Tours", "37000", "2"}, {"Caen", "14000", "2"}, {"Rouen", "76000", "2"},
	{"Lille", "59000", "3"}, {"Roubaix", "59100", "3"}, {"Amiens", "80000", "3"}, {"Reims", "51100", "3"},
	{"Metz", "57000", "3"}, {"Nancy", "54000", "3"}, {"Strasbourg", "67000", "3"}, {"Mulhouse", "68100", "3"},
	{"Dijon", "21000", "3"}, {"Besançon", "25000", "3"}, {"Orléans", "45000", "2"}, {"Clermont-Ferrand", "63000", "4"},
}

// fictionPrefixes are the number blocks ARCEP keeps for fiction, by area
// ("6" for mobiles): a generated client's phone is nobody's.
var fictionPrefixes = map[string]string{
	"1": "01 99 00", "2": "02 61 91", "3": "03 53 01", "4": "04 65 71", "5": "05 36 49", "6": "06 39 98",
}

var mailDomains = []string{"orange.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr", "wanadoo.fr"}

var mailboxes = []string{"contact", "compta", "comptabilite", "factures", "direction", "accueil", "gestion"}

// identity is who a client is: its name and how to reach it.
type identity struct {
	name, siren, vat              string
	civility, contact             string
	email, cc, phone              string
	street, postcode, city, notes string
}

// person draws a first name and a surname, and the matching civility.
func (d *dice) person() (civility, first, last string) {
	i := d.intn(len(firstNames))
	civility = data.CivilitySir
	if i < womenFirstNames {
		civility = data.CivilityMadam
	}
	return civility, firstNames[i], d.pick(surnames)
}

// businessName draws a company name of one of the usual French shapes;
// public bodies and associations are named after their city.
func (d *dice) businessName(kind data.ClientKind, city string) string {
	switch kind {
	case data.PublicBuyer:
		return d.publicName(city)
	case data.Civil:
		return d.civilName(city)
	}
	form := d.pick(businessForms)
	switch d.intn(6) {
	case 0:
		return d.pick(trades) + " " + d.pick(surnames) + " " + form
	case 1:
		return d.pick(trades) + " " + d.pick(places)
	case 2:
		return d.pick(surnames) + " & Fils " + form
	case 3:
		return d.pick(brandKinds) + " " + d.pick(brands) + " " + form
	case 4:
		return d.pick(surnames) + "-" + d.pick(surnames) + " " + form
	}
	return d.pick(trades) + " " + d.pick(brands)
}

func (d *dice) publicName(city string) string {
	switch d.intn(4) {
	case 0:
		return "Mairie de " + city
	case 1:
		return "Centre hospitalier de " + city
	case 2:
		return "Collège " + d.pick(brands)
	}
	return "Communauté d'agglomération de " + city
}

func (d *dice) civilName(city string) string {
	switch d.intn(3) {
	case 0:
		return "SCI " + d.pick(brands)
	case 1:
		return "Association " + d.pick(brands) + " " + city
	}
	return "Cabinet " + d.pick(surnames) + " et Associés"
}

// identity draws a client's name, identifiers and contact details; some
// have no email or no phone, as in a real book.
func (d *dice) identity(kind data.ClientKind) identity {
	var id identity
	civility, first, last := d.person()
	city := cities[d.intn(len(cities))]
	id.street = fmt.Sprintf("%d %s %s", d.between(1, 140), d.pick(streetKinds), d.pick(streetNames))
	id.postcode, id.city = city.postcode, city.name
	if kind == data.Consumer {
		id.name, id.civility, id.contact = first+" "+last, civility, first+" "+last
		if d.chance(0.6) {
			id.email = fmt.Sprintf("%s.%s%d@%s", slug(first, ""), slug(last, ""), d.between(1, 99), d.pick(mailDomains))
		}
		if d.chance(0.7) {
			id.phone = d.phone("6")
		}
		return id
	}
	id.name = d.businessName(kind, city.name)
	id.siren = d.siren(kind)
	if kind == data.Commercial && d.chance(0.6) {
		id.vat = frenchVATNumber(id.siren)
	}
	if d.chance(0.7) {
		id.civility, id.contact = civility, first+" "+last
	}
	if d.chance(0.75) {
		domain := slug(id.name, "-") + ".fr"
		id.email = d.pick(mailboxes) + "@" + domain
		if d.chance(0.15) {
			id.cc = "comptabilite@" + domain
		}
	}
	if d.chance(0.65) {
		id.phone = d.phone(city.area)
	}
	return id
}

// siren draws a SIREN with a valid Luhn key; those of communes and public
// bodies start with 2.
func (d *dice) siren(kind data.ClientKind) string {
	first := d.between(3, 9)
	if kind == data.PublicBuyer {
		first = 2
	}
	return withLuhnKey(fmt.Sprintf("%d%07d", first, d.intn(10_000_000)))
}

// phone draws a number in the fiction block of an area.
func (d *dice) phone(area string) string {
	return fmt.Sprintf("%s %02d %02d", fictionPrefixes[area], d.intn(100), d.intn(100))
}

// withLuhnKey appends the digit that makes digits pass the Luhn check: the
// key of a SIREN.
func withLuhnKey(digits string) string {
	sum := 0
	for i := range len(digits) {
		n := int(digits[len(digits)-1-i] - '0')
		if i%2 == 0 { // the key takes the rightmost place: its neighbour is doubled
			if n *= 2; n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return digits + strconv.Itoa((10-sum%10)%10)
}

// frenchVATNumber derives the intra-community VAT number from a SIREN:
// FR, the key (12 + 3 × (SIREN mod 97)) mod 97, the SIREN.
func frenchVATNumber(siren string) string {
	n, _ := strconv.Atoi(siren)
	return fmt.Sprintf("FR%02d%s", (12+3*(n%97))%97, siren)
}

// slug makes a name fit for an email address: lower case, no accents, words
// joined by sep, legal forms dropped.
func slug(name, sep string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return r == ' ' || r == '-' || r == '\'' || r == '&'
	}) {
		switch w {
		case "sarl", "sas", "sasu", "eurl", "sa", "et", "de", "du", "la", "le", "des", "l":
			continue
		}
		words = append(words, plain.Replace(w))
	}
	return strings.Join(words, sep)
}

// plain takes the accents off the letters French names use.
var plain = strings.NewReplacer("à", "a", "â", "a", "ä", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ÿ", "y", "œ", "oe")
