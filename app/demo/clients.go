package demo

import "relance/data"

// The client categories, each with its own dunning scenario and, in the demo,
// its own way of paying (see payDelay).
const (
	standard   = "standard"
	goodPayer  = "good_payer"
	risky      = "risky"
	keyAccount = "key_account"
)

// clientRow is one client of the demo book, with what the generator needs to
// invoice it like a real customer of a lighting workshop.
type clientRow struct {
	key      string // how the scripted invoices name the client
	name     string
	consumer bool
	// kind is the debtor type when it is not commercial (nor consumer):
	// the commune is a public buyer, the SCI and the association civil debtors.
	kind     data.ClientKind
	siren    string // the first 8 digits (the Luhn key is added); "" when not known
	contact  string
	civility string // the contact's: data.CivilityMadam or data.CivilitySir
	email    string
	emailCC  string
	phone    string
	address  data.Address
	category string
	english  bool
	notes    string
	terms    int    // days from issue to due date
	weight   int    // share of the invoices over the year
	ht       span   // typical job, euros before VAT
	po       string // purchase-order format over (year, number); "" when the client sends none
	noVAT    bool   // abroad: reverse charge or export, invoiced without French VAT
}

// span is a range of whole euros.
type span struct{ lo, hi int }

func fr(street, postalCode, city string) data.Address {
	return data.Address{Street: street, PostalCode: postalCode, City: city, Country: "FR"}
}

