package today

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relance/app/ui/kit"
)

// todayItem draws one row of the Today list: a section header, or a card
// with the client, the step, the invoices, the total and the buttons.
// The list recycles items: set points one at another row.
type todayItem struct {
	widget.BaseWidget
	screen *Screen
	row    int

	header      *fyne.Container
	headerTitle *widget.Label
	headerCount *widget.Label
	headerHint  *widget.Label
	headerSend  *widget.Button // "Send selected" on the section of emails

	card     *fyne.Container
	icon     *widget.Icon
	link     *widget.Hyperlink // the client's name, opening the invoice
	name     *widget.Label     // the name when there is no invoice to open
	step     *widget.Label
	invoices *widget.Label
	warning  *widget.Label
	contact  *widget.Label
	why      *widget.Label // the action's priority, at the end of the invoices' line
	total    *widget.Label
	primary  *widget.Button
	skip     *widget.Button
	send     *widget.Button // emails: the Send dialog
	pick     *widget.Check  // emails: picked for "Send selected"
	print    *widget.Button // letters: print, archive and record (letters_today.go)
	copy     *widget.Button // a client with a mobile or LinkedIn: the short message of the step to the clipboard
	reason   *widget.Button // a reply: why the client has not paid, and its answer
}

// todayButtonTexts are the labels the action button may take, measured so
// that the buttons line up from card to card.
var todayButtonTexts = []string{"today.action.sent_myself", "today.action.log_call", "today.action.done",
	"mail.today.review", "mail.today.seen", "today.action.enter_receipt", "today.action.open_invoice",
	"mail.today.bounce_fix", "mail.today.reply_resume"}

// todaySecondTexts are the labels the second button may take: skip a
// step, dismiss a bounce, keep a reply's invoices paused.
var todaySecondTexts = []string{"today.action.skip", "mail.today.bounce_dismiss", "mail.today.reply_keep"}

// todayButtonSizes are the widths the cards' columns take: the total, the
// action button, the second button (their widest label), and the height
// of a button.
type todayButtonSizes struct{ total, primary, second, height float32 }

// buttonSizes measures the cards' columns, the first time a card is built.
func (s *Screen) buttonSizes() todayButtonSizes {
	if s.buttons.height > 0 {
		return s.buttons
	}
	b := &s.buttons
	for _, key := range todayButtonTexts {
		b.primary = max(b.primary, (&widget.Button{Text: lang.L(key), Icon: theme.ConfirmIcon()}).MinSize().Width)
	}
	for _, key := range todaySecondTexts {
		size := (&widget.Button{Text: lang.L(key), Icon: theme.MediaSkipNextIcon()}).MinSize()
		b.second, b.height = max(b.second, size.Width), max(b.height, size.Height)
	}
	b.total = (&widget.Label{Text: kit.Money(99_999_999), TextStyle: fyne.TextStyle{Bold: true}}).MinSize().Width
	return *b
}

