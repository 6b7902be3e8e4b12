package web

import (
	"bytes"
	"html"
	"html/template"
	"os"
	"testing"
)

// The pager written in Go is what its template (kept in testdata) drew,
// as a browser reads it: no page, one page, the first, a middle and the
// last, with queries a search's pages carry.
func TestPagerHTMLMatchesTheTemplate(t *testing.T) {
	text, err := os.ReadFile("testdata/pager_reference.html")
	if err != nil {
		t.Fatal(err)
	}
	reference := template.Must(template.New("").Parse(string(text)))
	search := "/tim-kiem?q=H%C3%A0+T%C4%A9nh&chuyen-muc=3&trang="
	for i, p := range []Pager{{}, {Page: 1, Pages: 1}, {Page: 1, Pages: 3, NextURL: search + "2"},
		{Page: 2, Pages: 3, PrevURL: search + "1", NextURL: search + "3"}, {Page: 3, Pages: 3, PrevURL: "/thoi-su/?trang=2&x=<b>\"'"}} {
		var want bytes.Buffer
		if err := reference.ExecuteTemplate(&want, "pager", p); err != nil {
			t.Fatal(err)
		}
		got := string(PagerHTML(p))
		if html.UnescapeString(got) != html.UnescapeString(want.String()) {
			t.Errorf("pager %d, in Go:\n%q\ntemplate:\n%q", i, got, want.String())
		}
	}
}

// URLAttr writes a link exactly as html/template writes it into an href.
func TestURLAttrIsWhatTheTemplateWrites(t *testing.T) {
	a := template.Must(template.New("").Parse(`<a href="{{.}}">`))
	for _, u := range []string{"/", "/thoi-su/?trang=2", "/tim-kiem?q=Hà Tĩnh&x=<b>\"'()`{}|^\\ \t\n", "https://baohatinh.example/a%20b?c=đ#d",
		"mailto:toasoan@baohatinh.example", "/\x00\x7f\xff", "/Ha\u0300 Ti\u0303nh/"} {
		var want bytes.Buffer
		if err := a.Execute(&want, u); err != nil {
			t.Fatal(err)
		}
		if got := `<a href="` + URLAttr(u) + `">`; got != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", u, got, want.String())
		}
	}
}
