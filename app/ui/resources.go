package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"relance/assets"
)

// appIcon is the application icon as a Fyne resource.
func appIcon() fyne.Resource { return fyne.NewStaticResource("icon.png", assets.Icon) }

// dashboardIcon is the Dashboard's navigation icon, in the theme's
// foreground colour.
func dashboardIcon() fyne.Resource {
	return theme.NewThemedResource(fyne.NewStaticResource("chart.svg", assets.ChartIcon))
}
