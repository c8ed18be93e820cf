package documents

import (
	"testing"

	"relance/data"
)

func TestDateLine(t *testing.T) {
	tests := []struct{ city, date, want string }{
		{"Lyon", "2026-03-01", "Lyon, le 1er mars 2026"},
		{"Saint-Étienne", "2026-03-03", "Saint-Étienne, le 3 mars 2026"},
		{" Paris ", "2026-12-31", "Paris, le 31 décembre 2026"},
		{"", "2026-02-01", "Le 1er février 2026"},
	}
	for _, tt := range tests {
		if got := DateLine(tt.city, data.MustDate(tt.date)); got != tt.want {
			t.Errorf("DateLine(%q, %s) = %q, want %q", tt.city, tt.date, got, tt.want)
		}
	}
}