// demoClients are fictional: names, addresses at real streets and postcodes,
// phone numbers in the local style (mobiles in the range ARCEP keeps for
// fiction), e-mail domains made up for each company.
var demoClients = []clientRow{
	{key: "belvedere", name: "Hôtels Belvédère SAS", siren: "83025171", category: keyAccount,
		contact: "Marc Lefebvre", civility: data.CivilitySir, email: "achats@hotels-belvedere.fr", emailCC: "comptabilite@hotels-belvedere.fr",
		phone: "04 72 60 14 90", address: fr("45 quai Rambaud", "69002", "Lyon"), terms: 60, weight: 9,
		ht: span{1500, 9500}, po: "PO-HB-%05[2]d", notes: "Déposer aussi chaque facture sur leur portail fournisseurs."},
	{key: "vernet", name: "Vernet Architectes SARL", siren: "79140386", category: keyAccount,
		contact: "Hélène Vernet", civility: data.CivilityMadam, email: "agence@vernet-architectes.fr", phone: "04 78 24 63 05",
		address: fr("27 rue Tronchet", "69006", "Lyon"), terms: 45, weight: 9, ht: span{800, 8000}, po: "Chantier %d-%03[2]d"},
	{key: "mairie", name: "Mairie de Saint-Aubin-d'Azergues", siren: "21690599", category: standard, kind: data.PublicBuyer,
		contact: "Jean-Luc Perrin", civility: data.CivilitySir, email: "services.techniques@saint-aubin-azergues.fr", phone: "04 74 67 31 20",
		address: fr("Place de la Mairie", "69480", "Saint-Aubin-d'Azergues"), terms: 30, weight: 5,
		ht: span{400, 5000}, po: "BC %d/%04d", notes: "Paiement par mandat administratif ; bon de commande obligatoire."},
	{key: "gerland", name: "SCI Les Jardins de Gerland", siren: "50318842", category: goodPayer, kind: data.Civil,
		contact: "François Aubert", civility: data.CivilitySir, email: "gestion@sci-jardins-gerland.fr", phone: "04 78 72 90 11",
		address: fr("112 avenue Jean Jaurès", "69007", "Lyon"), terms: 30, weight: 4, ht: span{150, 2500}},
	{key: "fournier", name: "Boulangerie Fournier & Fils SARL", siren: "48827315", category: goodPayer,
		contact: "Paul Fournier", civility: data.CivilitySir, email: "contact@boulangerie-fournier-fils.fr", phone: "04 78 85 22 47",
		address: fr("8 rue Francis de Pressensé", "69100", "Villeurbanne"), terms: 30, weight: 4, ht: span{90, 1800}},
	{key: "margaux", name: "Bistrot Chez Margaux SARL", siren: "81966204", category: risky,
		contact: "Margaux Petit", civility: data.CivilityMadam, email: "chezmargaux.bistrot@bistrot-margaux.fr", phone: "04 78 28 16 53",
		address: fr("17 rue d'Austerlitz", "69004", "Lyon"), terms: 30, weight: 5, ht: span{200, 2800},
		notes: "Règle souvent après relance téléphonique ; appeler le matin."},
	{key: "comptoir", name: "Le Comptoir des Pentes SAS", siren: "85290417", category: standard,
		contact: "Karim Benali", civility: data.CivilitySir, email: "gerance@comptoir-des-pentes.fr", phone: "04 72 07 45 38",
		address: fr("3 montée de la Grande-Côte", "69001", "Lyon"), terms: 30, weight: 6, ht: span{150, 3000}},
	{key: "orage", name: "Studio Graphique Orage EURL", siren: "88417623", category: standard,
		contact: "Léa Girard", civility: data.CivilityMadam, email: "studio@orage-graphisme.fr", phone: "04 72 33 58 02",
		address: fr("41 rue Paul Bert", "69003", "Lyon"), terms: 30, weight: 4, ht: span{300, 2400}},
	{key: "kaleido", name: "Agence Kaléido Communication SAS", siren: "75530918", category: goodPayer,
		contact: "Antoine Roux", civility: data.CivilitySir, email: "compta@kaleido-communication.fr", phone: "04 76 46 12 87",
		address: fr("9 place Grenette", "38000", "Grenoble"), terms: 30, weight: 6, ht: span{400, 4500}, po: "KC-%d-%03[2]d"},
	{key: "tilleuls", name: "Pharmacie des Tilleuls SELARL", siren: "52064139", category: goodPayer,
		contact: "Isabelle Faure", civility: data.CivilityMadam, email: "pharmacie@pharmacie-des-tilleuls.fr", phone: "04 78 23 41 60",
		address: fr("52 Grande Rue de Saint-Clair", "69300", "Caluire-et-Cuire"), terms: 30, weight: 4, ht: span{120, 3500}},
	{key: "optique", name: "Optique Saint-Jean SARL", siren: "81107455", category: standard,
		contact: "Nicolas Blanc", civility: data.CivilitySir, email: "boutique@optique-saint-jean.fr", phone: "04 78 37 19 24",
		address: fr("24 rue Saint-Jean", "69005", "Lyon"), terms: 30, weight: 4, ht: span{100, 1500}},
	{key: "librairie", name: "Librairie La Page Blanche SARL", siren: "44901263", category: standard,
		contact: "Camille Moreau", civility: data.CivilityMadam, email: "librairie@lapageblanche-annecy.fr", phone: "04 50 45 27 96",
		address: fr("6 rue Royale", "74000", "Annecy"), terms: 30, weight: 3, ht: span{150, 2200}},
	{key: "garage", name: "Garage Rolland Automobiles SARL", siren: "39275084", category: risky,
		contact: "Didier Rolland", civility: data.CivilitySir, email: "garage@rolland-automobiles.fr", phone: "04 78 70 53 14",
		address: fr("88 boulevard Ambroise Croizat", "69200", "Vénissieux"), terms: 30, weight: 3, ht: span{250, 4000}},
	{key: "berthier", name: "Électricité Berthier EURL", siren: "82453306", category: standard,
		contact: "Julien Berthier", civility: data.CivilitySir, email: "julien@berthier-electricite.fr", phone: "04 78 26 91 73",
		address: fr("15 avenue Franklin Roosevelt", "69500", "Bron"), terms: 30, weight: 5, ht: span{200, 2000}},
	{key: "chabert", name: "Menuiserie Chabert SARL", siren: "43368152", category: goodPayer,
		contact: "Bernard Chabert", civility: data.CivilitySir, email: "atelier@menuiserie-chabert.fr", phone: "04 77 32 64 08",
		address: fr("31 rue de la Résistance", "42000", "Saint-Étienne"), terms: 30, weight: 3, ht: span{300, 3000}},
	{key: "oxymore", name: "Galerie Oxymore SAS", siren: "80661749", category: standard,
		contact: "Élise Morin", civility: data.CivilityMadam, email: "contact@galerie-oxymore.fr", phone: "01 42 71 38 56",
		address: fr("19 rue Debelleyme", "75003", "Paris"), terms: 30, weight: 3, ht: span{600, 6000}},
	{key: "tirebouchon", name: "Cave Le Tire-Bouchon SARL", category: risky,
		contact: "Sylvain Lacroix", civility: data.CivilitySir, email: "cave@letirebouchon-caviste.fr", phone: "04 74 65 18 42",
		address: fr("102 rue Nationale", "69400", "Villefranche-sur-Saône"), terms: 30, weight: 3, ht: span{150, 1500}},
	{key: "treteaux", name: "Association Les Tréteaux du Rhône", category: standard, kind: data.Civil,
		contact: "Martine Gauthier", civility: data.CivilityMadam, email: "tresorerie@treteaux-du-rhone.fr", phone: "04 74 85 20 66",
		address: fr("4 rue des Clercs", "38200", "Vienne"), terms: 30, weight: 2, ht: span{300, 2500},
		notes: "Association loi 1901 ; le trésorier signe les paiements le premier lundi du mois."},
	{key: "coiffure", name: "Coiffure Atelier Sept EURL", siren: "89034571", category: risky,
		contact: "Inès Haddad", civility: data.CivilityMadam, email: "atelier7@atelier-sept-coiffure.fr", phone: "04 78 58 07 31",
		address: fr("7 rue de Marseille", "69007", "Lyon"), terms: 30, weight: 2, ht: span{150, 1200}},
	{key: "veto", name: "Clinique Vétérinaire des Monts d'Or SELARL", siren: "51176924", category: goodPayer,
		contact: "Olivier Mercier", civility: data.CivilitySir, email: "accueil@veto-montsdor.fr", phone: "04 78 35 42 19",
		address: fr("2 chemin de la Liasse", "69570", "Dardilly"), terms: 30, weight: 2, ht: span{200, 2500}},
	{key: "harper", name: "Harper & Lowe Interiors Ltd", category: goodPayer, english: true, noVAT: true,
		contact: "Emma Harper", civility: data.CivilityMadam, email: "accounts@harperlowe-interiors.co.uk", phone: "+44 20 7946 0321",
		address: data.Address{Street: "14 Cheshire Street", PostalCode: "E2 6EH", City: "London", Country: "GB"},
		terms:   30, weight: 3, ht: span{1200, 6000}, po: "HL-PO-%04[2]d",
		notes: "Export of services outside the EU: invoiced without French VAT."},
	{key: "dunmore", name: "Dunmore Boutique Hotel Ltd", category: risky, english: true, noVAT: true,
		contact: "Ciarán Byrne", civility: data.CivilitySir, email: "finance@dunmore-boutiquehotel.ie", phone: "+353 1 660 2187",
		address: data.Address{Street: "7 Haddington Road", PostalCode: "D04 X2K8", City: "Dublin", Country: "IE"},
		terms:   45, weight: 2, ht: span{1500, 7000}, notes: "Autoliquidation de la TVA (client UE assujetti)."},
	{key: "garnier", name: "M. Julien Garnier", consumer: true, category: standard,
		email: "julien.garnier@courriel-rhone.fr", phone: "06 39 98 14 27",
		address: fr("5 chemin des Charmilles", "69130", "Écully"), terms: 30, weight: 1, ht: span{150, 1800}},
	{key: "lambert", name: "Mme Sophie Lambert", consumer: true, category: goodPayer,
		email: "sophie.lambert@courriel-rhone.fr", phone: "06 39 98 52 60",
		address: fr("38 quai Pierre Scize", "69009", "Lyon"), terms: 30, weight: 1, ht: span{200, 3000}},
	{key: "dubreuil", name: "M. Thomas Dubreuil", consumer: true, category: risky,
		email: "t.dubreuil@courriel-rhone.fr", phone: "06 39 98 71 05",
		address: fr("21 rue Joseph Faure", "69700", "Givors"), terms: 30, weight: 1, ht: span{80, 800}},
	{key: "rousseau", name: "Mme Nathalie Rousseau", consumer: true, category: standard,
		email: "nathalie.rousseau@courriel-rhone.fr", phone: "06 39 98 36 44",
		address: fr("11 avenue de la République", "69160", "Tassin-la-Demi-Lune"), terms: 30, weight: 1, ht: span{300, 2500}},
}

