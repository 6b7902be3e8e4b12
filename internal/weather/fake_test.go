package weather_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// openMeteo is a local Open-Meteo for any places: it answers in the
// documented format, built from testdata/single.json, one object per
// place asked for (a bare object for one place, an array for several).
type openMeteo struct {
	calls    atomic.Int64
	mu       sync.Mutex
	mode     string        // "ok", "fail" (500), "garbage" (a partial array), "hang" (until the client gives up), "hold"
	before   func()        // runs before each answer, for changes made while a request is under way
	entered  chan struct{} // "hold": told when a request arrived
	release  chan struct{} // "hold": closed to let it answer
	template map[string]any
}

func newOpenMeteo(t *testing.T) (*openMeteo, *httptest.Server) {
	t.Helper()
	b, err := os.ReadFile("testdata/single.json")
	if err != nil {
		t.Fatal(err)
	}
	o := &openMeteo{mode: "ok", entered: make(chan struct{}, 1), release: make(chan struct{})}
	if err := json.Unmarshal(b, &o.template); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(o)
	t.Cleanup(func() {
		o.set("ok")
		ts.Close()
	})
	return o, ts
}

func (o *openMeteo) set(mode string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.mode == "hold" && mode != "hold" {
		close(o.release)
	}
	o.mode = mode
}

func (o *openMeteo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.calls.Add(1)
	o.mu.Lock()
	mode, before, release := o.mode, o.before, o.release
	o.mu.Unlock()
	if before != nil {
		before()
	}
	switch mode {
	case "fail":
		http.Error(w, `{"error":true,"reason":"Dịch vụ quá tải"}`, http.StatusInternalServerError)
		return
	case "hang":
		<-r.Context().Done()
		return
	case "hold":
		o.entered <- struct{}{}
		<-release
	}
	lats := strings.Split(r.URL.Query().Get("latitude"), ",")
	lons := strings.Split(r.URL.Query().Get("longitude"), ",")
	var places []map[string]any
	for i := range lats {
		lat, _ := strconv.ParseFloat(lats[i], 64)
		lon, _ := strconv.ParseFloat(lons[i], 64)
		p := clone(o.template)
		p["latitude"], p["longitude"] = lat+0.01, lon-0.01 // the grid cell, near the place
		p["current"].(map[string]any)["temperature_2m"] = 20.0 + float64(i)
		places = append(places, p)
	}
	if mode == "garbage" {
		delete(places[len(places)-1]["current"].(map[string]any), "weather_code")
	}
	var body any = places
	if len(places) == 1 {
		body = places[0]
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(body); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func clone(m map[string]any) map[string]any {
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // a map of JSON values always marshals
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}

// clock is a test clock that tests move forward.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
