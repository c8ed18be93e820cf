package data

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// bookChannel is the channel a shared book's change log notifies
// (migration 0028).
const bookChannel = "relance_book"

// Timings of WatchChanges.
const (
	// settleChanges: notifications that come this close together are
	// told once (a batch send writes a change per email).
	settleChanges = 300 * time.Millisecond
	// relisten is the wait before connecting again after the connection
	// was lost.
	relisten = 5 * time.Second
)

// WatchChanges tells changed, on its own goroutine, each time another
// process (another PC on a shared book) committed a change to the book,
// until ctx ends. Changes close together are told once, and this process's
// own are not told: its window already knows them. When the connection is
// lost it connects again, and tells changed once then, since what
// happened meanwhile is unknown. On a book file it returns at once: its
// folder's lock keeps the other processes out while a window is open.
func (s *Store) WatchChanges(ctx context.Context, changed func()) {
	if !s.server {
		return
	}
	missed := false
	for ctx.Err() == nil {
		err := s.listen(ctx, func() {
			if missed {
				missed = false
				changed()
			}
		}, changed)
		if ctx.Err() != nil {
			return
		}
		slog.Warn("shared book: listening for changes", "err", err)
		missed = true
		select {
		case <-ctx.Done():
		case <-time.After(relisten):
		}
	}
}

// listen holds one connection listening to the book's channel until it
// fails or ctx ends. listening is called once it listens.
func (s *Store) listen(ctx context.Context, listening, changed func()) error {
	conn, err := pgx.ConnectConfig(ctx, s.serverConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+bookChannel); err != nil {
		return err
	}
	listening()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		other := n.Payload != s.session
		// Gather what follows closely, then tell once.
		for {
			wait, cancel := context.WithTimeout(ctx, settleChanges)
			n, err = conn.WaitForNotification(wait)
			cancel()
			if err != nil {
				break
			}
			other = other || n.Payload != s.session
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if other {
			changed()
		}
	}
}
