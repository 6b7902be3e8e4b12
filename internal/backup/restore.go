package backup

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// Restore loads the archive r into the paper's database, which must hold
// no member and no article, and its photo folder. Nothing of the paper is
// written unless the whole archive is sound: the manifest is checked
// before the database is touched; the rows go in one transaction, which
// is rolled back on any refusal (an unsafe entry name, a link, a
// checksum that does not match, an unknown column, a truncated file, a
// photo missing); the photos wait in a staging folder and are moved into
// place only once the rows are committed. The empty database is first
// migrated to the archive's schema version, and after the rows to this
// binary's newest, as an older paper would be. The search indexes, which
// archives leave out, are built in the rows' transaction, or for an
// archive older than the binary once it is migrated.
func (b Backup) Restore(ctx context.Context, r io.Reader) (Manifest, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return Manifest{}, refuse("Tệp không phải bản sao lưu của toasoan: không đọc được dạng nén gzip")
	}
	tr := tar.NewReader(zr)
	latest, err := b.Store.LatestVersion()
	if err != nil {
		return Manifest{}, err
	}
	h, err := tr.Next()
	if err != nil {
		return Manifest{}, corrupt(err)
	}
	if h.Name != manifestEntry || h.Typeflag != tar.TypeReg {
		return Manifest{}, refuse("Tệp không phải bản sao lưu của toasoan: mục đầu tiên không phải %s", manifestEntry)
	}
	m, err := readManifest(tr, latest)
	if err != nil {
		return m, err
	}
	if err := b.readyForRestore(ctx, m); err != nil {
		return m, err
	}
	staging, err := b.Media.NewStaging()
	if err != nil {
		return m, err
	}
	err = b.Store.Load(ctx, news.Shell(), func(l *store.Loader) error {
		return load(ctx, l, m, tr, zr, staging)
	})
	if err != nil {
		return m, errors.Join(err, staging.Discard())
	}
	if err := staging.Commit(); err != nil {
		return m, fmt.Errorf("dữ liệu đã khôi phục nhưng ảnh chưa vào chỗ: %w", err)
	}
	if _, err := b.Store.Migrate(ctx); err != nil {
		return m, err
	}
	_, err = b.Store.ReindexMissing(ctx) // an archive older than the binary: indexed once migrated
	return m, err
}

// readyForRestore refuses a database that holds a paper or whose schema
// is past the archive's, and migrates an empty one to the archive's.
func (b Backup) readyForRestore(ctx context.Context, m Manifest) error {
	if err := b.Store.RequireEmpty(ctx); err != nil {
		return err
	}
	current, err := b.Store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if current > m.SchemaVersion {
		return news.Errorf(news.Conflict, "Cơ sở dữ liệu đích đã ở lược đồ phiên bản %d, mới hơn phiên bản %d của bản sao lưu: hãy khôi phục vào một cơ sở dữ liệu mới tạo", current, m.SchemaVersion)
	}
	_, err = b.Store.MigrateTo(ctx, m.SchemaVersion)
	return err
}

// load reads every entry after the manifest into the loader's
// transaction and the staging folder, and checks that nothing the
// manifest lists is missing.
func load(ctx context.Context, l *store.Loader, m Manifest, tr *tar.Reader, zr io.Reader, staging *media.Staging) error {
	tables, err := matchTarget(m, l.Tables())
	if err != nil {
		return err
	}
	for _, t := range m.Tables {
		if err := l.Clear(ctx, t.Name); err != nil {
			return err
		}
	}
	loaded := map[string]bool{}
	var photos Media
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return corrupt(err)
		}
		name, err := entryName(h)
		if err != nil {
			return err
		}
		switch t, isTable := tables[name]; {
		case isTable && !loaded[name]:
			loaded[name] = true
			if err := loadTable(ctx, l, t, tr); err != nil {
				return err
			}
		case strings.HasPrefix(name, mediaFolder):
			n, err := staging.Add(strings.TrimPrefix(name, mediaFolder), tr)
			if err != nil {
				return err
			}
			photos.Files++
			photos.Bytes += n
		default:
			return refuse("Bản sao lưu có mục lạ hoặc trùng %q", name)
		}
	}
	// The gzip trailer's checksum is read only at its end.
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return corrupt(err)
	}
	for _, t := range m.Tables {
		if !loaded[t.entry()] {
			return refuse("Bản sao lưu thiếu bảng %s mà mục lục ghi", t.Name)
		}
	}
	if photos != m.Media {
		return refuse("Bản sao lưu có %d ảnh (%d byte), mục lục ghi %d ảnh (%d byte)", photos.Files, photos.Bytes, m.Media.Files, m.Media.Bytes)
	}
	return l.ImageKeys(ctx, func(key string) error {
		if !staging.Has(key) {
			return refuse("Bản sao lưu thiếu tệp ảnh %s mà bảng images ghi", key)
		}
		return nil
	})
}

