package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

// visible publishes articles through the first server's API and measures
// how long until the second server's (cached) home page shows each one,
// then corrects each story's title and measures how long until its own
// page shows the correction there. It fails when a change takes longer
// than --within to show.
func visible(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("visible", flag.ContinueOnError)
	first := fs.String("first", "", "first server's base URL")
	second := fs.String("second", "", "second server's base URL")
	token := fs.String("token", "", "API token of an editor-in-chief")
	section := fs.String("section", "1", "section id")
	runs := fs.Int("runs", 11, "publications to time")
	within := fs.Duration("within", time.Second, "the longest a change may take to show")
	if err := fs.Parse(args); err != nil {
		return err
	}
	call := func(method, path, body string) (string, error) {
		req, _ := http.NewRequestWithContext(ctx, method, *first+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+*token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 300 {
			return "", fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, b)
		}
		return string(b), nil
	}
	var delays, corrections []time.Duration
	for i := range *runs {
		title := fmt.Sprintf("Tin đo độ trễ số %d lúc %d", i, time.Now().UnixNano())
		out, err := call("POST", "/api/v1/articles", `{"title":"`+title+`","lead":"Sapô.","body":"<p>Nội dung.</p>","section_id":`+*section+`}`)
		if err != nil {
			return err
		}
		id := strings.SplitN(strings.SplitN(out, `"id":`, 2)[1], ",", 2)[0]
		for _, to := range []string{"submitted", "edited"} {
			if _, err := call("POST", "/api/v1/articles/"+id+"/transitions", `{"to":"`+to+`"}`); err != nil {
				return err
			}
		}
		// Make sure the home page is cached before.
		if resp, err := http.Get(*second + "/"); err != nil {
			return err
		} else if err := resp.Body.Close(); err != nil {
			return err
		}
		start := time.Now()
		if _, err := call("POST", "/api/v1/articles/"+id+"/transitions", `{"to":"published"}`); err != nil {
			return err
		}
		d, err := shows(ctx, *second+"/", title, start)
		if err != nil {
			return err
		}
		delays = append(delays, d)

		// A correction of the story, seen on its page once that is kept.
		out, err = call("GET", "/api/v1/articles/"+id, "")
		if err != nil {
			return err
		}
		page := jsonField(out, "url")
		if _, err := shows(ctx, *second+page, title, time.Now()); err != nil {
			return err
		}
		corrected := "Đính chính: " + title
		start = time.Now()
		if _, err := call("PUT", "/api/v1/articles/"+id, `{"revision":`+jsonField(out, "revision")+`,"title":"`+corrected+`"}`); err != nil {
			return err
		}
		d, err = shows(ctx, *second+page, corrected, start)
		if err != nil {
			return err
		}
		corrections = append(corrections, d)
	}
	pub, cor := summary(delays), summary(corrections)
	fmt.Printf("publish visible median=%v max=%v; correction visible median=%v max=%v; runs=%d\n", pub[0], pub[1], cor[0], cor[1], len(delays))
	if pub[1] > *within || cor[1] > *within {
		return fmt.Errorf("a change took longer than %v to show", *within)
	}
	return nil
}

// shows waits until url's page holds want and says how long since start.
func shows(ctx context.Context, url, want string, start time.Time) (time.Duration, error) {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(b), want) {
			return time.Since(start), nil
		}
		if time.Since(start) > 10*time.Second {
			return 0, fmt.Errorf("%q not visible on %s after 10s", want, url)
		}
	}
}

// summary is the median and the largest of delays, rounded.
func summary(delays []time.Duration) [2]time.Duration {
	sort.Slice(delays, func(i, j int) bool { return delays[i] < delays[j] })
	return [2]time.Duration{delays[len(delays)/2].Round(time.Millisecond), delays[len(delays)-1].Round(time.Millisecond)}
}

// jsonField is a top-level field of an API answer, as written: a string
// without its quotes, a number as it is.
func jsonField(out, name string) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		return ""
	}
	return strings.Trim(string(m[name]), `"`)
}
