package wordpress

import (
	"context"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
)

// photos writes every photo as an attachment, numbered after the
// articles. Its address is where WordPress's importer downloads it from,
// and what it looks for in bodies to rewrite.
func (e *exporter) photos(ctx context.Context) error {
	for after := int64(0); ; {
		images, err := e.st.ExportImages(ctx, after, exportPage)
		if err != nil || len(images) == 0 {
			return err
		}
		for _, im := range images {
			e.photo(im)
		}
		after = images[len(images)-1].ID
		if e.x.err != nil {
			return e.x.err
		}
	}
}

func (e *exporter) photo(im news.Image) {
	x, address := e.x, e.base+media.URL(im.Key)
	x.raw("\t<item>\n")
	x.cdata(2, "title", asHTML(firstOf(im.Alt, firstLine(im.Caption), path.Base(im.Key))))
	x.text(2, "link", address)
	x.text(2, "pubDate", im.Created.UTC().Format(time.RFC1123Z))
	x.cdata(2, "dc:creator", "")
	x.raw("\t\t", `<guid isPermaLink="false">`, escapeXML(address), "</guid>\n")
	x.text(2, "description", "")
	x.cdata(2, "content:encoded", "")
	x.cdata(2, "excerpt:encoded", asHTML(im.Caption))
	e.postFields(e.topPost+im.ID, im.Created, im.Created, im.Created, strings.TrimSuffix(path.Base(im.Key), path.Ext(im.Key)), "inherit", "attachment", "closed", false)
	x.cdata(2, "wp:attachment_url", address)
	x.meta("_wp_attached_file", im.Key)
	x.meta("_wp_attachment_metadata", attachmentMetadata(im))
	if im.Alt != "" {
		x.meta("_wp_attachment_image_alt", im.Alt)
	}
	x.raw("\t</item>\n")
	e.sum.Photos++
}

// attachmentMetadata is the photo's _wp_attachment_metadata as WordPress
// serializes it: size, file, no other sizes (WordPress makes its own on
// import), and the photographer's credit in image_meta.
func attachmentMetadata(im news.Image) string {
	str := func(s string) phpValue { return phpValue{text: s} }
	num := func(n int64) phpValue { return phpValue{text: strconv.FormatInt(n, 10), number: true} }
	imageMeta := []phpPair{{"aperture", str("0")}, {"credit", str(im.Credit)}, {"camera", str("")}, {"caption", str("")},
		{"created_timestamp", str("0")}, {"copyright", str("")}, {"focal_length", str("0")}, {"iso", str("0")},
		{"shutter_speed", str("0")}, {"title", str("")}, {"orientation", str("0")}, {"keywords", phpValue{pairs: []phpPair{}}}}
	return serializePHP(phpValue{pairs: []phpPair{
		{"width", num(int64(im.Width))}, {"height", num(int64(im.Height))}, {"file", str(im.Key)},
		{"filesize", num(im.Bytes)}, {"sizes", phpValue{pairs: []phpPair{}}}, {"image_meta", phpValue{pairs: imageMeta}},
	}})
}

// postFields writes the wp: fields every item has, in WordPress's order.
// A zero gmt writes WordPress's zero date, as it does for drafts.
func (e *exporter) postFields(id int64, local, gmt, modified time.Time, name, status, postType, comments string, sticky bool) {
	x := e.x
	x.text(2, "wp:post_id", strconv.FormatInt(id, 10))
	x.cdata(2, "wp:post_date", wpDateText(local, e.loc))
	x.cdata(2, "wp:post_date_gmt", wpDateText(gmt, time.UTC))
	x.cdata(2, "wp:post_modified", wpDateText(modified, e.loc))
	x.cdata(2, "wp:post_modified_gmt", wpDateText(modified, time.UTC))
	x.cdata(2, "wp:comment_status", comments)
	x.cdata(2, "wp:ping_status", "closed")
	x.cdata(2, "wp:post_name", name)
	x.cdata(2, "wp:status", status)
	x.text(2, "wp:post_parent", "0")
	x.text(2, "wp:menu_order", "0")
	x.cdata(2, "wp:post_type", postType)
	x.cdata(2, "wp:post_password", "")
	x.text(2, "wp:is_sticky", map[bool]string{false: "0", true: "1"}[sticky])
}

// articles writes every article, a page at a time with its comments.
func (e *exporter) articles(ctx context.Context) error {
	for after := int64(0); ; {
		articles, err := e.st.ExportArticles(ctx, after, exportPage)
		if err != nil || len(articles) == 0 {
			return err
		}
		last := articles[len(articles)-1].ID
		comments, err := e.st.ExportComments(ctx, after, last)
		if err != nil {
			return err
		}
		byArticle := map[int64][]news.Comment{}
		for _, c := range comments {
			byArticle[c.ArticleID] = append(byArticle[c.ArticleID], c)
		}
		for _, a := range articles {
			e.article(a, byArticle[a.ID])
		}
		if e.x.err != nil {
			return e.x.err
		}
		after = last
	}
}

