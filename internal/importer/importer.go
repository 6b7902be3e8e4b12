package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/store"
)

// Fetcher downloads a photo from an address the operator allowed
// (internal/fetch: rate-limited, private addresses refused).
type Fetcher interface {
	Get(ctx context.Context, url string, maxBytes int64) ([]byte, error)
}

// Options are an import's settings.
type Options struct {
	DryRun    bool             // read, convert and check everything; write nothing
	Users     bool             // make a reporter's account (without a password) for each byline with an e-mail
	Fetch     Fetcher          // nil: photos given by address only are not fetched (a warning each)
	BatchSize int              // items per transaction; 200 when 0
	Progress  func(Progress)   // called after each batch and at the end
	Now       func() time.Time // the clock for stories without a date
}

// Progress is where an import stands.
type Progress struct {
	Items   int // items read so far
	Total   int // items the source holds, 0 when it cannot tell
	Stories int
	Started time.Time
	Done    bool
}

// Counts are the outcomes of one kind of item.
type Counts struct {
	Created, Updated, Unchanged, Adopted, Kept, Skipped int
}

// Summary is what an import did.
type Summary struct {
	Source                                    string
	DryRun                                    bool
	Sections, Authors, Photos, Stories, Pages Counts
	Comments                                  int
	Accounts                                  int // newsroom accounts made for bylines
	Warnings                                  []Warning
	Took                                      time.Duration
}

// Importer writes a source's items through the store.
type Importer struct {
	store   *store.Store
	library *media.Library
	policy  *richtext.Policy
	opts    Options
}

// New makes an importer for the paper in st, whose photo files live in lib.
func New(st *store.Store, lib *media.Library, opts Options) *Importer {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 200
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Importer{store: st, library: lib, policy: richtext.NewPolicy(), opts: opts}
}

// Counter is a source that can tell how many items it holds, for the
// progress bar's time left.
type Counter interface{ Items() int }

// Run imports src on actor's behalf. The actor needs the import
// permission. An error stops the import after its last committed batch;
// running it again resumes.
func (im *Importer) Run(ctx context.Context, by news.Actor, src Source) (Summary, error) {
	if err := by.Require(news.ImportArchives); err != nil {
		return Summary{}, err
	}
	r := &run{im: im, by: by, source: src.Name(), sum: Summary{Source: src.Name(), DryRun: im.opts.DryRun},
		progress: Progress{Started: im.opts.Now()}, made: map[string]bool{}}
	if c, ok := src.(Counter); ok {
		r.progress.Total = c.Items()
	}
	err := src.Each(ctx, func(it Item) error {
		r.progress.Items++
		return r.add(ctx, it)
	})
	if err == nil {
		err = r.flush(ctx)
	}
	r.sum.Took = im.opts.Now().Sub(r.progress.Started)
	r.progress.Done = true
	r.report()
	return r.sum, err
}

// run is one import in progress: the batch being filled and the counts.
type run struct {
	im       *Importer
	by       news.Actor
	source   string
	batch    []store.ImportItem
	counts   []*Counts       // per item of the batch
	photos   bool            // the batch holds photos, which stories after them look up
	fallback string          // the key of the section for stories without one, once made
	made     map[string]bool // sections and bylines made from a story's names, queued once
	sum      Summary
	progress Progress
}

func (r *run) warn(item, format string, args ...any) {
	r.sum.Warnings = append(r.sum.Warnings, Warning{Item: item, Message: fmt.Sprintf(format, args...)})
}

func (r *run) add(ctx context.Context, it Item) error {
	switch {
	case it.Warning != nil:
		r.sum.Warnings = append(r.sum.Warnings, *it.Warning)
		return nil
	case it.Section != nil:
		return r.section(ctx, *it.Section)
	case it.Author != nil:
		return r.author(ctx, *it.Author)
	case it.Photo != nil:
		return r.photo(ctx, *it.Photo)
	case it.Story != nil:
		return r.story(ctx, *it.Story)
	case it.Page != nil:
		return r.page(ctx, *it.Page)
	}
	return nil
}

