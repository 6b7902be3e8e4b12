package store

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Listen hears the changes other servers commit (PostgreSQL NOTIFY on
// the channel the dialect's notify writes to) and hands their keys to
// onKeys. When the connection drops, onLost is called before reconnecting:
// changes made meanwhile were missed, so the caller must forget whatever
// it cached. It returns when ctx ends; on SQLite it returns at once (one
// process owns the database, and changes are reported by OnChange).
func (s *Store) Listen(ctx context.Context, onKeys func(keys []string), onLost func()) {
	if s.dialect.notify == "" {
		return
	}
	// What every page reads is kept by the store itself: it hears the
	// other servers' changes first.
	heard, lost := onKeys, onLost
	onKeys = func(keys []string) { s.chrome.forgetFor(keys); heard(keys) }
	onLost = func() { s.chrome.forget(); lost() }
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		s.listenOnce(ctx, onKeys, onLost, func() { backoff = 100 * time.Millisecond })
		if ctx.Err() != nil {
			return
		}
		onLost()
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

// listenOnce holds one connection until it fails; connected is called once
// LISTEN is in place. A "flush" notice (too many keys for one message)
// forgets everything, like a lost connection.
func (s *Store) listenOnce(ctx context.Context, onKeys func([]string), onLost, connected func()) error {
	conn, err := pgx.Connect(ctx, s.source)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{s.dialect.channel}.Sanitize()); err != nil {
		return err
	}
	connected()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if n.Payload == "flush" {
			onLost()
			continue
		}
		onKeys(strings.Fields(n.Payload))
	}
}
