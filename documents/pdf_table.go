package documents

import (
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// Tables (the invoices, a penalty statement, a payment plan) are drawn
// from the same table values the emails show, so that a letter and an
// email say the same. A table longer than the page goes on over the next
// ones with its header repeated at the top of each.

// Table metrics, mm and points.
const (
	cellPad      = 1.6
	tableSize    = 8.5
	tableRow     = 5.375 // a binary fraction: see fixedBand
	minTotalsW   = 100.0
	tableSpacing = 2.5
)

// cellKind is the part of a table a row belongs to.
type cellKind int

const (
	cellHead cellKind = iota
	cellBody
	cellFoot
)

// table lays t out: its caption, its header (repeated on each page the
// table runs onto), its rows and its totals. A table without header (the
// totals of a statement) takes only the width it needs.
func (d *pdfDoc) table(t table) []band {
	widths := d.columnWidths(t)
	var out []band
	if t.caption != "" {
		cap := d.paragraph(t.caption, flow{style: styleBold, size: sizeBody, keep: true})
		out = append(out, cap...)
		out[len(out)-1].keep = true
	}
	var header *band
	if t.head != nil {
		h := d.tableRow(t, t.head, widths, cellHead, 0)
		h.keep = true
		header = &h
		out = append(out, h)
	}
	for i, r := range t.rows {
		b := d.tableRow(t, r, widths, cellBody, i)
		b.header = header
		if i == len(t.rows)-1 && len(t.foot) > 0 {
			b.keep = true // the last row goes with the totals
		}
		out = append(out, b)
	}
	for i, r := range t.foot {
		b := d.tableRow(t, r, widths, cellFoot, i)
		b.header = header
		b.keep = i < len(t.foot)-1
		out = append(out, b)
	}
	return out
}

// columnWidths sizes the columns to their widest cell, then spreads the
// room left over the width (a table with a header fills the line), or
// shrinks them all when the table is too wide (cells then end with "…").
func (d *pdfDoc) columnWidths(t table) []float64 {
	n := len(t.right)
	widths := make([]float64, n)
	measure := func(cells []string, st pdfStyle) {
		for i, c := range cells {
			if i < n {
				widths[i] = max(widths[i], textWidth(st, tableSize, printable(c))+2*cellPad+0.5)
			}
		}
	}
	measure(t.head, styleBold)
	for _, r := range t.rows {
		measure(r, styleRegular)
	}
	for _, r := range t.foot {
		measure(r, styleBold)
	}
	total := 0.0
	for _, w := range widths {
		total += w
	}
	target := contentWidth
	if t.head == nil {
		target = min(max(total, minTotalsW), contentWidth)
	}
	if total <= 0 {
		return widths
	}
	if total >= target {
		return shrinkColumns(widths, target)
	}
	extra := target - total
	for i := range widths {
		widths[i] += extra / float64(n)
	}
	return widths
}

// shrinkColumns fits columns into target: the narrow ones (numbers,
// dates, amounts) keep their width, the wide ones share what is left.
func shrinkColumns(widths []float64, target float64) []float64 {
	fixed := make([]bool, len(widths))
	for {
		room, wide, count := target, 0.0, 0
		for i, w := range widths {
			if fixed[i] {
				room -= w
			} else {
				wide += w
				count++
			}
		}
		changed := false
		for i, w := range widths {
			if !fixed[i] && count > 1 && w <= room/float64(count) {
				fixed[i], changed = true, true
			}
		}
		if !changed {
			for i, w := range widths {
				if !fixed[i] {
					widths[i] = max(w*room/wide, 2*cellPad+2)
				}
			}
			return widths
		}
	}
}

// tableRow draws one row of cells.
func (d *pdfDoc) tableRow(t table, cells []string, widths []float64, kind cellKind, index int) band {
	st := styleRegular
	if kind != cellBody {
		st = styleBold
	}
	d.used[st] = true
	style := d.cellStyle(kind, index)
	// The columns are made anew for each page a header is repeated on.
	build := func() core.Row {
		var cols []core.Col
		usedGrid := 0
		for i, w := range widths {
			g := int(w * gridPerMM)
			if i == len(widths)-1 && t.head != nil {
				g = gridWidth - usedGrid
			}
			usedGrid += g
			s := ""
			if i < len(cells) {
				// Fit the column as drawn (whole grid units), less a hair.
				s = fitText(cells[i], st, tableSize, float64(g)/gridPerMM-2*cellPad-0.05)
			}
			p := props.Text{Family: fontFamily, Style: styleMaroto[st], Size: tableSize, Color: colorText,
				Top: baseline(tableSize, tableRow), Left: cellPad, Right: cellPad, Align: align.Left}
			if t.right[i] {
				p.Align = align.Right
			}
			cols = append(cols, col.New(g).Add(text.New(s, p)).WithStyle(style))
		}
		if usedGrid < gridWidth {
			cols = append(cols, col.New(gridWidth-usedGrid))
		}
		return row.New(tableRow).Add(cols...)
	}
	return band{height: tableRow, make: build}
}

// cellStyle shades the header, rules the rows, and sets the totals apart.
func (d *pdfDoc) cellStyle(kind cellKind, index int) *props.Cell {
	switch kind {
	case cellHead:
		return &props.Cell{BackgroundColor: colorShade, BorderType: border.Bottom, BorderColor: colorRule, BorderThickness: 0.3}
	case cellFoot:
		if index == 0 {
			return &props.Cell{BorderType: border.Top, BorderColor: colorRule, BorderThickness: 0.3}
		}
		return nil
	}
	if index%2 == 1 {
		return &props.Cell{BackgroundColor: colorLight}
	}
	return nil
}
