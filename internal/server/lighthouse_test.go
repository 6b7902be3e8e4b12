package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// lighthouseTool finds the Lighthouse that tools/validate installs from
// npm, and Chromium. CI installs both; a developer machine without them
// skips, CI never does.
func lighthouseTool(t *testing.T) (lighthouse, chrome string) {
	t.Helper()
	lighthouse, _ = filepath.Abs("../../tools/validate/node_modules/.bin/lighthouse")
	_, err := os.Stat(lighthouse)
	chrome, chromeErr := exec.LookPath("chromium")
	if _, nodeErr := exec.LookPath("node"); err == nil && chromeErr == nil && nodeErr == nil {
		return lighthouse, chrome
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI needs node, Chromium and the lighthouse npm package (npm ci in tools/validate) for the accessibility test")
	}
	t.Skip("node, chromium or lighthouse not installed; run npm ci in tools/validate")
	return "", ""
}

// lighthouseReport is the part of Lighthouse's JSON report the test reads.
type lighthouseReport struct {
	Categories map[string]struct {
		Score *float64 `json:"score"`
	} `json:"categories"`
	Audits map[string]struct {
		Title            string   `json:"title"`
		Score            *float64 `json:"score"`
		ScoreDisplayMode string   `json:"scoreDisplayMode"`
		Details          struct {
			Items []struct {
				Node struct {
					Snippet string `json:"snippet"`
				} `json:"node"`
			} `json:"items"`
		} `json:"details"`
	} `json:"audits"`
}

// failing lists the audits that lost points, with a few of the elements
// each one names.
func (r lighthouseReport) failing() []string {
	var out []string
	for id, a := range r.Audits {
		if a.Score == nil || *a.Score >= 1 || a.ScoreDisplayMode != "binary" && a.ScoreDisplayMode != "numeric" {
			continue
		}
		var nodes []string
		for i, item := range a.Details.Items {
			if i == 3 {
				nodes = append(nodes, "…")
				break
			}
			nodes = append(nodes, item.Node.Snippet)
		}
		out = append(out, fmt.Sprintf("%s (%s): %s", id, a.Title, strings.Join(nodes, " ")))
	}
	sort.Strings(out)
	return out
}

// Lighthouse scores the reader's main pages 100 for accessibility, on a
// phone (its default): one run per page, the accessibility audits only.
// A failure names the audits and the elements they found.
func TestLighthouseAccessibility(t *testing.T) {
	t.Parallel()
	lighthouse, chrome := lighthouseTool(t)
	w := startSite(t, filepath.Join(t.TempDir(), "toasoan.db"))
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"section", "/thoi-su/"},
		{"article", w.articles[4].Path()},
		{"search", "/tim-kiem?q=duong"},
	}
	flags := strings.Join([]string{"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--no-first-run", "--user-data-dir=" + t.TempDir(),
		// No page of the test paper names another host; nothing waits on a network.
		`--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"`}, " ")
	for _, p := range pages {
		out := filepath.Join(t.TempDir(), p.name+".json")
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, lighthouse, w.url+p.path, "--quiet", "--output=json", "--output-path="+out,
			"--only-categories=accessibility", "--chrome-flags="+flags)
		cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
		msg, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("%s: lighthouse: %v\n%s", p.name, err, msg)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var report lighthouseReport
		if err := json.Unmarshal(data, &report); err != nil {
			t.Fatalf("%s: the report: %v", p.name, err)
		}
		if score := report.Categories["accessibility"].Score; score == nil || *score < 1 {
			got := "no score"
			if score != nil {
				got = fmt.Sprintf("%.0f", *score*100)
			}
			t.Errorf("%s (%s): accessibility %s, want 100; failing:\n  %s", p.name, p.path, got, strings.Join(report.failing(), "\n  "))
		}
	}
}
