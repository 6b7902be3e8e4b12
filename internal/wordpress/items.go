package wordpress

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/news"
)

// states are WordPress's post statuses as ours. Trash is skipped; private
// posts were taken from readers, as our unpublished ones.
var states = map[string]news.Status{
	"publish": news.Published,
	"draft":   news.Draft,
	"pending": news.Submitted,
	"future":  news.Scheduled,
	"private": news.Unpublished,
}

// photoFile is an image WordPress would have made sizes of, by name.
var photoFile = regexp.MustCompile(`(?i)\.(?:jpe?g|png|gif|webp|avif|bmp)$`)

// photo is an attachment as a photo of the library: its file from the
// uploads copy when there, else its address; every address the old site
// served it or its sizes under.
func (r *Reader) photo(it item) []importer.Item {
	label := "ảnh " + strconv.FormatInt(it.id, 10)
	attached := strings.TrimSpace(it.meta["_wp_attached_file"])
	if !photoFile.MatchString(firstOf(attached, it.attachmentURL)) {
		return []importer.Item{warning(label, fmt.Sprintf("tệp đính kèm %s không phải ảnh: bỏ qua (dòng %d)", path.Base(firstOf(attached, it.attachmentURL)), it.line))}
	}
	p := importer.Photo{
		Key:     "attachment:" + strconv.FormatInt(it.id, 10),
		Caption: plainText(it.excerpt),
		Alt:     plainText(it.meta["_wp_attachment_image_alt"]),
	}
	var out []importer.Item
	if r.opts.Uploads != "" && attached != "" && filepath.IsLocal(filepath.FromSlash(attached)) {
		file := filepath.Join(r.opts.Uploads, filepath.FromSlash(attached))
		if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() {
			p.File = file
		}
	}
	if p.File == "" {
		if u, err := url.Parse(it.attachmentURL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			p.URL = it.attachmentURL
		} else {
			return []importer.Item{warning(label, fmt.Sprintf("không có tệp %s trong thư mục uploads và không có địa chỉ ảnh: bỏ qua (dòng %d)", attached, it.line))}
		}
	}
	p.OldURLs = appendNew(nil, it.attachmentURL)
	if u, err := url.Parse(it.guid); err == nil && (u.Scheme == "http" || u.Scheme == "https") && photoFile.MatchString(u.Path) {
		p.OldURLs = appendNew(p.OldURLs, it.guid)
	}
	if serialized := it.meta["_wp_attachment_metadata"]; serialized != "" {
		meta, err := readAttachmentMeta(serialized)
		if err != nil {
			out = append(out, warning(label, "không đọc được _wp_attachment_metadata: chỉ giữ địa chỉ chính của ảnh"))
		}
		p.Credit = plainText(meta.credit)
		if folder := strings.TrimSuffix(it.attachmentURL, path.Base(it.attachmentURL)); folder != "" && folder != it.attachmentURL {
			for _, size := range meta.sizes {
				if size != "" && !strings.ContainsAny(size, "/\\") {
					p.OldURLs = appendNew(p.OldURLs, folder+size)
				}
			}
		}
	}
	return append([]importer.Item{{Photo: &p}}, out...)
}

// story is a post as a story, with what was skipped or changed about it.
func (r *Reader) story(it item) []importer.Item {
	label := "bài " + strconv.FormatInt(it.id, 10)
	if skip := r.skipped(it, label); skip != nil {
		return skip
	}
	var out []importer.Item
	state, ok := states[it.status]
	if !ok {
		return []importer.Item{warning(label, fmt.Sprintf("trạng thái “%s” không rõ: bỏ qua (dòng %d)", it.status, it.line))}
	}
	switch {
	case state == news.Unpublished:
		out = append(out, warning(label, "bài riêng tư (private): nhập thành bài đã gỡ, bạn đọc không thấy"))
	case it.postPassword != "" && state != news.Draft && state != news.Submitted:
		// Readers without the password never saw it: it is not made
		// public by the move.
		state = news.Unpublished
		out = append(out, warning(label, "bài có mật khẩu: nhập thành bài đã gỡ, bạn đọc không thấy"))
	}
	s := importer.Story{
		Key:   "post:" + strconv.FormatInt(it.id, 10),
		Title: oneLine(it.title),
		State: state,
	}
	if state != news.Draft && state != news.Submitted {
		s.Slug = slugOf(it.name)
		s.PublishedAt = wpDate(it.dateGMT, it.date, r.opts.Location)
		if m := wpDate(it.modifiedGMT, it.modified, r.opts.Location); m.After(s.PublishedAt) && !s.PublishedAt.IsZero() {
			s.ModifiedAt = m
		}
	}
	var notes []string
	s.Lead, s.Body, notes = leadAndBody(it.excerpt, it.content)
	for _, n := range notes {
		out = append(out, warning(label, n))
	}
	s.SectionKey, s.Tags = r.filing(it)
	if byline := it.meta["_toasoan_authors"]; byline != "" {
		for login := range strings.SplitSeq(byline, ",") {
			s.AuthorKeys = appendNew(s.AuthorKeys, "author:"+strings.TrimSpace(login))
		}
	} else if it.creator != "" {
		s.AuthorKeys = []string{"author:" + it.creator}
	}
	if id := number(it.meta["_thumbnail_id"]); id != 0 {
		s.CoverKey = "attachment:" + strconv.FormatInt(id, 10)
	}
	s.OldURLs = r.oldURLs(it, "p")
	var w *importer.Warning
	s.Comments, w = r.comments(it, label)
	if w != nil {
		out = append(out, importer.Item{Warning: w})
	}
	return append([]importer.Item{{Story: &s}}, out...)
}