// demoChannels are the contacts' mobiles (in the range ARCEP keeps for
// fiction) and LinkedIn profiles (made up), by client key: Today's call
// line shows them and "Copy message" writes to them.
var demoChannels = map[string][2]string{
	"belvedere":   {"06 39 98 14 90", "https://www.linkedin.com/in/marc-lefebvre-exemple"},
	"margaux":     {"06 39 98 22 17", ""},
	"comptoir":    {"07 00 00 31 08", "https://www.linkedin.com/in/comptoir-des-pentes-exemple"},
	"orage":       {"", "https://www.linkedin.com/in/studio-orage-exemple"},
	"garage":      {"06 39 98 45 62", ""},
	"tirebouchon": {"06 39 98 57 03", ""},
	"coiffure":    {"06 39 98 60 21", "https://www.linkedin.com/in/atelier-sept-exemple"},
	"dunmore":     {"+44 7700 900123", "https://www.linkedin.com/in/dunmore-hotel-example"},
}

// client turns a row into the domain value the store takes.
func (r clientRow) client() data.Client {
	c := data.Client{
		Name:            r.name,
		Kind:            data.Commercial,
		ContactName:     r.contact,
		ContactCivility: r.civility,
		Email:           r.email,
		EmailCC:         r.emailCC,
		Phone:           r.phone,
		Address:         r.address,
		Category:        r.category,
		Language:        "fr",
		Notes:           r.notes,
	}
	c.Mobile, c.LinkedIn = demoChannels[r.key][0], demoChannels[r.key][1]
	if r.siren != "" {
		c.SIREN = withLuhnKey(r.siren)
	}
	if r.kind != "" {
		c.Kind = r.kind
	}
	if r.consumer {
		c.Kind = data.Consumer
	}
	if r.english {
		c.Language = "en"
	}
	return c
}