// matchTarget checks every table and column of the manifest against the
// target's schema, of the same version, and returns the tables by entry
// name with the target's kinds.
func matchTarget(m Manifest, target []store.Table) (map[string]Table, error) {
	byName := map[string]store.Table{}
	for _, t := range target {
		byName[t.Name] = t
	}
	out := map[string]Table{}
	for _, t := range m.Tables {
		tt, ok := byName[t.Name]
		if !ok {
			return nil, refuse("Bảng %s của bản sao lưu không có trong cơ sở dữ liệu đích", t.Name)
		}
		for _, c := range t.Columns {
			kind := tt.Kind(c.Name)
			if kind == "" {
				return nil, refuse("Cột %s.%s của bản sao lưu không có trong cơ sở dữ liệu đích", t.Name, c.Name)
			}
			if kind != c.Kind {
				return nil, refuse("Cột %s.%s là %s trong bản sao lưu nhưng là %s trong cơ sở dữ liệu đích", t.Name, c.Name, c.Kind, kind)
			}
		}
		out[t.entry()] = t
	}
	return out, nil
}

// entryName is a safe entry's name: a regular file at a relative path
// without "." or ".." parts, so nothing can be written outside the place
// meant for it, and nothing is a link.
func entryName(h *tar.Header) (string, error) {
	name := h.Name
	if h.Typeflag != tar.TypeReg {
		return "", refuse("Mục %q của bản sao lưu không phải một tệp thường (liên kết, thư mục hoặc thiết bị)", name)
	}
	if name == "" || !utf8.ValidString(name) || strings.ContainsAny(name, "\\\x00") || strings.HasPrefix(name, "/") {
		return "", refuse("Đường dẫn %q trong bản sao lưu không an toàn", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." {
			return "", refuse("Đường dẫn %q trong bản sao lưu không an toàn", name)
		}
	}
	return name, nil
}

// loadTable inserts one table's rows from its entry, and checks the
// entry's row count and checksum against the manifest.
func loadTable(ctx context.Context, l *store.Loader, t Table, r io.Reader) (err error) {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	in, err := l.Into(ctx, t.Name, names)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, in.Close()) }()
	sum := sha256.New()
	src := &readFailure{r: r}
	lines := bufio.NewScanner(io.TeeReader(src, sum))
	lines.Buffer(make([]byte, 64<<10), maxRow)
	dec := newRowDecoder(t.Name, t.Columns)
	var n int64
	for lines.Scan() {
		n++
		values, err := dec.row(n, lines.Bytes())
		if src.err != nil {
			return corrupt(src.err) // a truncated archive's last line is cut, not wrong
		}
		if err != nil {
			return err
		}
		if err := in.Row(ctx, values); err != nil {
			return err
		}
	}
	if err := lines.Err(); errors.Is(err, bufio.ErrTooLong) {
		return refuse("Dòng %d của bảng %s dài quá %d MB", n+1, t.Name, maxRow>>20)
	} else if err != nil {
		return corrupt(err)
	}
	if err := in.Done(ctx); err != nil {
		return err
	}
	if n != t.Rows {
		return refuse("Bảng %s có %d dòng, mục lục ghi %d", t.Name, n, t.Rows)
	}
	if got := hex.EncodeToString(sum.Sum(nil)); got != t.SHA256 {
		return refuse("Mã kiểm tra SHA-256 của bảng %s không khớp với mục lục: bản sao lưu đã hỏng hoặc bị sửa", t.Name)
	}
	return nil
}

// readFailure remembers the error its reader failed with, other than the
// end: a scanner hands out the partial line it read before the failure.
type readFailure struct {
	r   io.Reader
	err error
}

func (f *readFailure) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		f.err = err
	}
	return n, err
}
