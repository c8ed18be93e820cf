package settings

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
	"relance/data"
	"relance/documents"
)

// lettersSection is the Letters tab of the settings: where the envelope's
// window is, so that the recipient's address shows through it, and the
// calibration page that checks it.
type lettersSection struct {
	host                     kit.Host
	content                  fyne.CanvasObject
	form                     *kit.Form
	left, top, width, height *kit.Entry
	save, calibrate          *widget.Button
	companyEdits
}

// lettersWindowKeys are the window's fields, in EnvelopeWindow's order.
var lettersWindowKeys = []string{"window_left", "window_top", "window_width", "window_height"}

// newLettersSection lays out the window's four measures, the calibration
// and Save.
func newLettersSection(h kit.Host) *lettersSection {
	s := &lettersSection{host: h, form: kit.NewForm(), companyEdits: newCompanyEdits()}
	field := func() *kit.Entry {
		e := kit.NewEntry(h.Window())
		e.OnChanged = func(string) { s.edited() }
		return e
	}
	s.left, s.top, s.width, s.height = field(), field(), field(), field()
	for i, e := range []*kit.Entry{s.left, s.top, s.width, s.height} {
		s.form.Add(lettersWindowKeys[i], true, container.NewHBox(kit.FixedWidth(e, 100), widget.NewLabel(lang.L("letters.settings.mm"))))
	}
	s.save = &widget.Button{Text: lang.L("button.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onSave}
	s.calibrate = &widget.Button{Text: lang.L("letters.settings.calibrate"), Icon: theme.DocumentPrintIcon(), OnTapped: s.onCalibrate}
	reset := &widget.Button{Text: lang.L("letters.settings.default"), Icon: theme.ViewRefreshIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.show(data.DefaultWindow); s.edited() }}
	window := settingsGroup("letters.settings.window", settingsGrid(s.form, lettersWindowKeys...),
		settingsHint("letters.settings.window_hint"), container.NewHBox(s.calibrate, reset))
	s.content = settingsPage("letters.settings.intro", window, settingsSaveBar(s.form.General(), s.save, s.saved))
	return s
}

// set shows the stored window, unless the user is editing it.
func (s *lettersSection) set(d settingsData) {
	if s.dirty {
		return
	}
	w := d.company.Window
	if w.WidthMM10 == 0 {
		w = data.DefaultWindow
	}
	s.fill(func() {
		s.show(w)
		s.form.ClearErrors()
	})
}

// show puts a window's measures in the fields.
func (s *lettersSection) show(w data.EnvelopeWindow) {
	for i, v := range []int{w.LeftMM10, w.TopMM10, w.WidthMM10, w.HeightMM10} {
		[]*kit.Entry{s.left, s.top, s.width, s.height}[i].SetText(lettersMM(v))
	}
}

// read checks the fields and returns the window they describe.
func (s *lettersSection) read() (data.EnvelopeWindow, error) {
	var errs data.FieldErrors
	var v [4]int
	for i, e := range []*kit.Entry{s.left, s.top, s.width, s.height} {
		n, err := lettersParseMM(lettersWindowKeys[i], e.Text)
		errs = append(errs, data.FieldErrorsOf(err)...)
		v[i] = n
	}
	w := data.EnvelopeWindow{LeftMM10: v[0], TopMM10: v[1], WidthMM10: v[2], HeightMM10: v[3]}
	if len(errs) > 0 {
		return w, errs
	}
	// The company's own check (the window inside the top third of the sheet).
	c := data.DefaultCompany()
	c.Window = w
	if err := c.Validate(); err != nil {
		for _, fe := range data.FieldErrorsOf(err) {
			if fe.Field == "envelope_window" {
				return w, data.FieldErrors{fe}
			}
		}
	}
	return w, nil
}

// onSave writes the window over the stored company.
func (s *lettersSection) onSave() {
	s.form.ClearErrors()
	w, err := s.read()
	if err != nil {
		s.form.ShowErrors(err)
		return
	}
	s.saveInto(s.host, s.save, s.form, func(c *data.Company) { c.Window = w })
}

// onCalibrate prints the calibration page of the window as typed (saved
// or not), in the window's language, and opens it.
func (s *lettersSection) onCalibrate() {
	s.form.ClearErrors()
	w, err := s.read()
	if err != nil {
		s.form.ShowErrors(err)
		return
	}
	h := s.host
	h.Async(func() {
		path, err := printCalibration(context.Background(), h, w)
		fyne.Do(func() {
			if err != nil {
				h.ShowError(err)
				return
			}
			h.OpenFile(path)
		})
	})
}

// printCalibration writes documents/calibration.pdf in the data folder
// (replaced each time: it is a test print, not a document of the proof
// file) and returns its path.
func printCalibration(ctx context.Context, h kit.Host, w data.EnvelopeWindow) (string, error) {
	co, err := h.Store().GetCompany(ctx)
	if err != nil {
		return "", err
	}
	co.Window = w
	pdf, err := documents.CalibrationPage(co, kit.Language())
	if err != nil {
		return "", err
	}
	abs := filepath.Join(h.DataDir(), "documents", "calibration.pdf")
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return "", err
	}
	return abs, os.WriteFile(abs, pdf, 0o600)
}

// lettersMM writes tenths of a millimetre for a field: "110", "52,5".
func lettersMM(v int) string {
	s := strconv.Itoa(v / 10)
	if v%10 != 0 {
		sep := ","
		if kit.Language() == "en" {
			sep = "."
		}
		s += sep + strconv.Itoa(v%10)
	}
	return s
}

// lettersParseMM reads millimetres with at most one decimal (comma or
// dot) into tenths.
func lettersParseMM(key, text string) (int, error) {
	s := strings.ReplaceAll(strings.TrimSpace(text), ",", ".")
	if s == "" {
		return 0, kit.RequiredError(key)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 297 || math.Abs(f*10-math.Round(f*10)) > 1e-9 {
		return 0, data.FieldErrors{&data.FieldError{Field: key, Reason: data.ReasonOutOfRange, Value: text}}
	}
	return int(math.Round(f * 10)), nil
}