// newTodayItem builds an item showing nothing yet; set fills it.
func newTodayItem(s *Screen) *todayItem {
	it := &todayItem{screen: s,
		headerTitle: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		headerCount: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.LowImportance, SizeName: theme.SizeNameSubHeadingText},
		headerHint:  &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis},
		icon:        widget.NewIcon(nil),
		name:        &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		step:        &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		invoices:    &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		warning:     &widget.Label{Importance: widget.WarningImportance, Truncation: fyne.TextTruncateEllipsis},
		contact:     &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis},
		why:         &widget.Label{Importance: widget.LowImportance, TextStyle: fyne.TextStyle{Italic: true}},
		total:       &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignTrailing},
	}
	it.link = &widget.Hyperlink{TextStyle: fyne.TextStyle{Bold: true}, OnTapped: it.onOpen}
	it.link.ExtendBaseWidget(it.link)
	it.primary = &widget.Button{OnTapped: it.onPrimary, Importance: widget.HighImportance}
	it.skip = &widget.Button{Text: lang.L("today.action.skip"), Icon: theme.MediaSkipNextIcon(), OnTapped: it.onSkip}
	it.send = &widget.Button{Text: lang.L("mail.today.send"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance,
		OnTapped: func() { it.screen.onSendRow(it.row) }}
	it.pick = widget.NewCheck("", func(on bool) { it.screen.onPick(it.row, on) })
	it.print = &widget.Button{Text: lang.L("letters.today.print"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance,
		OnTapped: func() { it.screen.onPrintRow(it.row) }}
	it.headerSend = &widget.Button{Icon: theme.MailSendIcon(), OnTapped: func() { it.screen.onSendSelected() }}
	it.copy = &widget.Button{Text: lang.L("contact.copy"), Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance,
		OnTapped: func() { it.screen.onCopyMessage(it.row) }}
	it.reason = &widget.Button{Text: lang.L("delay.action"), Icon: theme.QuestionIcon(),
		OnTapped: func() { it.screen.onReplyReason(it.row) }}
	it.header = container.NewBorder(nil, nil, container.NewHBox(it.headerTitle, it.headerCount),
		container.NewHBox(it.headerSend, todayGap(theme.Padding()*2)), it.headerHint)
	it.card = it.newCard()
	it.header.Hide()
	it.warning.Hide()
	it.copy.Hide() // shown by the rows that have them: the list's template item must not be wider
	it.reason.Hide()
	it.ExtendBaseWidget(it)
	return it
}

// newCard lays a card out: the channel icon, three lines of text (four
// with a warning), then the total and the buttons in columns of fixed
// width.
func (it *todayItem) newCard() *fyne.Container {
	name := container.NewStack(it.link, it.name)
	lines := container.New(kit.TightVBox(),
		container.NewBorder(nil, nil, name, nil, it.step),
		container.NewBorder(nil, nil, nil, it.why, it.invoices), it.warning, it.contact)
	sizes := it.screen.buttonSizes()
	right := container.NewHBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(sizes.total, it.total.MinSize().Height), it.total)),
		container.NewCenter(it.copy),
		container.NewCenter(it.reason),
		container.NewCenter(it.send),
		container.NewCenter(it.print),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(sizes.primary, sizes.height), it.primary)),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(sizes.second, sizes.height), it.skip)),
		todayGap(theme.Padding()*2)) // clear of the list's scroll bar
	icon := container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(theme.IconInlineSize()*1.5), it.icon))
	return container.NewBorder(nil, nil, container.NewHBox(container.NewCenter(it.pick), icon), right, lines)
}

// CreateRenderer draws the header and the card on top of each other; set
// shows one of them.
func (it *todayItem) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(it.header, it.card))
}

// set shows row id of the screen.
func (it *todayItem) set(id int) {
	s := it.screen
	if id < 0 || id >= len(s.rows) {
		return
	}
	it.row = id
	r := &s.rows[id]
	if r.header {
		it.card.Hide()
		it.header.Show()
		todaySetText(it.headerTitle, r.title)
		todaySetText(it.headerCount, strconv.Itoa(r.count))
		todaySetText(it.headerHint, r.hint)
		it.setHeaderSend(r)
		return
	}
	it.header.Hide()
	it.card.Show()
	it.setCard(r, s.busy[id])
}

// setCard fills the card with a row; busy disables its buttons.
func (it *todayItem) setCard(r *todayRow, busy bool) {
	it.icon.SetResource(r.icon)
	if r.invoiceID != 0 {
		it.name.Hide()
		if it.link.Text != r.title {
			it.link.SetText(r.title)
		}
		it.link.Show()
	} else {
		it.link.Hide()
		todaySetText(it.name, r.title)
		it.name.Show()
	}
	todaySetText(it.step, r.step)
	todaySetText(it.invoices, r.invoices)
	todaySetText(it.warning, r.warning)
	if r.warning == "" {
		it.warning.Hide()
	} else {
		it.warning.Show()
	}
	importance := widget.LowImportance
	if r.noContact {
		importance = widget.WarningImportance
	}
	if it.contact.Importance != importance || it.contact.Text != r.contact {
		it.contact.Importance, it.contact.Text = importance, r.contact
		it.contact.Refresh()
	}
	todaySetText(it.why, r.why)
	todaySetText(it.total, r.total)
	it.setButtons(r, busy)
}

