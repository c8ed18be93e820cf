package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestProfilesOfTheDemoBook: `relance profiles` gives every client of the
// demo book a line, riskiest first, quietly; --json gives the same
// clients with grades A to E (or none for a short history) and reasons.
func TestProfilesOfTheDemoBook(t *testing.T) {
	dir := demoBook(t)
	code, out, errOut := runCLI(t, "profiles", "--data", dir, "--json")
	if code != 0 || errOut != "" {
		t.Fatalf("profiles --json: %d %q", code, errOut)
	}
	var list []profileJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(list) < 5 {
		t.Fatalf("%d profiles", len(list))
	}
	rank := map[string]int{"E": 5, "D": 4, "C": 3, "B": 2, "A": 1, "": 0}
	graded := 0
	for i, p := range list {
		if _, ok := rank[p.Grade]; !ok || p.Client == "" || p.Reasons == "" {
			t.Errorf("profile %d: %+v", i, p)
		}
		if i > 0 && rank[p.Grade] > rank[list[i-1].Grade] {
			t.Errorf("%s (%s) after %s (%s): not riskiest first", p.Client, p.Grade, list[i-1].Client, list[i-1].Grade)
		}
		if p.Grade != "" {
			graded++
			if p.OnTime+p.Late != p.Counted {
				t.Errorf("%s: %d on time + %d late != %d counted", p.Client, p.OnTime, p.Late, p.Counted)
			}
		}
	}
	if graded == 0 {
		t.Error("no client of the demo book is graded")
	}
	code, out, errOut = runCLI(t, "profiles", "--data", dir)
	if code != 0 || errOut != "" || len(strings.Split(strings.TrimSpace(out), "\n")) != len(list) {
		t.Fatalf("profiles: %d %q, %d lines for %d clients", code, errOut, len(strings.Split(strings.TrimSpace(out), "\n")), len(list))
	}
	if !strings.HasPrefix(out, list[0].Grade) && list[0].Grade != "" {
		t.Errorf("the first line is not the riskiest client: %q", strings.SplitN(out, "\n", 2)[0])
	}
}
