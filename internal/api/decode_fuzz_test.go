package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

// Whatever a client sends as a JSON body, decodeJSON fills the fields or
// refuses with a Vietnamese Invalid or TooLarge: never a panic, never an
// internal error, never text that is not UTF-8.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{`{}`, `{"title":"Tin","section_id":1}`, `{"title":1}`, `[]`, `{"x":1}`, `{"title":"a"} {}`, "{\"title\":\"\xff\"}",
		`{"tags":["a","b"],"author_ids":[1,2]}`, `{"revision":-1}`, `{"title":"` + strings.Repeat("đ", 1000) + `"}`, `nul`, ``} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/articles", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		var dst articleFields
		err := decodeJSON(httptest.NewRecorder(), r, &dst)
		if err != nil {
			if code := news.ErrorCode(err); code != news.Invalid && code != news.TooLarge {
				t.Fatalf("refused with %v", err)
			}
		}
	})
}
