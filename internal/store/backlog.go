package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Backlog is what waits for someone, for the operator's metrics: comments
// for a moderator, mail for the sender, scheduled stories for the
// scheduler, forecasts for the weather job.
type Backlog struct {
	CommentsPending int
	MailQueued      int       // not sent yet, still to be tried
	MailFailed      int       // given up after every attempt
	OverdueSince    time.Time // the earliest scheduled story past its time; zero when none
	WeatherOldest   time.Time // the oldest locality's forecast; zero when none
}

// Backlog reads the counts; maxMailAttempts is where the sender gives up.
func (s *Store) Backlog(ctx context.Context, now time.Time, maxMailAttempts int) (Backlog, error) {
	var b Backlog
	var overdue, weather sql.NullTime
	err := s.read.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM comments WHERE status = $1),
			(SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts < $2),
			(SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts >= $2)`,
		string(news.CommentPending), maxMailAttempts).Scan(&b.CommentsPending, &b.MailQueued, &b.MailFailed)
	if err != nil {
		return b, fmt.Errorf("read backlog: %w", err)
	}
	// ORDER BY ... LIMIT 1 rather than MIN(): SQLite's aggregates forget
	// the column's declared type.
	err = s.read.QueryRowContext(ctx, `SELECT scheduled_at FROM articles WHERE status = $1 AND scheduled_at <= $2
		ORDER BY scheduled_at LIMIT 1`, string(news.Scheduled), now.UTC()).Scan(&overdue)
	if err != nil && !errNoRows(err) {
		return b, fmt.Errorf("read overdue stories: %w", err)
	}
	err = s.read.QueryRowContext(ctx, `SELECT fetched_at FROM weather_reports ORDER BY fetched_at LIMIT 1`).Scan(&weather)
	if err != nil && !errNoRows(err) {
		return b, fmt.Errorf("read weather age: %w", err)
	}
	b.OverdueSince, b.WeatherOldest = utc(overdue), utc(weather)
	return b, nil
}

// PoolStats are the connection pools' counters: "read" and "write" on
// SQLite, one "pool" on PostgreSQL.
func (s *Store) PoolStats() map[string]sql.DBStats {
	if s.write == s.read.DB {
		return map[string]sql.DBStats{"pool": s.write.Stats()}
	}
	return map[string]sql.DBStats{"read": s.read.Stats(), "write": s.write.Stats()}
}
