// Package backup writes the whole paper (every table's rows and the
// photos they name) into one portable archive, consistent while the
// server runs, and restores such an archive into an empty database of
// either kind: the backup, the restore test and the move from SQLite to
// PostgreSQL are the same two commands. docs/BACKUP.md describes the
// format.
package backup

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// The archive's names: a gzip'd tar whose first entry is the manifest,
// then one entry of JSON lines per table, then the photos.
const (
	formatName     = "toasoan-backup"
	formatVersion  = 1
	manifestEntry  = "manifest.json"
	tablesFolder   = "tables/"
	tableExtension = ".jsonl"
	mediaFolder    = "media/"
	maxManifest    = 16 << 20 // bytes: a manifest lists tables, not rows
	maxRow         = 64 << 20 // bytes of one row's line: a long article with its body
)

// Manifest is the archive's first entry: what made it, and what each
// other entry holds.
type Manifest struct {
	Format        string    `json:"format"`
	FormatVersion int       `json:"format_version"`
	SchemaVersion int       `json:"schema_version"` // the newest migration the paper had
	Toasoan       string    `json:"toasoan_version"`
	CreatedAt     time.Time `json:"created_at"`
	Database      string    `json:"database"` // "sqlite" or "postgres", where it was taken
	Tables        []Table   `json:"tables"`
	Media         Media     `json:"media"`
}

// Table is one table's entry, tables/NAME.jsonl: one JSON object per row.
type Table struct {
	Name    string   `json:"name"`
	Columns []Column `json:"columns"`
	Rows    int64    `json:"rows"`
	Bytes   int64    `json:"bytes"`
	SHA256  string   `json:"sha256"` // of the entry, hex
}

// Column is a column of a table and the kind of its values.
type Column struct {
	Name string           `json:"name"`
	Kind store.ColumnKind `json:"kind"`
}

// Media counts the photo entries, media/KEY: each an original the images
// table names, its name its own checksum.
type Media struct {
	Files int64 `json:"files"`
	Bytes int64 `json:"bytes"`
}

// entry is the table's entry name in the archive.
func (t Table) entry() string { return tablesFolder + t.Name + tableExtension }

// skipReason says why a table is left out of backups, "" for the tables
// backed up: every table of the schema but these, so a table a new
// migration adds is carried without anyone remembering to list it.
func skipReason(table string) string {
	switch table {
	case "schema_migrations":
		return "the target database's own record of its migrations: a restore migrates it to the archive's schema version"
	case "sessions":
		return "sign-ins on the old server: everyone signs in again, and a copied cookie opens nothing"
	case "edit_locks":
		return "who has a story open in an editor right now, on the old server"
	case "change_notices":
		return "SQLite's notices to the other processes on the old file"
	case "job_leases":
		return "which server runs a background job right now"
	case "article_search", "article_titles", "search_pending", "search_words":
		return "search indexes derived from the articles (FTS5 on SQLite, tsvector on PostgreSQL): a restore builds them again"
	}
	return ""
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// refuse is a restore's refusal, in Vietnamese for the operator.
func refuse(format string, args ...any) error {
	return news.Errorf(news.Invalid, format, args...)
}

// readManifest reads the archive's manifest from its entry and checks it
// against what this binary can restore (latest: its newest schema).
func readManifest(r io.Reader, latest int) (Manifest, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxManifest+1))
	if err != nil {
		return Manifest{}, corrupt(err)
	}
	if len(data) > maxManifest {
		return Manifest{}, refuse("Mục lục của bản sao lưu lớn quá %d MB", maxManifest>>20)
	}
	// The format first, loosely: a newer format may have fields this
	// binary does not know, and deserves its own message.
	var head struct {
		Format        string `json:"format"`
		FormatVersion int    `json:"format_version"`
		SchemaVersion int    `json:"schema_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil || head.Format != formatName {
		return Manifest{}, refuse("Tệp không phải bản sao lưu của toasoan: mục lục không đọc được")
	}
	if head.FormatVersion > formatVersion {
		return Manifest{}, refuse("Bản sao lưu có định dạng phiên bản %d, mới hơn phiên bản %d mà chương trình này đọc được: hãy dùng bản toasoan mới hơn", head.FormatVersion, formatVersion)
	}
	if head.SchemaVersion > latest {
		return Manifest{}, refuse("Bản sao lưu có lược đồ phiên bản %d, mới hơn phiên bản %d mà chương trình này biết: hãy dùng bản toasoan mới hơn", head.SchemaVersion, latest)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return Manifest{}, refuse("Mục lục của bản sao lưu không hợp lệ: %v", err)
	}
	return m, m.check()
}

// check refuses a manifest this binary would not restore faithfully.
func (m Manifest) check() error {
	if m.FormatVersion < 1 || m.SchemaVersion < 1 || m.Media.Files < 0 || m.Media.Bytes < 0 {
		return refuse("Mục lục của bản sao lưu không hợp lệ: phiên bản hoặc số ảnh sai")
	}
	tables := map[string]bool{}
	for _, t := range m.Tables {
		switch {
		case !store.ValidName(t.Name):
			return refuse("Bản sao lưu có bảng tên không hợp lệ %q", t.Name)
		case tables[t.Name]:
			return refuse("Bản sao lưu có bảng %s hai lần", t.Name)
		case skipReason(t.Name) != "":
			return refuse("Bản sao lưu có bảng %s, bảng không bao giờ được sao lưu", t.Name)
		case t.Rows < 0 || t.Bytes < 0 || !sha256Hex.MatchString(t.SHA256):
			return refuse("Mục lục của bảng %s không hợp lệ (số dòng, kích thước hoặc mã kiểm tra)", t.Name)
		}
		tables[t.Name] = true
		columns := map[string]bool{}
		for _, c := range t.Columns {
			if !store.ValidName(c.Name) || columns[c.Name] {
				return refuse("Bảng %s của bản sao lưu có cột không hợp lệ hoặc trùng %q", t.Name, c.Name)
			}
			columns[c.Name] = true
		}
	}
	return nil
}

// corrupt is a refusal for an archive that cannot be read to its end.
func corrupt(err error) error {
	why := err.Error()
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		why = "tệp bị cắt cụt"
	case errors.Is(err, gzip.ErrChecksum):
		why = "sai mã kiểm tra của phần nén"
	}
	return refuse("Bản sao lưu bị hỏng hoặc không đầy đủ (%s)", why)
}

// Summary is the manifest in one line, for the command's report.
func (m Manifest) Summary() string {
	var rows int64
	for _, t := range m.Tables {
		rows += t.Rows
	}
	return fmt.Sprintf("%d bảng (%d dòng) và %d ảnh (%.1f MB), lược đồ phiên bản %d", len(m.Tables), rows, m.Media.Files, float64(m.Media.Bytes)/(1<<20), m.SchemaVersion)
}
