package clients

import (
	"cmp"

	"fyne.io/fyne/v2/widget"

	"relance/app/payers"
	"relance/app/ui/kit"
)

// clientsGradeImportance colours a grade by the risk, as the client's
// page does: D and E in red, C in orange.
func clientsGradeImportance(g payers.Grade) widget.Importance {
	switch g {
	case payers.GradeD, payers.GradeE:
		return widget.DangerImportance
	case payers.GradeC:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// clientsGradeText writes a kept grade in the list: "D", or a dash when
// the client was never graded or too new to be.
func clientsGradeText(g payers.Grade) string { return kit.Say.PayerGrade(g) }

// clientsByGrade orders clients riskiest first: by grade (E first, the
// ungraded last), then by what is past due, then by name.
func clientsByGrade(a, b *clientsRow) int {
	return cmp.Or(cmp.Compare(b.grade.Risk(), a.grade.Risk()), cmp.Compare(b.overdue, a.overdue), clientsByName(a, b))
}
