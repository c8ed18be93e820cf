package facturx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// The namespaces of the two syntaxes EN 16931 allows, by the prefixes the
// paths of this package (and of FORMATS.md) write them with. Elements are
// matched by namespace URI: a file may bind any prefix, or none, to them.
const (
	nsRSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
	nsRAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
	nsUDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"

	nsUBLInvoice    = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
	nsUBLCreditNote = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
	nsCBC           = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
	nsCAC           = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
)

// namespace is the URI a path prefix stands for.
func namespace(prefix string) string {
	switch prefix {
	case "rsm":
		return nsRSM
	case "ram":
		return nsRAM
	case "udt":
		return nsUDT
	case "cbc":
		return nsCBC
	case "cac":
		return nsCAC
	}
	return ""
}

// node is an XML element: its name, attributes, text and child elements.
// An e-invoice is a few tens of kilobytes, so it is read whole into a tree:
// the fields are then plain path lookups, in any order.
type node struct {
	name     xml.Name
	attrs    []xml.Attr
	text     []byte
	children []*node
}

// parseXML reads a whole XML document. It refuses what is not well formed,
// a document with no element, and one with a second element after the
// root.
func parseXML(b []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))))
	d.CharsetReader = charsetReader
	var root *node
	var open []*node
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name, attrs: t.Attr}
			if len(open) > 0 {
				parent := open[len(open)-1]
				parent.children = append(parent.children, n)
			} else if root != nil {
				return nil, errors.New("more than one root element")
			} else {
				root = n
			}
			open = append(open, n)
		case xml.EndElement:
			if len(open) > 0 { // the strict decoder has checked it matches
				open = open[:len(open)-1]
			}
		case xml.CharData:
			if len(open) > 0 {
				top := open[len(open)-1]
				top.text = append(top.text, t...) // copied: the decoder reuses its buffer
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// charsetReader decodes the legacy encodings an XML declaration may name.
// EN 16931 files are UTF-8, but some tools still declare ISO-8859-1 or
// Windows-1252; UTF-8 itself never reaches here.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return charmap.ISO8859_1.NewDecoder().Reader(r), nil
	case "iso-8859-15", "iso8859-15", "latin9", "latin-9":
		return charmap.ISO8859_15.NewDecoder().Reader(r), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

// is reports whether the element matches one step of a path, "ram:ID".
func (n *node) is(step string) bool {
	prefix, local, ok := strings.Cut(step, ":")
	if !ok {
		return false
	}
	return n.name.Local == local && n.name.Space == namespace(prefix)
}

// all is every element at path below n ("ram:A/ram:B"), in document
// order. A nil node has none, so that lookups chain without checks.
func (n *node) all(path string) []*node {
	if n == nil {
		return nil
	}
	level := []*node{n}
	for step := range strings.SplitSeq(path, "/") {
		var next []*node
		for _, p := range level {
			for _, c := range p.children {
				if c.is(step) {
					next = append(next, c)
				}
			}
		}
		level = next
	}
	return level
}

// first is the first element at path below n, or nil.
func (n *node) first(path string) *node {
	if all := n.all(path); len(all) > 0 {
		return all[0]
	}
	return nil
}

// value is the element's text without the surrounding white space; ""
// for a missing element.
func (n *node) value() string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(string(n.text))
}

// attr is the value of an unqualified attribute (schemeID, format,
// currencyID), "" when absent.
func (n *node) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// scope is an element and the absolute path it was reached by: every
// value read below it can then name its own path in a problem.
type scope struct {
	n    *node // nil when the element is absent: lookups find nothing
	path string
}

// field is a value read from the document, with where it was read.
type field struct {
	path  string
	n     *node // nil when absent
	value string
}

// sub is the scope of the first element at rel.
func (s scope) sub(rel string) scope {
	return scope{n: s.n.first(rel), path: s.path + "/" + rel}
}

// field is the first element at rel.
func (s scope) field(rel string) field {
	n := s.n.first(rel)
	return field{path: s.path + "/" + rel, n: n, value: n.value()}
}

// text is the text of the first element at rel, "" when absent.
func (s scope) text(rel string) string {
	return s.n.first(rel).value()
}

// withScheme is the first element at rel whose schemeID is scheme, as in
// ram:URIID schemeID="EM". Its path says which scheme was looked for.
func (s scope) withScheme(rel, scheme string) field {
	f := field{path: fmt.Sprintf("%s/%s[@schemeID='%s']", s.path, rel, scheme)}
	for _, n := range s.n.all(rel) {
		if n.attr("schemeID") == scheme {
			f.n, f.value = n, n.value()
			break
		}
	}
	return f
}

// either is the first of the fields that is present, or the first field
// (absent) so that a problem names the main path.
func either(fields ...field) field {
	for _, f := range fields {
		if f.value != "" {
			return f
		}
	}
	return fields[0]
}