// setButtons names the action button after the row's action.
func (it *todayItem) setButtons(r *todayRow, busy bool) {
	text, icon := lang.L("today.action.done"), theme.ConfirmIcon()
	switch r.action {
	case todayMarkSent:
		text = lang.L("today.action.sent_myself")
	case todayLogCall:
		text, icon = lang.L("today.action.log_call"), todayPhoneIcon
	case todayReviewMail:
		text, icon = lang.L("mail.today.review"), theme.WarningIcon()
	case todayMailSeen:
		text = lang.L("mail.today.seen")
	case todayMailHeld:
		text, icon = lang.L("mail.held.action"), theme.SettingsIcon()
	case todayEnterReceipt:
		text, icon = lang.L("today.action.enter_receipt"), theme.DocumentCreateIcon()
	case todayOpenDeadline:
		text, icon = lang.L("today.action.open_invoice"), theme.NavigateNextIcon()
	case todayBounce:
		text, icon = lang.L("mail.today.bounce_fix"), theme.MailSendIcon()
	case todayReply:
		text, icon = lang.L("mail.today.reply_resume"), theme.MediaPlayIcon()
	}
	it.setSendButtons(r, busy)
	it.setPrintButton(r, busy)
	kit.SetVisible(it.copy, r.messageable)
	copyText := lang.L("contact.copy")
	if r.sendable || todayPrintable(r) {
		copyText = "" // the card has Send (Print) already: the icon alone keeps its lines readable
	}
	if it.copy.Text != copyText {
		it.copy.SetText(copyText)
	}
	kit.SetVisible(it.reason, r.action == todayReply && len(r.reply.InvoiceIDs) > 0)
	importance := widget.HighImportance
	if r.sendable || todayPrintable(r) {
		importance = widget.MediumImportance // Send (Print) is the card's main action
	}
	if it.primary.Importance != importance {
		it.primary.Importance = importance
		it.primary.Refresh()
	}
	if it.primary.Text != text || it.primary.Icon != icon {
		it.primary.Text, it.primary.Icon = text, icon
		it.primary.Refresh()
	}
	second, secondIcon := lang.L("today.action.skip"), theme.MediaSkipNextIcon()
	switch r.action {
	case todayBounce:
		second, secondIcon = lang.L("mail.today.bounce_dismiss"), theme.CancelIcon()
	case todayReply:
		second, secondIcon = lang.L("mail.today.reply_keep"), theme.MediaPauseIcon()
	}
	if it.skip.Text != second || it.skip.Icon != secondIcon {
		it.skip.Text, it.skip.Icon = second, secondIcon
		it.skip.Refresh()
	}
	if r.action >= todayTaskDone && r.action != todayBounce && r.action != todayReply {
		it.skip.Hide() // a task of the owner's is done or left open; there is no step to skip
	} else {
		it.skip.Show()
	}
	if busy {
		it.primary.Disable()
		it.skip.Disable()
	} else {
		it.primary.Enable()
		it.skip.Enable()
	}
}

// onPrimary, onSkip and onOpen hand a click to the screen with the row
// the item shows at the time of the click.
func (it *todayItem) onPrimary() { it.screen.onPrimary(it.row) }

// onSkip: see onPrimary.
func (it *todayItem) onSkip() { it.screen.onSkip(it.row) }

// onOpen: see onPrimary.
func (it *todayItem) onOpen() { it.screen.onOpen(it.row) }

// todayGap is an empty space of a fixed width.
func todayGap(width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, 0))
	return r
}

// todaySetText changes a label's text only when it differs: setting it
// again costs a new text shaping, and the list sets every visible row on
// each reload.
func todaySetText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// setSendButtons shows the Send button and the selection box on the
// cards of emails Relance can send.
func (it *todayItem) setSendButtons(r *todayRow, busy bool) {
	kit.SetVisible(it.send, r.sendable)
	kit.SetVisible(it.pick, r.sendable)
	if it.pick.Checked != r.selected {
		it.pick.SetChecked(r.selected)
	}
	if busy {
		it.send.Disable()
	} else {
		it.send.Enable()
	}
}

// setHeaderSend shows "Send selected (N)" on the header of the emails to
// send, enabled once one is picked.
func (it *todayItem) setHeaderSend(r *todayRow) {
	if r.section != todaySend {
		it.headerSend.Hide()
		return
	}
	n := len(it.screen.selectedGroups())
	text := lang.N("mail.today.send_selected", n, map[string]any{"Count": n})
	if it.headerSend.Text != text {
		it.headerSend.SetText(text)
	}
	if n == 0 {
		it.headerSend.Disable()
	} else {
		it.headerSend.Enable()
	}
	it.headerSend.Show()
}
