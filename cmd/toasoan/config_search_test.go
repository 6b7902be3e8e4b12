package main

import (
	"io"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/search"
)

// The search limits come from --search-timeout and --search-concurrency,
// with the package's defaults, and out-of-range values are refused.
func TestSearchLimitFlags(t *testing.T) {
	t.Parallel()
	none := func(string) string { return "" }
	c, err := parseConfig("serve", nil, none, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.SearchLimits != (search.Limits{Timeout: search.DefaultTimeout, Concurrency: search.DefaultConcurrency}) {
		t.Errorf("defaults: %+v", c.SearchLimits)
	}
	c, err = parseConfig("serve", []string{"--search-timeout", "750ms", "--search-concurrency", "2"}, none, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.SearchLimits != (search.Limits{Timeout: 750 * time.Millisecond, Concurrency: 2}) {
		t.Errorf("from flags: %+v", c.SearchLimits)
	}
	for _, args := range [][]string{{"--search-timeout", "1ns"}, {"--search-timeout", "2h"}, {"--search-concurrency", "0"}, {"--search-concurrency", "nhieu"}} {
		if _, err := parseConfig("serve", args, none, io.Discard); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}
