package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toasoan/toasoan/internal/news"
)

// maxListenBackoff bounds the wait between attempts to hear the other
// servers again: after an outage, the notices resume within a second of
// the database's return.
const maxListenBackoff = time.Second

// keptNotices is how many of the newest notices change_notices keeps (on
// SQLite). Servers read them twice a second, so only one that stopped for
// as long as a thousand changes take finds notices gone, and then forgets
// everything it kept, as after a lost PostgreSQL connection.
const keptNotices = 1000

// Listen hears the changes other servers and processes commit and hands
// them to the subscribers; a server's own notices are skipped, its
// subscribers heard them at commit. On PostgreSQL the notices come by
// LISTEN on the channel commit NOTIFYs; on SQLite Listen reads the rows of
// change_notices it has not seen, every dialect.noticePoll. Whenever
// notices may have been missed (when it starts, when PostgreSQL's
// connection is lost or made again, when notices it had not read were
// dropped), the subscribers hear Change{All: true}: nothing kept from
// before can be trusted. started is called once, when changes are heard
// from then on (or the first try to hear them failed): a server answers
// after it, so that no page it keeps was made before it heard changes. It
// returns when ctx ends.
func (s *Store) Listen(ctx context.Context, started func()) {
	started = sync.OnceFunc(started)
	defer started()
	switch {
	case s.dialect.notify != "":
		s.listenForNotices(ctx, started)
	case s.dialect.noticePoll > 0:
		s.pollNotices(ctx, started)
	}
}

// tellOthers sends ch's notice to the other servers and processes inside
// the change's transaction, so that it goes out if and only if the change
// is committed: PostgreSQL's NOTIFY, or a row of change_notices, of which
// the newest keptNotices are kept.
func (s *Store) tellOthers(ctx context.Context, t *sql.Tx, ch news.Change) error {
	notice := s.notice(ch)
	if s.dialect.notify != "" {
		_, err := t.ExecContext(ctx, s.dialect.notify, s.dialect.channel, notice)
		return err
	}
	if s.dialect.noticePoll == 0 {
		return nil
	}
	var id int64
	if err := t.QueryRowContext(ctx, `INSERT INTO change_notices (notice) VALUES ($1) RETURNING id`, notice).Scan(&id); err != nil {
		return err
	}
	_, err := t.ExecContext(ctx, `DELETE FROM change_notices WHERE id <= $1`, id-keptNotices)
	return err
}

// hear hands a notice to the subscribers: nothing of this store's own,
// everything for "flush" (too many keys for one notice), else its keys.
func (s *Store) hear(notice string) {
	origin, payload, _ := strings.Cut(notice, " ")
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

// listenForNotices holds a LISTEN connection to PostgreSQL, made again
// with growing waits whenever it fails.
func (s *Store) listenForNotices(ctx context.Context, started func()) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, func() { backoff = 100 * time.Millisecond }, started)
		if err != nil && ctx.Err() == nil {
			s.publish(news.Change{All: true})
		}
		started()
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
// once LISTEN is in place, and started after the subscribers heard that
// nothing from before can be trusted.
func (s *Store) listenOnce(ctx context.Context, connected, started func()) error {
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
	started()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		s.hear(n.Payload)
	}
}

// pollNotices reads change_notices every noticePoll until ctx ends.
func (s *Store) pollNotices(ctx context.Context, started func()) {
	last := int64(-1) // nothing read yet
	tick := time.NewTicker(s.dialect.noticePoll)
	defer tick.Stop()
	for {
		last = s.readNotices(ctx, last)
		started()
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// readNotices hands the subscribers the notices after the one numbered
// last and returns the number of the newest. When nothing changed, which
// is nearly always, that is one read of the table's last id. A read that
// fails is tried again at the next poll: the notices wait in the table.
func (s *Store) readNotices(ctx context.Context, last int64) int64 {
	var newest int64
	if err := s.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM change_notices`).Scan(&newest); err != nil || newest == last {
		return last
	}
	// The first read, notices dropped before they were read, or a
	// database put back from an older copy: what was cached may miss
	// changes (the first time, a page rendered between the server's start
	// and now).
	if last < 0 || newest < last || newest-last > keptNotices {
		s.publish(news.Change{All: true})
		return newest
	}
	notices, err := s.noticesAfter(ctx, last, newest)
	if err != nil {
		return last
	}
	// Ids follow the commits one by one; a gap is notices dropped.
	if len(notices) != int(newest-last) {
		s.publish(news.Change{All: true})
		return newest
	}
	for _, n := range notices {
		s.hear(n)
	}
	return newest
}

// noticesAfter reads the notices numbered after last up to newest.
func (s *Store) noticesAfter(ctx context.Context, last, newest int64) ([]string, error) {
	return queryAll(ctx, s.read, func(r rowScanner) (string, error) {
		var n string
		return n, r.Scan(&n)
	}, "read change notices", `SELECT notice FROM change_notices WHERE id > $1 AND id <= $2 ORDER BY id`, last, newest)
}
