package store

import (
	"context"
	"fmt"
	"time"
)

// DayStart is midnight of now's day in the paper's zone: "hôm nay" of the
// newsroom's numbers starts there, not at midnight UTC.
func DayStart(now time.Time, loc *time.Location) time.Time {
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// GroupViews is the readers' views of a section's or an author's stories
// within a period.
type GroupViews struct {
	ID      int64
	Name    string
	Stories int // stories read in the period
	Views   int64
}

// ViewsBySection sums the views since the given time of every story,
// published now or not (the views were real), by its section, most read
// first.
func (s *Store) ViewsBySection(ctx context.Context, since time.Time) ([]GroupViews, error) {
	return s.groupViews(ctx, "views by section", `SELECT s.id, s.name, COUNT(DISTINCT v.article_id), SUM(v.views) AS n
		FROM article_views v
		JOIN articles a ON a.id = v.article_id
		JOIN sections s ON s.id = a.section_id
		WHERE v.hour >= $1
		GROUP BY s.id, s.name
		ORDER BY n DESC, s.name, s.id`, since)
}

// ViewsByAuthor sums the views since the given time by byline, most read
// first: a story signed by two authors counts whole for each, as both
// wrote it; stories without a byline are in no row.
func (s *Store) ViewsByAuthor(ctx context.Context, since time.Time) ([]GroupViews, error) {
	return s.groupViews(ctx, "views by author", `SELECT au.id, au.name, COUNT(DISTINCT v.article_id), SUM(v.views) AS n
		FROM article_views v
		JOIN article_authors aa ON aa.article_id = v.article_id
		JOIN authors au ON au.id = aa.author_id
		WHERE v.hour >= $1
		GROUP BY au.id, au.name
		ORDER BY n DESC, au.name, au.id`, since)
}

func (s *Store) groupViews(ctx context.Context, what, query string, since time.Time) ([]GroupViews, error) {
	rows, err := s.read.QueryContext(ctx, query, since.UTC().Truncate(time.Hour))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []GroupViews
	for rows.Next() {
		var g GroupViews
		if err := rows.Scan(&g.ID, &g.Name, &g.Stories, &g.Views); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}
