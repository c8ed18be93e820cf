// Package dashboard is the Dashboard screen: what is owed and how late
// (outstanding, overdue, DSO by countback, average days late, collected
// this month against last), the aged balance and the cash received and
// expected week by week as bar charts drawn on Fyne's canvas, and the ten
// clients most late. Every bar opens the invoices behind it; every client
// opens its page. The figures come from app/dashboard, off the UI
// goroutine.
package dashboard
