package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Renderer holds one parsed template set per page, each made of the
// shared partials, the part's layout and the page's own file; they are
// parsed once, at start-up.
type Renderer struct {
	pages map[string]*template.Template
	// buffers are the pages' render buffers, used again: a reader's page
	// is 50-100 KB, which a new buffer reaches by doubling from 64 bytes,
	// allocating and zeroing twice the page on every render.
	buffers sync.Pool
}

// maxPooledBuffer is the largest render buffer kept for the next page; a
// rare huge page (a long live blog) gives its buffer back to the GC.
const maxPooledBuffer = 1 << 20

// NewRenderer parses the templates of one part of the site from fsys:
// the files matching layout, then each file matching pages on its own,
// named by its base name without ".html". funcs adds to the kit's own
// template functions (Funcs).
func NewRenderer(fsys fs.FS, layout, pages string, as *Assets, funcs template.FuncMap) (*Renderer, error) {
	all := Funcs(as)
	maps.Copy(all, funcs)
	base, err := template.New("base").Funcs(all).ParseFS(embedded, "templates/shared/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse shared templates: %w", err)
	}
	if base, err = base.ParseFS(fsys, layout); err != nil {
		return nil, fmt.Errorf("parse layout templates: %w", err)
	}
	files, err := fs.Glob(fsys, pages)
	if err != nil {
		return nil, err
	}
	r := &Renderer{pages: map[string]*template.Template{}}
	for _, f := range files {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if t, err = t.ParseFS(fsys, f); err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		r.pages[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return r, nil
}

// Funcs are the template functions every part shares.
func Funcs(as *Assets) template.FuncMap {
	return template.FuncMap{
		"asset":    as.URL,
		"datetime": vietnamese.DateTime,
		"date":     vietnamese.Date,
		"clock":    vietnamese.Clock,
		"relative": vietnamese.Relative,
		"isoTime":  IsoTime,
		"dayParam": func(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02") },
		"media":    func(key string) string { return "/media/" + key },
		"weekday":  func(t time.Time) string { return vietnamese.Weekday(t.Weekday()) },
		"srcset":   media.Srcset,
		"picture":  media.Picture,
		"hasID":    slices.Contains[[]int64, int64],
		// paragraphs splits plain text (a bio, a correction note) at blank lines.
		"paragraphs": news.Paragraphs,
		"pagerHTML":  PagerHTML,
	}
}

// IsoTime is a time for a datetime attribute.
func IsoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Render writes page with the named template, fully rendered into a
// buffer first so a template error becomes a clean 500, not half a page.
func (r *Renderer) Render(w http.ResponseWriter, status int, name string, page any) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	buf, _ := r.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			r.buffers.Put(buf)
		}
	}()
	if err := t.ExecuteTemplate(buf, "layout", page); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	header(w, status)
	_, _ = buf.WriteTo(w) // a Writer keeps nothing of what it is given: the buffer can go back
	return nil            // a failed write is a reader gone (see WriteHTML)
}

// WriteHTML sends a page written in Go, whole, as Render sends a
// template's. A write that fails is a reader who left: there is nobody
// to answer, and the error is not the page's (it was logged as the
// database being away, the broken pipe being a network error).
func WriteHTML(w http.ResponseWriter, status int, page []byte) {
	header(w, status)
	_, _ = w.Write(page)
}

func header(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
}
