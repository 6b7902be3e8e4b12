package importer

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Limits of imported text, the newsroom's own.
const (
	maxTitle   = 250
	maxLead    = 1000
	maxBody    = 1 << 20
	maxTags    = 20
	maxTagName = 60
	maxName    = 100
	maxComment = 5000
)

// fallbackSection holds stories whose source names no section.
var fallbackSection = Section{Key: "toasoan:luu-tru", Slug: "luu-tru", Name: "Lưu trữ",
	Description: "Bài đưa từ hệ thống cũ chưa có chuyên mục"}

// clean is plain text on one line: NFC, tags and control characters out,
// spaces collapsed.
func clean(s string) string {
	s = vietnamese.NFC(stripTags(s))
	return strings.Join(strings.Fields(s), " ")
}

// clip keeps at most n characters of s.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// slugOf is the given slug made an address, or one made from the name.
func slugOf(slug, name string) string {
	if s := vietnamese.Slug(vietnamese.NFC(slug)); s != "" {
		return s
	}
	return vietnamese.Slug(vietnamese.NFC(name))
}

func (r *run) section(ctx context.Context, s Section) error {
	sec := news.Section{Name: clip(clean(s.Name), maxName), Slug: slugOf(s.Slug, s.Name), Description: clip(clean(s.Description), 500)}
	if paper.ReservedSlug(sec.Slug) {
		r.warn("chuyên mục "+s.Key, "Đường dẫn %q trùng đường dẫn của hệ thống: dùng %q", sec.Slug, sec.Slug+"-cu")
		sec.Slug += "-cu"
	}
	if err := sec.Validate(); err != nil || sec.Slug == "" {
		r.sum.Sections.Skipped++
		r.warn("chuyên mục "+s.Key, "Bỏ qua: %s", news.ErrorMessage(err))
		return nil
	}
	return r.queue(ctx, &r.sum.Sections, store.ImportItem{Key: s.Key, Digest: digest(s), Section: &sec, ParentKey: s.ParentKey,
		Redirects: oldPaths(s.OldURLs)})
}

func (r *run) author(ctx context.Context, a Author) error {
	au := news.Author{Name: clip(clean(a.Name), maxName), Slug: slugOf(a.Slug, a.Name), Bio: clip(clean(a.Bio), 1000)}
	if err := au.Validate(); err != nil {
		r.sum.Authors.Skipped++
		r.warn("tác giả "+a.Key, "Bỏ qua: %s", news.ErrorMessage(err))
		return nil
	}
	item := store.ImportItem{Key: a.Key, Digest: digest(a), Author: &au, Redirects: oldPaths(a.OldURLs)}
	if email := strings.TrimSpace(a.Email); r.im.opts.Users && email != "" {
		if _, err := mail.ParseAddress(email); err != nil || len(email) > 254 || strings.ContainsAny(email, "<> ") {
			r.warn("tác giả "+a.Key, "Địa chỉ email %q không hợp lệ: không tạo tài khoản", clip(email, 80))
		} else {
			item.UserEmail = email
			item.Digest = digest([]any{a, email}) // a later run with accounts makes them
		}
	}
	return r.queue(ctx, &r.sum.Authors, item)
}

// photo stores the file in the library (not on a dry run) and queues its
// row with its old addresses.
func (r *run) photo(ctx context.Context, p Photo) error {
	data, err := r.readPhoto(ctx, p)
	if err != nil {
		r.sum.Photos.Skipped++
		r.warn("ảnh "+p.Key, "Bỏ qua: %s", Reason(err))
		return nil
	}
	im, err := r.im.library.Check(data)
	if err == nil && !r.im.opts.DryRun {
		im, err = r.im.library.Save(data)
	}
	if err != nil {
		r.sum.Photos.Skipped++
		r.warn("ảnh "+p.Key, "Bỏ qua: %s", Reason(err))
		return nil
	}
	im.Caption, im.Credit, im.Alt = clip(clean(p.Caption), 1000), clip(clean(p.Credit), 200), clip(clean(p.Alt), 500)
	var urls []string
	for _, u := range append([]string{p.URL}, p.OldURLs...) {
		if k := photoURLKey(u); k != "" {
			urls = append(urls, k)
		}
	}
	r.photos = true
	return r.queue(ctx, &r.sum.Photos, store.ImportItem{Key: p.Key, Digest: digest(p), Image: &im, URLs: urls})
}

