//go:build !race

package data

// raceEnabled: the race detector is on (it slows a process tenfold).
const raceEnabled = false
