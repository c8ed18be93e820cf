package settings

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relance/app/payers"
)

// newFromGradeCheck is the option that lets the payer grade move clients
// between Good payer, Standard and Risky (off until the owner turns it
// on), under the categories' scenarios it changes.
func newFromGradeCheck(changed func(bool)) *widget.Check {
	return widget.NewCheck(lang.L("settings.category.from_grade"), changed)
}

// showFromGrade shows the option as stored, without calling its handler
// (which would write it again).
func (s *scenarioSection) showFromGrade(on bool) {
	if s.fromGrade.Checked != on {
		s.fromGrade.Checked = on
		s.fromGrade.Refresh()
	}
}

// onFromGrade stores the option; turned on, it grades the book at once
// (off the UI goroutine: a second or two on a large book), so that the
// clients whose grade already held for a week move now rather than at
// tomorrow's start.
func (s *scenarioSection) onFromGrade(on bool) {
	store, today := s.host.Store(), s.host.Today()
	s.run(func(ctx context.Context) error {
		if err := store.SetCategoryFromGrade(ctx, on); err != nil || !on {
			return err
		}
		_, err := payers.Regrade(ctx, store, today)
		return err
	})
}
