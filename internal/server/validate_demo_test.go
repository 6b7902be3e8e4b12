package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestDemoPagesAreValidHTML checks with the Nu HTML Checker the pages
// whose markup depends on content the small test paper lacks: the home
// page's section blocks and the forecast page of the demo paper, with a
// reader's commune chosen, and an article with its text-size control.
func TestDemoPagesAreValidHTML(t *testing.T) {
	t.Parallel()
	jar := vnuJar(t)
	paper := startDemoPaper(t)
	pages := map[string]string{"home": "/", "forecast": "/thoi-tiet", "section": "/nong-thon-moi/", "article": ""}
	_, home := get(t, paper.url, "/")
	pages["article"] = home.Find(".lead-title a").AttrOr("href", "")
	locs, err := paper.store.Localities(context.Background())
	if err != nil || len(locs) < 3 {
		t.Fatalf("localities: %d %v", len(locs), err)
	}
	dir := t.TempDir()
	var files []string
	for name, path := range pages {
		req, err := http.NewRequest(http.MethodGet, paper.url+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Cookie", "toasoan_dia_phuong="+itoa(locs[2].ID))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v", path, resp.StatusCode, err)
		}
		f := filepath.Join(dir, name+".html")
		if err := os.WriteFile(f, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	out, err := exec.Command("java", append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout"}, files...)...).Output()
	var report struct {
		Messages []struct {
			Type, URL, Message string
			LastLine           int
		}
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vnu: %v / %v\n%s", err, jerr, out)
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s: %s", filepath.Base(m.URL), m.LastLine, m.Type, m.Message)
	}
	if len(report.Messages) == 0 && err != nil {
		t.Fatalf("vnu failed: %v", err)
	}
}
