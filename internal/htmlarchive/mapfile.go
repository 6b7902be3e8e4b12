// Package htmlarchive reads a paper's old article pages (saved to a folder,
// listed in a file or a sitemap, or given as URLs) and turns each into an
// importer.Story with the CSS selectors of a map file: the title, the lead
// without its dateline, the body without share buttons and "Các tin đã
// đưa" boxes, the date in Vietnamese forms, the byline, the section, the
// tags and the captioned photos. Most Vietnamese papers run systems with no
// export at all; their pages are the archive.
package htmlarchive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Map says where a paper's article pages keep each field. Selectors are
// compiled when the map is loaded, so a typo stops the import before it
// starts rather than skipping every page.
type Map struct {
	BaseURL    *url.URL
	ArticleURL *regexp.Regexp // matched against a URL's path and query; its group "id" is the story's key
	Location   *time.Location

	Title, Lead, Body     cascadia.SelectorGroup
	Date, Author, Section cascadia.SelectorGroup
	Tags, Photo, Caption  cascadia.SelectorGroup
	Remove                []cascadia.SelectorGroup
	Dateline              []*regexp.Regexp
	DateLayouts           []string // normalized (see normalizeDate)
	titleSrc, bodySrc     string   // the selectors as written, for warnings
	dateSrc               string
}

// mapFile is the JSON of a map file; docs/IMPORT-HTML.md describes it.
type mapFile struct {
	About       string   `json:"about"`
	BaseURL     string   `json:"base_url"`
	ArticleURL  string   `json:"article_url"`
	TimeZone    string   `json:"time_zone"`
	Title       string   `json:"title"`
	Lead        string   `json:"lead"`
	Body        string   `json:"body"`
	Date        string   `json:"date"`
	Author      string   `json:"author"`
	Section     string   `json:"section"`
	Tags        string   `json:"tags"`
	Photo       string   `json:"photo"`
	Caption     string   `json:"caption"`
	Remove      []string `json:"remove"`
	Dateline    []string `json:"dateline"`
	DateFormats []string `json:"date_formats"`
}

// maxMapBytes bounds a map file; real ones are a few kilobytes.
const maxMapBytes = 1 << 20

