package main

import (
	"database/sql"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestTwoServersOnePostgreSQL runs two servers on one PostgreSQL database,
// as a paper that outgrew one machine does: an article published through
// the first appears on the second's cached home page within a second.
func TestTwoServersOnePostgreSQL(t *testing.T) {
	t.Parallel()
	source := postgresSource(t)
	first := startServer(t, "--database", source)
	second := startServer(t, "--database", source, "--demo=false")

	api := adminAPI(t, first.base, "--database", source)
	call := api.call
	home := func() (string, string) {
		resp, err := http.Get(second.base + "/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body), resp.Header.Get("X-Cache")
	}
	// The server renders its pages again once it hears the other servers
	// (it may have missed changes until then): wait until home is kept.
	waitFor(t, "the second server to keep its home page", func() bool { _, cache := home(); return cache == "HIT" })

	sections := call("GET", "/api/v1/sections", "")["sections"].([]any)
	sectionID := sections[0].(map[string]any)["id"].(float64)
	title := "Tin nóng: khánh thành cầu Hộ Độ mới"
	created := call("POST", "/api/v1/articles", `{"title":"`+title+`","lead":"Cây cầu mới nối đôi bờ.","body":"<p>Sáng nay, cầu Hộ Độ mới được khánh thành.</p>","section_id":`+jsonNumber(sectionID)+`}`)
	id := jsonNumber(created["id"].(float64))
	for _, to := range []string{"submitted", "edited", "published"} {
		call("POST", "/api/v1/articles/"+id+"/transitions", `{"to":"`+to+`"}`)
	}
	published := time.Now()
	deadline := published.Add(time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if body, _ := home(); strings.Contains(body, title) {
			t.Logf("visible on the second server %v after publishing", time.Since(published).Round(time.Millisecond))
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the second server still serves its old home page a second after publishing")
		}
		<-tick.C
	}
}

func jsonNumber(f float64) string { return strconv.FormatInt(int64(f), 10) }

// TestLostListenerMarksPagesStale: when a server loses its connection for
// change notices, it cannot know what changed meanwhile, so it renders its
// cached pages again before serving them, and listens again.
func TestLostListenerMarksPagesStale(t *testing.T) {
	t.Parallel()
	source := postgresSource(t)
	// Its own application name, so the test cuts this server's connections
	// and no other test's.
	source += "&application_name=toasoan-lost-listener"
	srv := startServer(t, "--database", source, "--demo=false")
	cache := func() string {
		resp, err := http.Get(srv.base + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("X-Cache")
	}
	waitFor(t, "the home page to be kept", func() bool { return cache() == "HIT" })
	db, err := sql.Open("pgx", source)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }() // an administrative pool of the test
	if _, err := db.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'toasoan-lost-listener' AND query LIKE 'LISTEN %'`); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for cache() == "HIT" {
		if time.Now().After(deadline) {
			t.Fatal("the cached page was served as it was after the listener's connection was lost")
		}
		<-tick.C
	}
}

// postgresSource is a fresh PostgreSQL schema; these tests are about
// several servers sharing one PostgreSQL, so without one there is nothing
// to run.
func postgresSource(t *testing.T) string {
	t.Helper()
	for _, src := range storetest.Sources(t) {
		if src.Name == "postgres" {
			return src.Source
		}
	}
	t.Skip("needs TOASOAN_TEST_DATABASE (CI always sets it)")
	return ""
}
