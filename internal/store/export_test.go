package store

import "context"

// ExecForTest lets tests put the database in states the API never makes,
// such as a schema newer than the binary.
func (s *Store) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := s.write.ExecContext(ctx, query, args...)
	return err
}