// wpStatus is our state as WordPress's: copy on an editor's desk is
// pending review, a story taken down is private.
func wpStatus(s news.Status) string {
	switch s {
	case news.Published:
		return "publish"
	case news.Draft:
		return "draft"
	case news.Scheduled:
		return "future"
	case news.Unpublished:
		return "private"
	}
	return "pending"
}

func (e *exporter) article(a news.Article, comments []news.Comment) {
	x, status := e.x, wpStatus(a.Status)
	link := e.base + "/?p=" + strconv.FormatInt(a.ID, 10)
	if a.Status == news.Published {
		link = e.base + a.Path()
	}
	// The post's date: when it went (or goes) out; copy never published
	// has only a local date, as in WordPress.
	local, gmt := a.PublishedAt, a.PublishedAt
	switch {
	case a.Status == news.Scheduled && !a.ScheduledAt.IsZero():
		local, gmt = a.ScheduledAt, a.ScheduledAt
	case status == "draft" || status == "pending":
		local, gmt = a.CreatedAt, time.Time{}
	case local.IsZero():
		local, gmt = a.CreatedAt, a.CreatedAt
	}
	modified := a.ModifiedAt
	if modified.IsZero() {
		modified = local
		if gmt.IsZero() {
			modified = a.UpdatedAt
		}
	}
	x.raw("\t<item>\n")
	x.cdata(2, "title", asHTML(a.Title))
	x.text(2, "link", link)
	x.text(2, "pubDate", local.UTC().Format(time.RFC1123Z))
	creator := ""
	if len(a.Authors) > 0 {
		creator = a.Authors[0].Slug
	}
	x.cdata(2, "dc:creator", creator)
	x.raw("\t\t", `<guid isPermaLink="false">`, escapeXML(e.base+"/?p="+strconv.FormatInt(a.ID, 10)), "</guid>\n")
	x.text(2, "description", "")
	x.cdata(2, "content:encoded", e.exportBody(a.Body))
	x.cdata(2, "excerpt:encoded", asHTML(a.Lead))
	commentStatus := "closed"
	if a.CommentMode == news.CommentsOpen || a.CommentMode == "" {
		commentStatus = "open"
	}
	e.postFields(a.ID, local, gmt, modified, a.Slug, status, "post", commentStatus, a.Featured)
	if sec, ok := e.sections[a.SectionID]; ok {
		x.raw("\t\t", `<category domain="category" nicename="`, escapeXML(sec.Slug), `">`, cdata(asHTML(sec.Name)), "</category>\n")
	}
	for _, t := range a.Tags {
		x.raw("\t\t", `<category domain="post_tag" nicename="`, escapeXML(t.Slug), `">`, cdata(asHTML(t.Name)), "</category>\n")
	}
	if a.CoverImageID != 0 {
		x.meta("_thumbnail_id", strconv.FormatInt(e.topPost+a.CoverImageID, 10))
	}
	if len(a.Authors) > 1 {
		logins := make([]string, len(a.Authors))
		for i, au := range a.Authors {
			logins[i] = au.Slug
		}
		x.meta("_toasoan_authors", strings.Join(logins, ","))
	}
	e.comments(comments)
	x.raw("\t</item>\n")
	e.sum.Articles++
}

// comments writes an article's published and waiting comments; rejected
// ones and spam stay out, and so do the replies to them, which readers
// never saw either.
func (e *exporter) comments(comments []news.Comment) {
	x, written := e.x, map[int64]bool{}
	for _, c := range comments {
		approved := map[news.CommentStatus]string{news.CommentPublished: "1", news.CommentPending: "0"}[c.Status]
		if approved == "" || (c.ParentID != 0 && !written[c.ParentID]) {
			continue
		}
		written[c.ID] = true
		x.raw("\t\t<wp:comment>\n")
		x.text(3, "wp:comment_id", strconv.FormatInt(c.ID, 10))
		x.cdata(3, "wp:comment_author", c.Name)
		x.cdata(3, "wp:comment_author_email", c.Email)
		x.text(3, "wp:comment_author_url", "")
		x.cdata(3, "wp:comment_author_IP", "")
		x.cdata(3, "wp:comment_date", wpDateText(c.CreatedAt, e.loc))
		x.cdata(3, "wp:comment_date_gmt", wpDateText(c.CreatedAt, time.UTC))
		x.cdata(3, "wp:comment_content", asHTML(c.Body))
		x.cdata(3, "wp:comment_approved", approved)
		x.cdata(3, "wp:comment_type", "comment")
		x.text(3, "wp:comment_parent", strconv.FormatInt(c.ParentID, 10))
		x.text(3, "wp:comment_user_id", "0")
		x.raw("\t\t</wp:comment>\n")
		e.sum.Comments++
	}
}

var (
	mediaAddress = regexp.MustCompile(`(\s(?:src|href)=")(/media/)`)
	imageIDAttr  = regexp.MustCompile(`\s+data-image-id="[0-9]*"`)
)

// exportBody is a body as another site shows it: photos at their
// absolute address (which WordPress's importer rewrites to its own), no
// photo ids of this database.
func (e *exporter) exportBody(body string) string {
	body = mediaAddress.ReplaceAllString(body, "${1}"+strings.ReplaceAll(e.base, "$", "$$")+"${2}")
	return imageIDAttr.ReplaceAllString(body, "")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
