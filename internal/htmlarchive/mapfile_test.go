package htmlarchive

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExampleMapIsWhatTheDocsSay(t *testing.T) {
	m := exampleMap(t)
	if m.BaseURL.String() != "https://baohatinh.vn" || m.Location.String() != "Asia/Ho_Chi_Minh" || len(m.Remove) != 5 || len(m.DateLayouts) != 5 {
		t.Errorf("map %+v", m)
	}
	docs, err := os.ReadFile(filepath.Join("..", "..", "docs", "IMPORT-HTML.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Every field of the format is documented.
	for _, field := range []string{"about", "base_url", "article_url", "time_zone", "title", "lead", "body", "date", "author", "section", "tags", "photo", "caption", "remove", "dateline", "date_formats"} {
		if !strings.Contains(string(docs), "`"+field+"`") {
			t.Errorf("docs/IMPORT-HTML.md does not describe %q", field)
		}
	}
}

func TestBadMapsAreRefused(t *testing.T) {
	good := `{"base_url": "https://baohatinh.vn", "article_url": "/(?P<id>[0-9]+)\\.htm$", "title": "h1", "body": ".noi-dung"`
	tests := []struct {
		name, content string
		want          []string
	}{
		{"a wrong selector", good + `, "lead": "div..sapo["}`, []string{`trường "lead"`, `bộ chọn CSS "div..sapo["`}},
		{"a wrong selector in remove", good + `, "remove": [".share", "div >> p"]}`, []string{`trường "remove"`, `"div >> p"`}},
		{"a pseudo-element", good + `, "caption": "figure::after"}`, []string{`trường "caption"`, `"figure::after"`}},
		{"not JSON", "base_url = https://baohatinh.vn\n", []string{"không phải JSON hợp lệ (dòng 1)"}},
		{"a missing brace", good + ",\n\"tags\": \"a\"\n", []string{"không phải JSON hợp lệ"}},
		{"empty", "", []string{"tệp trống"}},
		{"an unknown field", good + ",\n\"titel\": \"h1\"}", []string{`trường lạ "titel"`}},
		{"a field of the wrong type", good + `, "remove": ".share"}`, []string{`trường "remove"`, "danh sách"}},
		{"two objects", good + "} {}", []string{"còn nội dung sau"}},
		{"no title", `{"base_url": "https://baohatinh.vn", "article_url": "(?P<id>[0-9]+)", "body": "div"}`, []string{`thiếu trường "title"`}},
		{"no body", `{"base_url": "https://baohatinh.vn", "article_url": "(?P<id>[0-9]+)", "title": "h1"}`, []string{`thiếu trường "body"`}},
		{"no article pattern", `{"base_url": "https://baohatinh.vn", "title": "h1", "body": "div"}`, []string{`thiếu trường "article_url"`}},
		{"a pattern without id", `{"base_url": "https://baohatinh.vn", "article_url": "/([0-9]+)\\.htm$", "title": "h1", "body": "div"}`, []string{`"article_url"`, "nhóm tên id"}},
		{"a broken pattern", `{"base_url": "https://baohatinh.vn", "article_url": "(?P<id>[0-9]+", "title": "h1", "body": "div"}`, []string{`"article_url"`, "không hợp lệ"}},
		{"a relative base", `{"base_url": "baohatinh.vn", "article_url": "(?P<id>[0-9]+)", "title": "h1", "body": "div"}`, []string{`"base_url"`}},
		{"a javascript base", `{"base_url": "javascript:alert(1)", "article_url": "(?P<id>[0-9]+)", "title": "h1", "body": "div"}`, []string{`"base_url"`}},
		{"an unknown zone", good + `, "time_zone": "Asia/Ha_Tinh"}`, []string{`"time_zone"`, "Asia/Ha_Tinh"}},
		{"a broken dateline", good + `, "dateline": ["^(Baohatinh"]}`, []string{`"dateline"`}},
		{"a date format without year", good + `, "date_formats": ["2/1 15:04"]}`, []string{`"date_formats"`, `"2/1 15:04"`}},
		{"a date format that is not one", good + `, "date_formats": ["dd/mm/yyyy"]}`, []string{`"date_formats"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "map.json")
			writeFile(t, path, tt.content)
			_, err := LoadMap(path)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range append(tt.want, "tệp --map "+path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	path := filepath.Join(t.TempDir(), "map.json")
	writeFile(t, path, good+"}")
	if _, err := LoadMap(path); err != nil {
		t.Errorf("the smallest map: %v", err)
	}
	writeFile(t, path, `{"about": "`+strings.Repeat("x", 2<<20)+`"}`)
	if _, err := LoadMap(path); err == nil || !strings.Contains(err.Error(), "lớn quá") {
		t.Errorf("a 2 MB map: %v", err)
	}
	if _, err := LoadMap(filepath.Join(t.TempDir(), "khong-co.json")); err == nil || !strings.Contains(err.Error(), "không mở được") {
		t.Errorf("no file: %v", err)
	}
}
