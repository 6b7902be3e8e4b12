package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"
)

// The kept statements answer like the queries run as they are, stay
// bounded however many texts arrive, and a query that cannot be prepared
// reports its own error instead of being kept.
func TestPreparedReadsAreBounded(t *testing.T) {
	t.Parallel()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	read := newReadDB(db, true)
	defer func() {
		if err := read.Close(); err != nil {
			t.Error(err)
		}
	}()
	ctx := context.Background()
	if _, err := read.QueryContext(ctx, "SELEC nothing"); err == nil {
		t.Error("a malformed query ran")
	}
	if _, ok := read.stmts["SELEC nothing"]; ok {
		t.Error("a malformed query was kept")
	}
	for i := range maxStatements + 50 {
		var got int
		// Each text is new: the values are in the text on purpose here.
		if err := read.QueryRowContext(ctx, fmt.Sprintf("SELECT %d + ?", i), 1).Scan(&got); err != nil || got != i+1 {
			t.Fatalf("query %d: %d, %v", i, got, err)
		}
	}
	// Asked again, a kept one answers with new arguments.
	var got int
	if err := read.QueryRowContext(ctx, "SELECT 7 + ?", 5).Scan(&got); err != nil || got != 12 {
		t.Fatalf("kept statement: %d, %v", got, err)
	}
	if n := len(read.stmts); n != maxStatements {
		t.Errorf("%d statements kept, want the bound %d", n, maxStatements)
	}
}