// queue adds an item to the batch and writes the batch when it is full.
func (r *run) queue(ctx context.Context, c *Counts, it store.ImportItem) error {
	r.batch = append(r.batch, it)
	r.counts = append(r.counts, c)
	if len(r.batch) >= r.im.opts.BatchSize {
		return r.flush(ctx)
	}
	return nil
}

// flush writes the batch in one transaction (or, on a dry run, asks what
// each item would do).
func (r *run) flush(ctx context.Context) error {
	if len(r.batch) == 0 {
		return nil
	}
	var res store.ImportResult
	var err error
	if r.im.opts.DryRun {
		res, err = r.im.store.ImportPlan(ctx, store.ImportBatch{Source: r.source, Items: r.batch})
	} else {
		res, err = r.im.store.Import(ctx, r.by, store.ImportBatch{Source: r.source, Items: r.batch})
	}
	if err != nil {
		return err
	}
	for i, o := range res.Outcomes {
		c := r.counts[i]
		switch o {
		case store.ImportCreated:
			c.Created++
		case store.ImportUpdated:
			c.Updated++
		case store.ImportUnchanged:
			c.Unchanged++
		case store.ImportAdopted:
			c.Adopted++
		case store.ImportKept:
			c.Kept++
			r.warn(r.batch[i].Key, "Bài đã được tòa soạn sửa sau lần nhập trước: giữ bản của tòa soạn")
		}
	}
	r.sum.Comments += res.Comments
	r.sum.Accounts += res.Accounts
	for _, msg := range res.Refused {
		item, why, _ := strings.Cut(msg, ": ")
		r.warn(item, "%s", why)
	}
	r.batch, r.counts, r.photos = r.batch[:0], r.counts[:0], false
	r.report()
	return nil
}

func (r *run) report() {
	if r.im.opts.Progress != nil {
		r.progress.Stories = r.sum.Stories.total()
		r.im.opts.Progress(r.progress)
	}
}

func (c Counts) total() int {
	return c.Created + c.Updated + c.Unchanged + c.Adopted + c.Kept + c.Skipped
}

// digest is a hash of what the source said about an item: an import of
// the same source finds it equal and writes nothing.
func digest(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the items are plain data
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// readPhoto reads a photo's bytes from its file or its address, refusing
// what is larger than the library takes before reading it.
func (r *run) readPhoto(ctx context.Context, p Photo) ([]byte, error) {
	if p.File != "" {
		f, err := os.Open(p.File)
		if err == nil {
			defer f.Close()
			if fi, err := f.Stat(); err == nil && fi.Size() > media.MaxBytes {
				return nil, news.Errorf(news.TooLarge, "Tệp %s quá lớn (%d MB): ảnh tối đa %d MB", p.File, fi.Size()>>20, media.MaxBytes>>20)
			}
			return io.ReadAll(io.LimitReader(f, media.MaxBytes+1))
		}
		if p.URL == "" {
			return nil, news.Errorf(news.Invalid, "Không mở được tệp %s", p.File)
		}
	}
	if p.URL == "" {
		return nil, news.Errorf(news.Invalid, "Không có tệp hay địa chỉ của ảnh")
	}
	if r.im.opts.Fetch == nil {
		return nil, news.Errorf(news.Invalid, "Ảnh chỉ có địa chỉ %s: thêm --fetch-host để tải về", p.URL)
	}
	return r.im.opts.Fetch.Get(ctx, p.URL, media.MaxBytes)
}

// Reason is an error as the operator reads it in a warning or at the end
// of an import: the paper's message, or the reader's or fetcher's own
// (which are Vietnamese and name the file or address), never the generic
// server error that hides what went wrong.
func Reason(err error) string {
	var e *news.Error
	if errors.As(err, &e) {
		return news.ErrorMessage(err)
	}
	return err.Error()
}