// LoadMap reads and checks the map file at path. Every mistake is refused
// with the field it is in: a JSON error with its line, a field the format
// does not have (a typo must not be silently ignored), a selector or a
// regular expression that does not compile, a date format that cannot
// read back the date it writes.
func LoadMap(path string) (Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return Map{}, fmt.Errorf("tệp --map %s: không mở được: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxMapBytes+1))
	if err != nil {
		return Map{}, fmt.Errorf("tệp --map %s: không đọc được: %w", path, err)
	}
	if len(data) > maxMapBytes {
		return Map{}, fmt.Errorf("tệp --map %s: lớn quá (hơn 1 MB)", path)
	}
	m, err := parseMap(data)
	if err != nil {
		return Map{}, fmt.Errorf("tệp --map %s: %w", path, err)
	}
	return m, nil
}

func parseMap(data []byte) (Map, error) {
	var raw mapFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return Map{}, jsonProblem(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Map{}, errors.New("còn nội dung sau đối tượng JSON")
	}
	return raw.compile()
}

// jsonProblem words a decoding error for the operator, with the line.
func jsonProblem(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("không phải JSON hợp lệ (dòng %d): %v", lineAt(data, syntax.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("trường %q (dòng %d) phải là %s", typ.Field, lineAt(data, typ.Offset), jsonKind(typ.Type.String()))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("không phải JSON hợp lệ: tệp trống hoặc bị cắt cụt")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fmt.Errorf("trường lạ %s: không có trong định dạng (viết sai tên?)", name)
	}
	return fmt.Errorf("không phải JSON hợp lệ: %v", err)
}

func jsonKind(goType string) string {
	if goType == "[]string" {
		return "một danh sách chuỗi"
	}
	return "một chuỗi"
}

func lineAt(data []byte, offset int64) int {
	return bytes.Count(data[:min(int(offset), len(data))], []byte("\n")) + 1
}

func (raw mapFile) compile() (Map, error) {
	var m Map
	var err error
	if m.BaseURL, err = url.Parse(raw.BaseURL); err != nil || (m.BaseURL.Scheme != "http" && m.BaseURL.Scheme != "https") || m.BaseURL.Host == "" {
		return Map{}, fmt.Errorf("trường \"base_url\": %q không phải địa chỉ http(s) đầy đủ, ví dụ https://baohatinh.vn", raw.BaseURL)
	}
	if raw.ArticleURL == "" {
		return Map{}, errors.New("thiếu trường \"article_url\"")
	}
	if m.ArticleURL, err = regexp.Compile(raw.ArticleURL); err != nil {
		return Map{}, fmt.Errorf("trường \"article_url\": biểu thức %q không hợp lệ: %v", raw.ArticleURL, err)
	}
	if m.ArticleURL.SubexpIndex("id") < 0 {
		return Map{}, fmt.Errorf("trường \"article_url\": biểu thức %q cần một nhóm tên id, ví dụ (?P<id>[0-9]+)", raw.ArticleURL)
	}
	zone := orDefault(raw.TimeZone, "Asia/Ho_Chi_Minh")
	if m.Location, err = time.LoadLocation(zone); err != nil {
		return Map{}, fmt.Errorf("trường \"time_zone\": không biết múi giờ %q", zone)
	}
	if err := m.compileSelectors(raw); err != nil {
		return Map{}, err
	}
	for _, d := range raw.Dateline {
		re, err := regexp.Compile(vietnamese.NFC(d))
		if err != nil {
			return Map{}, fmt.Errorf("trường \"dateline\": biểu thức %q không hợp lệ: %v", d, err)
		}
		m.Dateline = append(m.Dateline, re)
	}
	formats := raw.DateFormats
	if len(formats) == 0 {
		formats = defaultDateFormats
	}
	for _, f := range formats {
		layout, err := checkLayout(f, m.Location)
		if err != nil {
			return Map{}, fmt.Errorf("trường \"date_formats\": %w", err)
		}
		m.DateLayouts = append(m.DateLayouts, layout)
	}
	return m, nil
}

// compileSelectors compiles every selector, naming the field and the
// selector when one is wrong. Title and body are required; photo and
// caption default to <figure> and <figcaption>.
func (m *Map) compileSelectors(raw mapFile) error {
	fields := []struct {
		name, src string
		required  bool
		into      *cascadia.SelectorGroup
	}{
		{"title", raw.Title, true, &m.Title},
		{"lead", raw.Lead, false, &m.Lead},
		{"body", raw.Body, true, &m.Body},
		{"date", raw.Date, false, &m.Date},
		{"author", raw.Author, false, &m.Author},
		{"section", raw.Section, false, &m.Section},
		{"tags", raw.Tags, false, &m.Tags},
		{"photo", orDefault(raw.Photo, "figure"), false, &m.Photo},
		{"caption", orDefault(raw.Caption, "figcaption"), false, &m.Caption},
	}
	for _, f := range fields {
		if strings.TrimSpace(f.src) == "" {
			if f.required {
				return fmt.Errorf("thiếu trường %q (bộ chọn CSS)", f.name)
			}
			continue
		}
		sel, err := compileSelector(f.name, f.src)
		if err != nil {
			return err
		}
		*f.into = sel
	}
	for _, src := range raw.Remove {
		sel, err := compileSelector("remove", src)
		if err != nil {
			return err
		}
		m.Remove = append(m.Remove, sel)
	}
	m.titleSrc, m.bodySrc, m.dateSrc = raw.Title, raw.Body, raw.Date
	return nil
}

func compileSelector(field, src string) (cascadia.SelectorGroup, error) {
	sel, err := cascadia.ParseGroup(src)
	if err != nil {
		return nil, fmt.Errorf("trường %q: bộ chọn CSS %q không hợp lệ: %v", field, src, err)
	}
	return sel, nil
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
