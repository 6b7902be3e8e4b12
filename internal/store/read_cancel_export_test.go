package store

import "context"

// ReadForTest runs query on the read pool, the way searches and pages
// read, to the last row.
func (s *Store) ReadForTest(ctx context.Context, query string) error {
	rows, err := s.read.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