// page is a published page as a static page of the paper; pages not
// published are left out with a warning.
func (r *Reader) page(it item) []importer.Item {
	label := "trang " + strconv.FormatInt(it.id, 10)
	if skip := r.skipped(it, label); skip != nil {
		return skip
	}
	if it.status != "publish" || it.postPassword != "" {
		why := it.status
		if it.postPassword != "" {
			why = "có mật khẩu"
		}
		return []importer.Item{warning(label, fmt.Sprintf("trang “%s” chưa đăng (%s): bỏ qua", oneLine(it.title), why))}
	}
	p := importer.Page{
		Key:     "page:" + strconv.FormatInt(it.id, 10),
		Slug:    slugOf(it.name),
		Title:   oneLine(it.title),
		OldURLs: r.oldURLs(it, "page_id"),
	}
	var notes []string
	p.Body, notes = convertBody(moreTag.ReplaceAllString(it.content, ""))
	out := []importer.Item{{Page: &p}}
	if len(it.comments) > 0 {
		notes = append(notes, fmt.Sprintf("bỏ %d bình luận: trang tĩnh không có bình luận", len(it.comments)))
	}
	for _, n := range notes {
		out = append(out, warning(label, n))
	}
	return out
}

// skipped is the warning for an item that is not imported at all: in the
// trash, or larger than WordPress could have stored.
func (r *Reader) skipped(it item, label string) []importer.Item {
	switch {
	case it.status == "trash":
		return []importer.Item{warning(label, fmt.Sprintf("“%s” nằm trong thùng rác: bỏ qua", oneLine(it.title)))}
	case len(it.oversized) > 0:
		return []importer.Item{warning(label, fmt.Sprintf("%s, quá giới hạn của WordPress: bỏ qua (dòng %d)", strings.Join(it.oversized, ", "), it.line))}
	case it.id == 0:
		return []importer.Item{warning(fmt.Sprintf("dòng %d", it.line), "mục không có wp:post_id: bỏ qua")}
	}
	return nil
}

// filing is the section a post goes in and its tags. WordPress files a
// post under any number of categories; a story has one section: the
// primary category Yoast SEO recorded, or else the first category that is
// not a parent of another of the post's. The post's other categories
// become tags, so their readers still find it, except the section's own
// parents, which hold it already.
func (r *Reader) filing(it item) (section string, tags []string) {
	var cats []string
	for _, c := range it.categories {
		if c.domain == "category" && c.nicename != "" {
			cats = append(cats, c.nicename)
		}
	}
	primary := r.termNicename[strings.TrimSpace(it.meta["_yoast_wpseo_primary_category"])]
	if !slices.Contains(cats, primary) {
		primary = ""
		for _, c := range cats {
			if !slices.ContainsFunc(cats, func(other string) bool { return slices.Contains(r.ancestors(other), c) }) {
				primary = c
				break
			}
		}
	}
	above := r.ancestors(primary)
	for _, c := range it.categories {
		switch {
		case c.domain == "post_tag", c.domain == "category" && c.nicename != primary && !slices.Contains(above, c.nicename):
			tags = appendNew(tags, oneLine(c.name))
		}
	}
	if primary == "" {
		return "", tags
	}
	return "category:" + primary, tags
}

// oldURLs are the paths a post or page answered at: its permalink, the
// short link WordPress always answers (?p=ID, ?page_id=ID for pages),
// and its guid when that is such a link.
func (r *Reader) oldURLs(it item, query string) []string {
	id := strconv.FormatInt(it.id, 10)
	urls := appendNew(nil, sitePath(it.link), r.prefix+"/?p="+id)
	if query != "p" {
		urls = appendNew(urls, r.prefix+"/?"+query+"="+id)
	}
	if u, err := url.Parse(it.guid); err == nil && (u.Query().Has("p") || u.Query().Has("page_id")) {
		urls = appendNew(urls, sitePath(it.guid))
	}
	return urls
}

// moreMarker is where the classic teaser ends.
var (
	moreMarker  = regexp.MustCompile(`<!--more\b.*?-->`)
	teaserMedia = regexp.MustCompile(`(?im)<(?:img|iframe|figure|video|audio|table)\b|\[(?:caption|embed|gallery|video|audio)\b|wp:(?:embed|core-embed|image|gallery)|^\s*https?://\S+\s*$`)
)

// leadAndBody splits a post into its lead and body: the lead is the
// excerpt, or else the teaser before <!--more-->. A teaser that is one
// paragraph of text leaves the body, which would repeat it after the
// lead; a longer one, or one with a photo or video, stays in it.
func leadAndBody(excerpt, content string) (lead, body string, notes []string) {
	lead = plainText(excerpt)
	if m := moreMarker.FindStringIndex(content); lead == "" && m != nil {
		teaser := content[:m[0]]
		lead = plainText(teaser)
		if lead != "" && !teaserMedia.MatchString(teaser) && !strings.Contains(paragraphs(teaser), "\n\n") {
			content = content[m[1]:]
		}
	}
	body, notes = convertBody(content)
	return lead, body, notes
}
