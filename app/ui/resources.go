package ui

import (
	"fyne.io/fyne/v2"

	"relance/assets"
)

// appIcon is the application icon as a Fyne resource.
func appIcon() fyne.Resource { return fyne.NewStaticResource("icon.png", assets.Icon) }
