package settings

import (
	"bytes"
	"image"
	_ "image/jpeg" // the logo and the signature may be JPEG
	_ "image/png"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
)

// maxCompanyImage is the size data accepts for a logo or a signature.
const maxCompanyImage = 2 << 20

// companyImage is the input of a letterhead image (the logo, the
// signature): a thumbnail, a button to pick a PNG or JPEG file and one to
// remove it. The image is kept here until the form is saved.
type companyImage struct {
	host    kit.Host
	key     string // the form field: "logo" or "signature"
	bytes   []byte
	thumb   *canvas.Image
	none    *widget.Label
	remove  *widget.Button
	content fyne.CanvasObject
	// onChange reports a picked or removed image, or the error of a
	// refused file (nil error on success).
	onChange func(err error)
}

// newCompanyImage builds the input of the image of field key.
func newCompanyImage(h kit.Host, key string, onChange func(error)) *companyImage {
	ci := &companyImage{host: h, key: key, onChange: onChange,
		thumb: &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth},
		none:  &widget.Label{Text: lang.L("settings.image.none"), Importance: widget.LowImportance}}

	pick := &widget.Button{Text: lang.L("settings.image.choose"), Icon: theme.FolderOpenIcon(), OnTapped: ci.onPick}
	ci.remove = &widget.Button{Text: lang.L("settings.image.remove"), Icon: theme.DeleteIcon(),
		Importance: widget.LowImportance, OnTapped: ci.onRemove}
	// A fixed frame, so that picking an image does not move the form.
	frame := container.NewGridWrap(fyne.NewSize(128, 72), container.NewStack(
		canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		container.NewPadded(container.NewStack(ci.thumb, container.NewCenter(ci.none)))))
	ci.content = container.NewBorder(nil, nil, frame, nil, container.NewVBox(pick, ci.remove))
	ci.set(nil)
	return ci
}

// set shows img (nil: none) without reporting a change.
func (ci *companyImage) set(img []byte) {
	ci.bytes = img
	ci.thumb.Image = nil
	if decoded, _, err := image.Decode(bytes.NewReader(img)); err == nil {
		ci.thumb.Image = decoded
	}
	if ci.thumb.Image == nil {
		ci.thumb.Hide()
		ci.none.Show()
		ci.remove.Disable()
	} else {
		ci.thumb.Show()
		ci.none.Hide()
		ci.remove.Enable()
	}
	ci.thumb.Refresh()
}

// onRemove drops the image; Save writes it.
func (ci *companyImage) onRemove() {
	ci.set(nil)
	ci.onChange(nil)
}

// onPick opens the system's file dialog on PNG and JPEG files.
func (ci *companyImage) onPick() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ci.host.ShowError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		ci.load(r)
	}, ci.host.Window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// loadFile takes the image in the file at path, as picking it would.
func (ci *companyImage) loadFile(path string) {
	f, err := os.Open(path)
	if err != nil {
		ci.onChange(err)
		return
	}
	defer f.Close()
	ci.load(f)
}

// load reads an image; a file that is not a PNG or JPEG of at most 2 MB is
// refused with the error under the field, and the image shown stays.
func (ci *companyImage) load(r io.Reader) {
	img, err := readCompanyImage(ci.key, r)
	if err != nil {
		ci.onChange(err)
		return
	}
	ci.set(img)
	ci.onChange(nil)
}

// readCompanyImage reads at most one byte more than allowed, so that a huge
// file is refused without being read whole.
func readCompanyImage(key string, r io.Reader) ([]byte, error) {
	img, err := io.ReadAll(io.LimitReader(r, maxCompanyImage+1))
	if err != nil {
		return nil, err
	}
	if len(img) > maxCompanyImage {
		return nil, fieldErr(key, reasonImageTooLarge)
	}
	if _, format, err := image.DecodeConfig(bytes.NewReader(img)); err != nil || (format != "png" && format != "jpeg") {
		return nil, fieldErr(key, data.ReasonImageFormat)
	}
	return img, nil
}
