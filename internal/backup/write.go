package backup

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/store"
)

// Backup is a paper to back up or restore: its database and its photos.
type Backup struct {
	Store   *store.Store
	Media   *media.Library
	Version string // the toasoan version, written into the manifest
	// Spool is the folder for a backup's rows while it is written (a tar
	// entry's size comes before its content): the data folder, on the
	// server's disk, rather than a /tmp that may be memory.
	Spool string
	Now   func() time.Time
	// afterTable, for tests, runs inside the snapshot after each table
	// is read.
	afterTable func(table string)
}

// imagesTable and imageKeyColumn name the photos whose files a backup
// carries: the originals; variants are made again on demand.
const (
	imagesTable    = "images"
	imageKeyColumn = "key"
)

// Write writes the paper into w as an archive and returns its manifest.
// Every table is read in one snapshot, so the archive is one moment of
// the paper however many writers work meanwhile; the rows go through
// files in Spool, so memory does not grow with the paper. The photos
// come after the rows, each original the images table names; a missing
// one fails the backup with its name.
func (b Backup) Write(ctx context.Context, w io.Writer) (Manifest, error) {
	spool, err := os.MkdirTemp(b.Spool, ".backup-")
	if err != nil {
		return Manifest{}, fmt.Errorf("spool folder: %w", err)
	}
	defer func() { _ = os.RemoveAll(spool) }()
	m := Manifest{Format: formatName, FormatVersion: formatVersion, Toasoan: b.Version,
		CreatedAt: b.Now().UTC().Truncate(time.Second), Database: b.Store.Dialect()}
	keys := filepath.Join(spool, "media-keys")
	err = b.Store.ReadSnapshot(ctx, func(sn *store.Snapshot) error {
		if m.SchemaVersion, err = sn.SchemaVersion(ctx); err != nil {
			return err
		}
		tables, err := sn.Tables(ctx)
		if err != nil {
			return err
		}
		for _, t := range tables {
			if skipReason(t.Name) != "" {
				continue
			}
			if t.Virtual {
				return fmt.Errorf("bảng ảo %s không được sao lưu được: hãy thêm nó vào danh sách bỏ qua (skipReason) nếu nó được dựng lại từ các bảng khác", t.Name)
			}
			entry, err := spoolTable(ctx, sn, t, spool, keys)
			if err != nil {
				return err
			}
			m.Tables = append(m.Tables, entry)
			if b.afterTable != nil {
				b.afterTable(t.Name)
			}
		}
		return nil
	})
	if err != nil {
		return Manifest{}, err
	}
	if m.Media, err = b.measureMedia(keys); err != nil {
		return Manifest{}, err
	}
	return m, b.writeArchive(w, m, spool, keys)
}

// spoolTable writes t's rows into spool as its entry will hold them, and
// the photo keys of the images table into the file keys.
func spoolTable(ctx context.Context, sn *store.Snapshot, t store.Table, spool, keys string) (Table, error) {
	entry := Table{Name: t.Name}
	keyColumn := -1
	for i, c := range t.Columns {
		entry.Columns = append(entry.Columns, Column{Name: c.Name, Kind: c.Kind})
		if t.Name == imagesTable && c.Name == imageKeyColumn {
			keyColumn = i
		}
	}
	f, err := os.Create(filepath.Join(spool, t.Name+tableExtension))
	if err != nil {
		return entry, fmt.Errorf("spool %s: %w", t.Name, err)
	}
	defer f.Close() // once more after the explicit close, on the way out of an error
	var keyFile *os.File
	if keyColumn >= 0 {
		if keyFile, err = os.Create(keys); err != nil {
			return entry, fmt.Errorf("spool photo keys: %w", err)
		}
		defer keyFile.Close()
	}
	sum := sha256.New()
	out := bufio.NewWriter(io.MultiWriter(f, sum))
	keyOut := bufio.NewWriter(nilSafe(keyFile))
	enc := newRowEncoder(entry.Columns)
	err = sn.Rows(ctx, t, func(values []any) error {
		line, err := enc.line(values)
		if err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
		entry.Rows++
		entry.Bytes += int64(len(line))
		if _, err := out.Write(line); err != nil {
			return err
		}
		if key, ok := keyAt(values, keyColumn); ok {
			_, err = keyOut.WriteString(key + "\n")
		}
		return err
	})
	if err == nil {
		err = errors.Join(out.Flush(), keyOut.Flush(), f.Close(), closeFile(keyFile))
	}
	if err != nil {
		return entry, fmt.Errorf("spool %s: %w", t.Name, err)
	}
	entry.SHA256 = hex.EncodeToString(sum.Sum(nil))
	return entry, nil
}

