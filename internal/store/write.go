package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// tx is one write transaction: the rows it changes, and the keys of what
// readers see that it touched (announce). Every write of the store goes
// through commit or change, so every change is whole (one transaction),
// recorded (its audit entry in that transaction) and announced (its keys
// sent to the other servers by the commit itself, and to this server's
// subscribers once it is committed).
type tx struct {
	*sql.Tx
	prepare bool                 // keep statements prepared (SQLite), see statements.go
	stmts   map[string]*sql.Stmt // closed with the transaction
	now     time.Time
	keys    []news.Key
}

// announce records keys that the change touches.
func (t *tx) announce(keys ...news.Key) { t.keys = append(t.keys, keys...) }

// audit writes one audit entry inside the transaction of the change it
// records, so the log never misses a change nor lists one that failed.
func (t *tx) audit(ctx context.Context, e news.AuditEntry) error {
	if e.At.IsZero() {
		e.At = t.now
	}
	_, err := t.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, action, object_type, object_id, detail, ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.At.UTC(), nullID(e.UserID), e.Action, e.ObjectType, e.ObjectID,
		truncateText(e.Detail, 4000), e.IP)
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// change runs fn as one audited change by actor: fn makes the writes and
// fills in the entry's object and detail; the entry is written in the same
// transaction, after fn, so a change whose audit entry fails is rolled
// back with it.
func (s *Store) change(ctx context.Context, by news.Actor, action string, fn func(t *tx, e *news.AuditEntry) error) error {
	return s.commit(ctx, func(t *tx) error {
		e := news.AuditEntry{UserID: by.User.ID, Action: action, IP: by.IP}
		if err := fn(t, &e); err != nil {
			return err
		}
		return t.audit(ctx, e)
	})
}

// commit runs fn in a write transaction and commits it when fn returns
// nil; otherwise nothing of it is kept. The keys fn announced go out with
// the commit: the notice (PostgreSQL's NOTIFY, SQLite's row of
// change_notices) is part of the transaction, which delivers it if and
// only if the change is committed, so a committed change is always
// announced to the other servers. This server's
// subscribers hear it after the commit, whatever became of the request
// that made it. Writes that record no audit entry of their own (the
// paper's bookkeeping: sessions seen, tokens used, leases, weather data,
// edit locks, readers' comments and likes) call commit directly.
func (s *Store) commit(ctx context.Context, fn func(t *tx) error) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	t := &tx{Tx: sqlTx, prepare: s.dialect.preparedReads, now: s.now()}
	if err := fn(t); err != nil {
		_ = sqlTx.Rollback() // the error that made us roll back is the one to report
		return err
	}
	ch := t.change()
	if len(ch.Keys) > 0 {
		if err := s.tellOthers(ctx, sqlTx, ch); err != nil {
			_ = sqlTx.Rollback()
			return fmt.Errorf("announce change: %w", err)
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if len(ch.Keys) > 0 {
		s.publish(ch)
	}
	return nil
}

// change is the transaction's announced keys, sorted and once each, with
// AnyKey added: a page that declared nothing goes with any change.
func (t *tx) change() news.Change {
	if len(t.keys) == 0 {
		return news.Change{}
	}
	keys := append(slices.Clone(t.keys), news.AnyKey)
	slices.Sort(keys)
	return news.Change{Keys: slices.Compact(keys)}
}

// maxNotice keeps a notice under PostgreSQL's 8000-byte payload limit
// (SQLite's notices keep the same form).
const maxNotice = 7000

// notice is a change as the other servers read it: this store's origin,
// then the keys, space separated; "flush" instead of the keys when they
// do not fit, which makes every server forget what it kept.
func (s *Store) notice(ch news.Change) string {
	payload := s.origin + " " + strings.Join(ch.Strings(), " ")
	if len(payload) > maxNotice {
		return s.origin + " flush"
	}
	return payload
}

// Subscribe registers fn to hear, after each committed change that
// readers can see, what it touched: the changes this server makes at once,
// and those of the other servers and processes through Listen, which also
// says (Change.All) when notices may have been missed. Subscribers are
// called in the order they subscribed, one change at a time per source,
// and must not block: the page cache drops pages, the purge hook hands its
// request to a goroutine.
func (s *Store) Subscribe(fn func(news.Change)) {
	s.subscribers.Lock()
	defer s.subscribers.Unlock()
	s.subscribers.fns = append(s.subscribers.fns, fn)
}

// publish tells the store's own memory, then every subscriber, about ch.
func (s *Store) publish(ch news.Change) {
	s.chrome.apply(ch)
	s.subscribers.RLock()
	fns := s.subscribers.fns
	s.subscribers.RUnlock()
	for _, fn := range fns {
		fn(ch)
	}
}

// Announce tells subscribers about keys that changed without a write: an
// announcement whose time came, a forecast grown stale. Every server runs
// the clocks that notice these, so the other servers are not told.
func (s *Store) Announce(keys ...news.Key) {
	t := tx{keys: keys}
	if ch := t.change(); len(ch.Keys) > 0 {
		s.publish(ch)
	}
}
