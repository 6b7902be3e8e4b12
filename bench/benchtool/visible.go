package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

// visible publishes articles through the first server's API and measures
// how long until the second server's (cached) home page shows each one.
func visible(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("visible", flag.ContinueOnError)
	first := fs.String("first", "", "first server's base URL")
	second := fs.String("second", "", "second server's base URL")
	token := fs.String("token", "", "API token of an editor-in-chief")
	section := fs.String("section", "1", "section id")
	runs := fs.Int("runs", 11, "publications to time")
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
	var delays []time.Duration
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
		for {
			resp, err := http.Get(*second + "/")
			if err != nil {
				return err
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(b), title) {
				delays = append(delays, time.Since(start))
				break
			}
			if time.Since(start) > 10*time.Second {
				return fmt.Errorf("not visible after 10s")
			}
		}
	}
	sort.Slice(delays, func(i, j int) bool { return delays[i] < delays[j] })
	fmt.Printf("visible median=%v max=%v runs=%d\n", delays[len(delays)/2].Round(time.Millisecond), delays[len(delays)-1].Round(time.Millisecond), len(delays))
	return nil
}