// photoURLKey is how a photo's old address is remembered and looked up:
// without scheme, host case or query, so http/https and size variants
// written either way match.
func photoURLKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Path == "" {
		return ""
	}
	return strings.ToLower(u.Host) + u.EscapedPath()
}

// oldPaths are the old addresses an item answered at, as the redirect
// table keeps them: the path and query, without scheme and host.
func oldPaths(urls []string) []string {
	var out []string
	for _, raw := range urls {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || (u.Path == "" && u.RawQuery == "") {
			continue
		}
		p := u.EscapedPath()
		if p == "" {
			p = "/"
		}
		if u.RawQuery != "" {
			p += "?" + u.RawQuery
		}
		out = append(out, p)
	}
	return out
}

func (r *run) page(ctx context.Context, p Page) error {
	title := clip(clean(p.Title), maxTitle)
	slug := slugOf(p.Slug, p.Title)
	if title == "" || slug == "" {
		r.sum.Pages.Skipped++
		r.warn("trang "+p.Key, "Bỏ qua: trang không có tiêu đề")
		return nil
	}
	body := r.im.policy.Body(vietnamese.NFC(p.Body))
	return r.queue(ctx, &r.sum.Pages, store.ImportItem{Key: p.Key, Digest: digest(p),
		Page: &news.Page{Slug: slug, Title: title, Body: body, ShowInFooter: true}, Redirects: oldPaths(p.OldURLs)})
}

// tags are a story's tag names as the paper keeps them.
func (r *run) tags(key string, names []string) []news.Tag {
	var out []news.Tag
	seen := map[string]bool{}
	for _, n := range names {
		n = clean(n)
		slug := vietnamese.Slug(n)
		if slug == "" || utf8.RuneCountInString(n) > maxTagName {
			if n != "" {
				r.warn(key, "Bỏ chủ đề %q (1 đến %d ký tự, có chữ hoặc số)", clip(n, 80), maxTagName)
			}
			continue
		}
		if !seen[slug] && len(out) < maxTags {
			seen[slug] = true
			out = append(out, news.Tag{Slug: slug, Name: n})
		}
	}
	return out
}

// sectionFor is the key of the story's section: its source's, one found
// or made by name, or the archive's fallback section.
func (r *run) sectionFor(ctx context.Context, s Story) (string, error) {
	if s.SectionKey != "" {
		return s.SectionKey, nil
	}
	if name := clean(s.SectionName); name != "" {
		key := "ten:" + slugOf("", name)
		if r.made[key] {
			return key, nil
		}
		r.made[key] = true
		return key, r.section(ctx, Section{Key: key, Name: name})
	}
	if r.fallback == "" {
		r.fallback = fallbackSection.Key
		if err := r.section(ctx, fallbackSection); err != nil {
			return "", err
		}
	}
	return r.fallback, nil
}

