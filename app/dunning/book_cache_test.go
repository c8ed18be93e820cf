package dunning_test

import (
	"context"
	"reflect"
	"testing"

	"relance/app/dunning"
	"relance/app/genbook/genbooktest"
	"relance/data"
)

// TestKeptBookPlansAsAFreshRead works a generated book through the
// service the way the owner does (steps done on Today's groups, calls with
// promises and disputes, payments) and checks, after each, that the
// service planning from the book it keeps gives what a new service
// reading the store from scratch gives: Today's plan, every invoice's next
// step, and the calendar's month.
func TestKeptBookPlansAsAFreshRead(t *testing.T) {
	ctx := context.Background()
	today := genbooktest.Today
	store, _ := openRealBook(t, 5_000, nil)
	clock := data.ClockOn(today)
	svc := dunning.NewService(store, clock)
	since := today.AddDays(-1)
	first := today.AddDays(1 - today.Day())
	check := func(what string) {
		t.Helper()
		fresh := dunning.NewService(store, clock)
		got, err := svc.PlanDay(ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		want, err := fresh.PlanDay(ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: Today's plan from the kept book differs from a fresh one (%d groups, want %d)",
				what, len(got.Groups), len(want.Groups))
		}
		gotNext, err := svc.NextSteps(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNext, err := fresh.NextSteps(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotNext, wantNext) {
			t.Fatalf("%s: the next steps differ (%d, want %d)", what, len(gotNext), len(wantNext))
		}
		// And as the planner makes them in one go, with no memo.
		book, err := store.LoadDunningBook(ctx, data.BookQuery{PaidSince: today.AddDays(-7), MessagesSince: today.AddDays(-60)})
		if err != nil {
			t.Fatal(err)
		}
		if whole := dunning.MakePlan(dunning.Input{Book: book, Today: today}).Next; !reflect.DeepEqual(gotNext, whole) {
			t.Fatalf("%s: the next steps differ from MakePlan's (%d, want %d)", what, len(gotNext), len(whole))
		}
		gotFeed, err := svc.Feed(ctx, first, first.AddDays(41))
		if err != nil {
			t.Fatal(err)
		}
		wantFeed, err := fresh.Feed(ctx, first, first.AddDays(41))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotFeed, wantFeed) {
			t.Fatalf("%s: the calendar differs (%d items, want %d)", what, len(gotFeed), len(wantFeed))
		}
	}
	check("first read")
	plan, err := svc.PlanDay(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Groups) < 6 {
		t.Fatalf("only %d groups due on the generated book", len(plan.Groups))
	}
	done, called := 0, 0
	for _, g := range plan.Groups {
		switch {
		case g.Channel == data.ChannelPhoneCall && called == 0:
			called++
			out := dunning.CallOutcome{Kind: data.OutcomePromise, PromiseDate: today.AddDays(5)}
			if err := svc.LogCall(ctx, g, out); err != nil {
				t.Fatal(err)
			}
			check("call with a promise")
		case g.Channel == data.ChannelPhoneCall && called == 1:
			called++
			if err := svc.LogCall(ctx, g, dunning.CallOutcome{Kind: data.OutcomeDispute, Note: "litige"}); err != nil {
				t.Fatal(err)
			}
			check("call with a dispute")
		case done < 4:
			done++
			if err := svc.Complete(ctx, g, "", ""); err != nil {
				t.Fatal(err)
			}
			check("step done")
			lead := g.Lead
			if lead.Outstanding <= 0 { // a thank-you
				continue
			}
			if err := store.CreatePayment(ctx, &data.Payment{InvoiceID: lead.InvoiceID, Date: today,
				Amount: lead.Outstanding, Method: "transfer"}); err != nil {
				t.Fatal(err)
			}
			check("invoice paid")
		}
	}
	if done == 0 {
		t.Fatal("no step done")
	}
	// Nothing written: the plan is the one made before.
	again, err := svc.PlanDay(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	if last, _ := svc.PlanDay(ctx, since); last != again {
		t.Error("a plan was made again with nothing written")
	}
}
