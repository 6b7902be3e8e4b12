package store

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toasoan/toasoan/internal/news"
)

// maxListenBackoff bounds the wait between attempts to hear the other
// servers again: after an outage, the notices resume within a second of
// the database's return.
const maxListenBackoff = time.Second

// Listen hears the changes other servers commit (PostgreSQL NOTIFY on the
// channel commit writes to) and hands them to the subscribers; a server's
// own notices are skipped, its subscribers heard them at commit. Whenever
// the connection is made, lost or made again, the subscribers hear
// Change{All: true}: notices sent meanwhile were missed, so nothing kept
// from before can be trusted. It returns when ctx ends; on SQLite it
// returns at once (one process owns the database, and commit reports
// every change).
func (s *Store) Listen(ctx context.Context) {
	if s.dialect.notify == "" {
		return
	}
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		if err := s.listenOnce(ctx, func() { backoff = 100 * time.Millisecond }); err != nil && ctx.Err() == nil {
			s.publish(news.Change{All: true})
		}
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		backoff = min(backoff*2, maxListenBackoff)
	}
}

// listenOnce holds one connection until it fails; connected is called
// once LISTEN is in place. A "flush" notice (too many keys for one
// message) forgets everything, like a lost connection.
func (s *Store) listenOnce(ctx context.Context, connected func()) error {
	conn, err := pgx.Connect(ctx, withConnectTimeout(s.source))
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }() // a connection that broke has nothing left to close
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{s.dialect.channel}.Sanitize()); err != nil {
		return err
	}
	connected()
	// What was cached before this moment may miss changes made while no
	// one listened, the first time too: a page rendered between the
	// server's start and now.
	s.publish(news.Change{All: true})
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		origin, payload, _ := strings.Cut(n.Payload, " ")
		switch {
		case origin == s.origin:
		case payload == "flush":
			s.publish(news.Change{All: true})
		default:
			var ch news.Change
			for _, k := range strings.Fields(payload) {
				ch.Keys = append(ch.Keys, news.Key(k))
			}
			s.publish(ch)
		}
	}
}
