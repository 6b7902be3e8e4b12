package web

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

// goneReader is a reader who closed the connection: every write fails.
type goneReader struct{ *httptest.ResponseRecorder }

func (goneReader) Write([]byte) (int, error) { return 0, errors.New("write: broken pipe") }

// A page or an answer that cannot reach its reader is no error of the
// handler's: Render and WriteJSON say nothing went wrong, so no error page
// is attempted and no outage logged (a broken pipe is a network error,
// which Errors takes for the database being away).
func TestRenderToAReaderGone(t *testing.T) {
	files := fstest.MapFS{
		"layout/layout.html": {Data: []byte(`{{define "layout"}}<p>{{template "content" .}}</p>{{end}}`)},
		"pages/tin.html":     {Data: []byte(`{{define "content"}}Tin {{.}}{{end}}`)},
	}
	assets, err := LoadAssets()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(files, "layout/*.html", "pages/*.html", assets, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := goneReader{httptest.NewRecorder()}
	if err := r.Render(w, http.StatusOK, "tin", "mới"); err != nil {
		t.Errorf("Render to a reader gone: %v", err)
	}
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("status %d, type %q", w.Code, w.Header().Get("Content-Type"))
	}
	if err := r.Render(w, http.StatusOK, "no-such-page", nil); err == nil {
		t.Error("a missing template is still an error")
	}
	if err := WriteJSON(goneReader{httptest.NewRecorder()}, http.StatusOK, map[string]string{"tin": "mới"}); err != nil {
		t.Errorf("WriteJSON to a client gone: %v", err)
	}
	if err := WriteJSON(httptest.NewRecorder(), http.StatusOK, func() {}); err == nil {
		t.Error("a value JSON cannot hold is still an error")
	}
}
