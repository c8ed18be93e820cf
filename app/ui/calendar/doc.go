// Package calendar is the Calendar screen: month by month (or a week's
// agenda), the invoices falling due (amber soon, red late, green paid),
// the dunning steps planned, the promises and instalments expected and the
// legal deadlines, read from dunning.Service.Feed for the visible range
// only. A click on a day lists its items; a click on an item opens the
// invoice through the Host.
package calendar
