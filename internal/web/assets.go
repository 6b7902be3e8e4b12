package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/toasoan/toasoan/internal/news"
)

// asset is one static file, served under a name that carries its content
// hash ("style.3f2a9c1b.css") so browsers may cache it forever.
type asset struct {
	name  string
	mime  string
	plain variant
	// compressible files (CSS, JavaScript, SVG) are also kept in brotli
	// and gzip, each only when it is smaller, made once on the first
	// request that may take them: brotli's best quality spends a second on
	// the newsroom's editor.js, which most starts of a server never serve.
	compressible bool
	once         sync.Once
	encoded      []variant // brotli first: the server's preference
	offered      []string  // their encodings, in the same order
}

// variant is one encoding of an asset, with its headers made once.
type variant struct {
	encoding string // "br", "gzip"; "" for the file as it is
	data     []byte
	etag     string // one per encoding: a cache must not mix them up
	length   []string
}

func newVariant(encoding string, data []byte, hash string) variant {
	etag := `"` + hash + `"`
	if encoding != "" {
		etag = `"` + hash + "-" + encoding + `"`
	}
	return variant{encoding: encoding, data: data, etag: etag, length: []string{strconv.Itoa(len(data))}}
}

// Assets maps hashed names to files, and plain names to hashed URLs.
type Assets struct {
	byHashed map[string]*asset
	urls     map[string]string
}

// compressibleTypes are the extensions worth compressing; photos and
// fonts are compressed already.
var compressibleTypes = map[string]bool{".css": true, ".js": true, ".svg": true}

// LoadAssets hashes the embedded static files, once at start-up.
func LoadAssets() (*Assets, error) {
	as := &Assets{byHashed: map[string]*asset{}, urls: map[string]string{}}
	err := fs.WalkDir(embedded, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		name := path.Base(p)
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		hash := hex.EncodeToString(sum[:5])
		hashed := strings.TrimSuffix(name, ext) + "." + hash + ext
		as.byHashed[hashed] = &asset{name: name, mime: mime.TypeByExtension(ext), plain: newVariant("", data, hash),
			compressible: compressibleTypes[ext]}
		as.urls[name] = "/static/" + hashed
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return as, nil
}

// URL is the template function "asset": the hashed URL of a static file.
func (as *Assets) URL(name string) (string, error) {
	u, ok := as.urls[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

// Serve answers "GET /static/{file}" with the file under its hashed name,
// cacheable forever, in the encoding the client prefers among those that
// pay. The plain file answers Range requests and conditional ones through
// http.ServeContent; an encoded body is always sent whole (a range of the
// file's bytes is not a range of its brotli), with its own ETag.
func (as *Assets) Serve(w http.ResponseWriter, r *http.Request) error {
	a, ok := as.byHashed[r.PathValue("file")]
	if !ok {
		return news.Errorf(news.NotFound, "Không tìm thấy tệp")
	}
	h := w.Header()
	h.Set("Content-Type", a.mime)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if a.compressible {
		h.Set("Vary", "Accept-Encoding")
	}
	v := a.variantFor(r.Header.Get("Accept-Encoding"))
	h.Set("ETag", v.etag)
	if v.encoding == "" {
		http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(v.data))
		return nil
	}
	if ETagMatches(r.Header.Get("If-None-Match"), v.etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Encoding", v.encoding)
	h["Content-Length"] = v.length
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(v.data) // a failed write is a client gone
	}
	return nil
}

// variantFor is the encoding of a the client takes and prefers; the plain
// file when it takes none that pays.
func (a *asset) variantFor(acceptEncoding string) variant {
	if !a.compressible || acceptEncoding == "" {
		return a.plain
	}
	a.once.Do(a.compress)
	chosen := PreferredEncoding(acceptEncoding, a.offered...)
	for _, v := range a.encoded {
		if v.encoding == chosen {
			return v
		}
	}
	return a.plain
}

// compress makes the brotli and gzip variants, each at its best
// compression, keeping those smaller than the file.
func (a *asset) compress() {
	hash := strings.Trim(a.plain.etag, `"`)
	var br bytes.Buffer
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	var gz bytes.Buffer
	gw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression) // a valid level never fails
	// Writes to memory do not fail.
	_, _ = bw.Write(a.plain.data)
	_ = bw.Close()
	_, _ = gw.Write(a.plain.data)
	_ = gw.Close()
	for _, v := range []variant{newVariant("br", br.Bytes(), hash), newVariant("gzip", gz.Bytes(), hash)} {
		if len(v.data) < len(a.plain.data) {
			a.encoded = append(a.encoded, v)
			a.offered = append(a.offered, v.encoding)
		}
	}
}

// ETagMatches reports whether an If-None-Match header names etag (or is
// "*"); weak tags match too, as RFC 9110 has it for GET.
func ETagMatches(ifNoneMatch, etag string) bool {
	for ifNoneMatch != "" {
		var tag string
		tag, ifNoneMatch, _ = strings.Cut(ifNoneMatch, ",")
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			return true
		}
	}
	return false
}
