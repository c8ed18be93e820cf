package genbook

import (
	"encoding/json"
	"strings"

	"relance/data"
)

// event is one line of the timeline, waiting for its turn: the queue
// writes events in time order, as a book used day after day has them.
type event struct {
	at      stamp
	seq     uint64 // the order of events of the same instant
	client  int64
	invoice int64 // 0: a client's own event
	kind    data.EventKind
	params  string
}

// eventQueue is a binary heap of events by instant, then by the order they
// were made in. An invoice's story is generated whole, months of it at
// once; the queue holds its events until the generator has moved past their
// day, so that event ids follow time.
type eventQueue []event

func (q eventQueue) less(i, j int) bool {
	return q[i].at < q[j].at || (q[i].at == q[j].at && q[i].seq < q[j].seq)
}

func (q *eventQueue) push(e event) {
	*q = append(*q, e)
	h := *q
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !h.less(i, parent) {
			break
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

func (q *eventQueue) pop() event {
	h := *q
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		small, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && h.less(l, small) {
			small = l
		}
		if r < len(h) && h.less(r, small) {
			small = r
		}
		if small == i {
			break
		}
		h[i], h[small] = h[small], h[i]
		i = small
	}
	*q = h
	return top
}

// event adds an event to an invoice's timeline; kv are the parameters'
// names and values, in pairs.
func (g *generator) event(inv *invoice, when stamp, kind data.EventKind, kv ...string) {
	g.queue(event{at: when, client: inv.client.id, invoice: inv.id, kind: kind, params: params(kv)})
}

// clientEvent adds an event to the timeline of an invoice's client only
// (a task opened on a call, as CreateTask records it).
func (g *generator) clientEvent(inv *invoice, when stamp, kind data.EventKind, kv ...string) {
	g.queue(event{at: when, client: inv.client.id, kind: kind, params: params(kv)})
}

func (g *generator) queue(e event) {
	g.seq++
	e.seq = g.seq
	g.events.push(e)
}

// params writes the parameters as the store does (json.Marshal of a
// map[string]string): keys sorted, values escaped as encoding/json does.
func params(kv []string) string {
	n := len(kv) / 2
	// Insertion sort of the pairs: a handful of keys.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && kv[2*j] < kv[2*j-2]; j-- {
			kv[2*j], kv[2*j-2] = kv[2*j-2], kv[2*j]
			kv[2*j+1], kv[2*j-1] = kv[2*j-1], kv[2*j+1]
		}
	}
	var b strings.Builder
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, kv[2*i])
		b.WriteByte(':')
		writeJSONString(&b, kv[2*i+1])
	}
	b.WriteByte('}')
	return b.String()
}

// writeJSONString writes s quoted; the rare string that needs escaping
// goes through encoding/json, so that it is escaped exactly as the store's.
func writeJSONString(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == 0xe2 {
			quoted, _ := json.Marshal(s)
			b.Write(quoted)
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}
