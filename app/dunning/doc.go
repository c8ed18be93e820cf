// Package dunning owns the French dunning rules: scenarios and the step
// planner, late-payment penalties, business-day calendars and limitation
// periods. Pure Go with an injected clock: no SQL, no UI; it reads and writes
// through the data store.
package dunning