// authorsFor are the keys of the story's bylines: its source's, or ones
// found or made by name.
func (r *run) authorsFor(ctx context.Context, s Story) ([]string, error) {
	if len(s.AuthorKeys) > 0 {
		return s.AuthorKeys, nil
	}
	var keys []string
	for _, name := range s.AuthorNames {
		name = clean(name)
		if name == "" {
			continue
		}
		key := "ten:" + slugOf("", name)
		keys = append(keys, key)
		if r.made[key] {
			continue
		}
		r.made[key] = true
		if err := r.author(ctx, Author{Key: key, Name: name}); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

func (r *run) story(ctx context.Context, s Story) error {
	item := "bài " + s.Key
	title := clip(clean(s.Title), maxTitle)
	if title == "" {
		r.sum.Stories.Skipped++
		r.warn(item, "Bỏ qua: bài không có tiêu đề")
		return nil
	}
	if len(s.Body) > maxBody {
		r.sum.Stories.Skipped++
		r.warn(item, "Bỏ qua: nội dung quá dài (tối đa 1 MB)")
		return nil
	}
	sectionKey, err := r.sectionFor(ctx, s)
	if err != nil {
		return err
	}
	authorKeys, err := r.authorsFor(ctx, s)
	if err != nil {
		return err
	}
	coverKey := s.CoverKey
	if coverKey == "" && s.CoverURL != "" {
		coverKey = "url:" + s.CoverURL
		if err := r.photo(ctx, Photo{Key: coverKey, URL: s.CoverURL}); err != nil {
			return err
		}
	}
	if r.photos {
		if err := r.flush(ctx); err != nil { // bodies look their photos up among those written
			return err
		}
	}
	body, err := r.body(ctx, item, s.Body)
	if err != nil {
		return err
	}
	a := news.Article{Title: title, Slug: slugOf(s.Slug, title), Body: body, Status: s.State,
		Lead: clip(clean(s.Lead), maxLead), Tags: r.tags(item, s.Tags),
		PublishedAt: s.PublishedAt.UTC(), ModifiedAt: s.ModifiedAt.UTC()}
	if a.Slug == "" {
		a.Slug = "bai-viet"
	}
	if a.Lead == "" {
		a.Lead = clip(firstParagraph(body), maxLead)
	}
	r.dates(item, &a)
	if ids := news.BodyImageIDs(a.Body); len(ids) > 0 && coverKey == "" {
		a.CoverImageID = ids[0]
	}
	if coverKey != "" && !r.im.opts.DryRun {
		id, err := r.im.store.ImportedID(ctx, r.source, "photo", coverKey)
		if err != nil {
			return err
		}
		if id == 0 && !r.pendingPhoto(coverKey) {
			r.warn(item, "Không có ảnh đại diện %q: bài không có ảnh đại diện", coverKey)
			coverKey = ""
		}
	}
	st := &store.ImportStory{Article: a, SectionKey: sectionKey, AuthorKeys: authorKeys, CoverKey: coverKey}
	st.Comments = r.comments(item, s.Comments)
	return r.queue(ctx, &r.sum.Stories, store.ImportItem{Key: s.Key, Digest: digest(s), Story: st, Redirects: oldPaths(s.OldURLs)})
}

// pendingPhoto reports whether the batch not yet written holds the photo.
func (r *run) pendingPhoto(key string) bool {
	for _, it := range r.batch {
		if it.Image != nil && it.Key == key {
			return true
		}
	}
	return false
}

// dates settles a story's state and dates: published stories keep their
// original date (now, with a warning, when the source had none), and a
// scheduled one goes out at its date.
func (r *run) dates(item string, a *news.Article) {
	switch a.Status {
	case news.Published, news.Unpublished:
		if a.PublishedAt.IsZero() {
			a.PublishedAt = r.im.opts.Now().UTC()
			r.warn(item, "Bài không có ngày đăng: lấy ngày nhập")
		}
	case news.Scheduled:
		if a.PublishedAt.IsZero() {
			a.Status = news.Draft
			r.warn(item, "Bài hẹn giờ không có giờ đăng: nhập thành bản nháp")
			break
		}
		a.ScheduledAt, a.PublishedAt = a.PublishedAt, time.Time{}
	case news.Draft, news.Submitted, news.Edited, news.Approved:
		a.PublishedAt = time.Time{}
	default:
		r.warn(item, "Trạng thái %q không rõ: nhập thành bản nháp", string(a.Status))
		a.Status, a.PublishedAt = news.Draft, time.Time{}
	}
}

// comments are a story's comments as the paper keeps them: text only,
// never refused for missing marks (that rule is for new comments).
func (r *run) comments(item string, cs []Comment) []store.ImportComment {
	var out []store.ImportComment
	for _, c := range cs {
		body := strings.TrimSpace(vietnamese.NFC(stripTags(c.Body)))
		if body == "" {
			continue
		}
		if utf8.RuneCountInString(body) > maxComment {
			body = clip(body, maxComment)
			r.warn(item, "Bình luận %s dài quá %d ký tự: đã cắt", c.Key, maxComment)
		}
		status := c.Status
		if status != news.CommentPublished {
			status = news.CommentPending
		}
		name := clip(clean(c.Name), maxName)
		if name == "" {
			name = "Bạn đọc"
		}
		out = append(out, store.ImportComment{Key: c.Key, ParentKey: c.ParentKey, Comment: news.Comment{
			Name: name, Email: clip(strings.TrimSpace(c.Email), 200), Body: body, Status: status, CreatedAt: c.At.UTC()}})
	}
	return out
}

// String is the summary's one line per kind, for the command line.
func (c Counts) String() string {
	return fmt.Sprintf("%d mới, %d cập nhật, %d không đổi, %d có sẵn, %d giữ bản tòa soạn, %d bỏ qua",
		c.Created, c.Updated, c.Unchanged, c.Adopted, c.Kept, c.Skipped)
}