// keyAt is the photo key among a row's values, if the table has one.
func keyAt(values []any, column int) (string, bool) {
	if column < 0 {
		return "", false
	}
	key, ok := values[column].(string)
	return key, ok
}

// closeFile closes a file written, if there is one.
func closeFile(f *os.File) error {
	if f == nil {
		return nil
	}
	return f.Close()
}

// nilSafe is f as a writer, or one that discards when there is no file.
func nilSafe(f *os.File) io.Writer {
	if f == nil {
		return io.Discard
	}
	return f
}

// eachKey calls fn with each photo key spooled, in the images table's order.
func eachKey(keys string, fn func(key string) error) error {
	f, err := os.Open(keys)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no images table, or no photo
	}
	if err != nil {
		return err
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if err := fn(lines.Text()); err != nil {
			return err
		}
	}
	return lines.Err()
}

// measureMedia finds every photo the rows name, before anything is
// written: a missing file fails the backup with its name.
func (b Backup) measureMedia(keys string) (Media, error) {
	var total Media
	err := eachKey(keys, func(key string) error {
		f, err := b.Media.Original(key)
		if err != nil {
			return missingPhoto(key, err)
		}
		info, err := f.Stat()
		f.Close()
		if err != nil {
			return missingPhoto(key, err)
		}
		total.Files++
		total.Bytes += info.Size()
		return nil
	})
	return total, err
}

func missingPhoto(key string, err error) error {
	return fmt.Errorf("ảnh %s mà bảng images ghi không đọc được trong thư mục ảnh: %w", key, err)
}

// writeArchive writes the manifest, the spooled tables and the photos.
func (b Backup) writeArchive(w io.Writer, m Manifest, spool, keys string) error {
	zw := gzip.NewWriter(w)
	tw := tar.NewWriter(zw)
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	header := func(name string, size int64) *tar.Header {
		return &tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o644, ModTime: m.CreatedAt}
	}
	if err := tw.WriteHeader(header(manifestEntry, int64(len(manifest)))); err != nil {
		return err
	}
	if _, err := tw.Write(manifest); err != nil {
		return err
	}
	for _, t := range m.Tables {
		if err := copyEntry(tw, header(t.entry(), t.Bytes), filepath.Join(spool, t.Name+tableExtension), nil); err != nil {
			return fmt.Errorf("write %s: %w", t.Name, err)
		}
	}
	err = eachKey(keys, func(key string) error {
		f, err := b.Media.Original(key)
		if err != nil {
			return missingPhoto(key, err)
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return missingPhoto(key, err)
		}
		sum := sha256.New()
		if err := copyEntry(tw, header(mediaFolder+key, info.Size()), "", io.TeeReader(f, sum)); err != nil {
			return fmt.Errorf("ảnh %s: %w", key, err)
		}
		if !media.MatchesContent(key, sum.Sum(nil)) {
			return fmt.Errorf("nội dung ảnh %s không khớp với tên của nó: tệp đã hỏng hoặc bị sửa", key)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return errors.Join(tw.Close(), zw.Close())
}

// copyEntry writes one entry from the file at path, or from r.
func copyEntry(tw *tar.Writer, h *tar.Header, path string, r io.Reader) error {
	if r == nil {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	if err := tw.WriteHeader(h); err != nil {
		return err
	}
	n, err := io.Copy(tw, r)
	if err == nil && n != h.Size {
		err = fmt.Errorf("%d bytes where %d were expected", n, h.Size)
	}
	return err
}
