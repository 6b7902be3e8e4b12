package site

import (
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// commentList is a page of an article's published comments, each with
// its replies: a story with hundreds of comments drew each one through a
// dozen template actions. TestArticlePartsMatchTheTemplate keeps it the
// same as the template it replaced.
func (m *markup) commentList(area commentArea) {
	m.WriteString("\n  <ol class=\"comment-list\">")
	for _, c := range area.Comments {
		m.WriteString("\n    <li>")
		m.comment(c, area)
		if len(c.Replies) > 0 {
			m.WriteString("\n      <ol class=\"comment-replies\">")
			for _, r := range c.Replies {
				m.WriteString("<li>")
				m.comment(r, area)
				m.WriteString("</li>")
			}
			m.WriteString("</ol>")
		}
		m.WriteString("\n    </li>")
	}
	m.WriteString("\n  </ol>")
}

// comment writes one comment: who and when ("{name} - {time}"), the
// paper's badge, the text, the like button and "Trả lời" while the
// article takes comments.
func (m *markup) comment(c news.Comment, area commentArea) {
	id := strconv.FormatInt(c.ID, 10)
	m.WriteString("\n<article class=\"comment")
	if c.Staff {
		m.WriteString(" comment-staff")
	}
	m.WriteString(`" id="bl-`)
	m.WriteString(id)
	m.WriteString("\">\n  <p class=\"comment-meta\"><strong class=\"comment-name\">")
	m.text(c.Name)
	m.WriteString(`</strong>`)
	if c.Staff {
		m.WriteString(` <span class="comment-badge">`)
		m.text(c.Name)
		m.WriteString(`</span>`)
	}
	m.WriteString(` - <time datetime="`)
	m.text(web.IsoTime(c.PublishedAt))
	m.WriteString(`">`)
	m.text(commentTime(c.PublishedAt, area.Now, area.Loc))
	m.WriteString(`</time>`)
	if c.Edited {
		m.WriteString(` <span class="comment-edited">Đã biên tập</span>`)
	}
	m.WriteString("</p>\n  <div class=\"comment-body\">")
	m.WriteString(string(commentHTML(c)))
	m.WriteString("</div>\n  <div class=\"comment-actions\">\n    <form method=\"post\" action=\"/binh-luan/")
	m.WriteString(id)
	m.WriteString(`/thich" class="comment-like"><button type="submit" aria-label="Thích bình luận của `)
	m.text(c.Name)
	m.WriteString(`">Thích <span class="comment-likes">`)
	m.WriteString(strconv.Itoa(c.Likes))
	m.WriteString(`</span></button></form>`)
	if area.Mode != news.CommentsClosed {
		m.WriteString(`<a class="comment-reply" href="`)
		m.href(area.Path + "?tra-loi=" + id + "#gui-binh-luan")
		m.WriteString(`" data-reply="`)
		m.WriteString(id)
		m.WriteString(`" data-name="`)
		m.text(c.Name)
		m.WriteString(`">Trả lời</a>`)
	}
	m.WriteString("\n  </div>\n</article>\n")
}
