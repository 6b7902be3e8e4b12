package site

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// The article page is written in Go whole: what the template still drew
// around the Go parts (the audio player, live coverage, the comment form,
// the side column, the popup) cost as much again as the parts, through
// html/template's reflection and escapers on every uncached story. The
// templates it replaced are in testdata; TestArticlePartsMatchTheTemplate
// keeps the page the same as they drew it.

// renderArticlePage sends the article page, written whole before any of
// it is sent, as a template's page is.
func (s *Server) renderArticlePage(w http.ResponseWriter, status int, p articlePage) error {
	m, _ := s.pageBuffers.Get().(*markup)
	if m == nil {
		m = &markup{b: make([]byte, 0, 128<<10)}
	}
	defer func() {
		if cap(m.b) <= 1<<20 { // a rare huge page (a long live blog) goes to the GC
			m.b = m.b[:0]
			s.pageBuffers.Put(m)
		}
	}()
	if err := s.writeArticlePage(m, p); err != nil {
		return err
	}
	web.WriteHTML(w, status, m.b)
	return nil
}

// writeArticlePage is the whole article page.
func (s *Server) writeArticlePage(m *markup, p articlePage) error {
	loc := p.Site.Location
	if err := s.writePageStart(m, p.Layout); err != nil {
		return err
	}
	if p.HasVideo {
		if err := s.playerScript(m); err != nil {
			return err
		}
	}
	m.pageBody(p.Layout)
	m.storyTop(p)
	m.audioPlayer(p.Audio)
	m.WriteString("\n  <div class=\"story-body\">\n")
	m.WriteString(string(p.Body))
	m.WriteString("\n  </div>")
	if err := s.liveCoverage(m, p); err != nil {
		return err
	}
	m.storyFoot(p)
	m.WriteString("\n\n<section class=\"share\" aria-labelledby=\"chia-se\">\n  <h2 id=\"chia-se\">Hãy chia sẻ với bạn bè!</h2>\n  <ul>")
	m.share(p.Share, p.CanonicalURL)
	m.WriteString("\n  </ul>\n</section>\n\n")
	m.commentArea(p.Comments)
	if len(p.Earlier) > 0 {
		a := p.Article
		m.WriteString("\n<section class=\"earlier\" aria-labelledby=\"tin-da-dua\">\n  <h2 id=\"tin-da-dua\">Các tin đã đưa</h2>\n  ")
		m.titles(p.Earlier, loc)
		m.WriteString("\n  <p><a href=\"")
		m.href(a.Section.Path() + "?ngay=" + a.PublishedAt.In(loc).Format("2006-01-02"))
		m.WriteString("\">Xem các tin đã đưa ngày ")
		m.text(vietnamese.Date(a.PublishedAt, loc))
		m.WriteString("</a></p>\n</section>")
	}
	m.WriteString("\n</div>\n<aside class=\"side-column\">\n  <div class=\"slot slot-weather\" id=\"thoi-tiet\">")
	if err := s.writeWeatherBox(m, p.Reader.Weather()); err != nil {
		return err
	}
	m.WriteString("\n</div>\n  <section aria-labelledby=\"tin-moi\">\n    <h2 id=\"tin-moi\">Tin mới</h2>\n    ")
	m.titles(p.Latest, loc)
	m.WriteString("\n  </section>\n  ")
	m.mostRead(p.MostRead)
	m.WriteString("\n</aside>\n</div>\n<div class=\"slot slot-popup\">")
	if err := s.writePopup(m, p.Reader.Popup("article")); err != nil {
		return err
	}
	m.WriteString("</div>")
	if p.Banner == "" {
		if err := s.script(m, "\n<script src=\"", "views.js", "\" defer></script>"); err != nil {
			return err
		}
	}
	m.WriteString("\n")
	m.pageEnd(p.Layout)
	return nil
}

// script writes a static file's link between before and after.
func (s *Server) script(m *markup, before, name, after string) error {
	u, err := s.assets.URL(name)
	if err != nil {
		return err
	}
	m.WriteString(before)
	m.href(u)
	m.WriteString(after)
	return nil
}

// playerScript loads the video player, which loads hls.js only where it
// is needed.
func (s *Server) playerScript(m *markup) error {
	hls, err := s.assets.URL("hls.js")
	if err != nil {
		return err
	}
	if err := s.script(m, "\n<script src=\"", "player.js", "\" data-hls-lib=\""); err != nil {
		return err
	}
	m.text(hls)
	m.WriteString("\" defer></script>")
	return nil
}

// audioPlayer is a story's audio version above its body ("Nghe bài
// viết", or "Bản phát thanh" for an episode of a programme): the
// browser's own player, nothing loaded before the reader presses play.
func (m *markup) audioPlayer(v *audioVersion) {
	if v != nil {
		m.WriteString("\n<section class=\"audio-version\" aria-labelledby=\"nghe-bai-viet\">\n  <h2 id=\"nghe-bai-viet\" class=\"audio-title\">")
		if v.Programme != nil {
			m.WriteString("Bản phát thanh")
		} else {
			m.WriteString("Nghe bài viết")
		}
		m.WriteString(" <span class=\"audio-duration\">(")
		m.text(v.Duration)
		m.WriteString(")</span></h2>\n  <audio controls preload=\"none\" src=\"")
		m.href(v.URL)
		m.WriteString("\">Trình duyệt của bạn không phát được âm thanh; <a href=\"")
		m.href(v.URL)
		m.WriteString("\">tải tệp về</a>.</audio>")
		if pr := v.Programme; pr != nil {
			m.WriteString("\n  <p class=\"audio-programme\">Trong chương trình ")
			m.link(pr.Path(), "", pr.Title)
			m.WriteString("</p>")
		}
		m.WriteString("\n</section>")
	}
	m.WriteString("\n")
}

// liveCoverage is a live story's coverage, right after its body; while
// it runs, live.js asks for new entries.
func (s *Server) liveCoverage(m *markup, p articlePage) error {
	b := p.Live
	if !b.On {
		m.WriteString("\n")
		return nil
	}
	polling := b.Running && p.Banner == ""
	m.WriteString("\n<section class=\"live\" id=\"truc-tiep\" aria-labelledby=\"truc-tiep-tieu-de\"")
	if polling {
		m.WriteString(` data-live-feed="`)
		m.text(b.Feed)
		m.WriteString(`" data-live-after="`)
		m.WriteString(strconv.FormatInt(b.Newest, 10))
		m.WriteString(`" data-live-poll="`)
		m.WriteString(strconv.FormatInt(b.PollMS, 10))
		m.WriteString(`"`)
	}
	m.WriteString(">\n  <h2 id=\"truc-tiep-tieu-de\">")
	if b.Running {
		m.WriteString("<span class=\"live-badge\">Trực tiếp</span> Diễn biến</h2>\n  <p class=\"live-ended\" data-live-ended hidden>Đã kết thúc tường thuật.</p>")
	} else {
		m.WriteString("Diễn biến</h2>\n  <p class=\"live-ended\">Đã kết thúc tường thuật lúc ")
		m.time(b.Ended, vietnamese.DateTime(b.Ended, p.Site.Location))
		m.WriteString(".</p>")
	}
	m.WriteString("\n  <p class=\"visually-hidden\" role=\"status\" aria-live=\"polite\" data-live-status></p>\n  <ol class=\"live-entries\" reversed>")
	for _, e := range b.Entries {
		m.WriteString("\n    <li class=\"live-entry\" id=\"dien-bien-")
		m.WriteString(strconv.FormatInt(e.ID, 10))
		m.WriteString("\">\n      <p class=\"live-time\">")
		m.time(e.Created, e.Time)
		m.WriteString("</p>\n      <div class=\"live-body\">")
		m.WriteString(string(e.Body))
		m.WriteString("</div>\n    </li>")
	}
	m.WriteString("\n  </ol>\n</section>")
	if polling {
		if err := s.script(m, "\n<script src=\"", "live.js", "\" defer></script>"); err != nil {
			return err
		}
	}
	m.WriteString("\n")
	return nil
}

// commentArea is the comments under a story: the count, the sorting
// links, a page of the thread, the copy of what a reader just sent, and
// the form ("Ý kiến của bạn sẽ được biên tập trước khi đăng") unless the
// story is closed to comments.
func (m *markup) commentArea(a commentArea) {
	if a.Mode == news.CommentsHidden {
		m.WriteString("\n")
		return
	}
	m.WriteString("\n<section class=\"comments\" id=\"binh-luan\" aria-labelledby=\"so-binh-luan\" data-article-path=\"")
	m.text(a.Path)
	m.WriteString("\">\n  <h2 id=\"so-binh-luan\"><span class=\"comment-count\">")
	m.WriteString(strconv.Itoa(a.Count))
	m.WriteString("</span> bình luận</h2>")
	if len(a.Comments) > 0 {
		m.WriteString("\n  <nav class=\"comment-sort\" aria-label=\"Sắp xếp bình luận\">")
		for _, o := range []struct {
			order store.CommentOrder
			name  string
		}{{store.NewestFirst, "Mới nhất"}, {store.OldestFirst, "Cũ nhất"}, {store.MostLiked, "Nhiều lượt thích"}} {
			m.WriteString("\n    <a href=\"")
			m.href(a.Path + "?binh-luan=" + string(o.order) + "#binh-luan")
			m.WriteString(`"`)
			if a.Order == o.order {
				m.WriteString(` aria-current="true"`)
			}
			m.WriteString(">")
			m.WriteString(o.name)
			m.WriteString("</a>")
		}
		m.WriteString("\n  </nav>")
		m.commentList(a)
		m.WriteString("\n  ")
		m.WriteString(string(web.PagerHTML(a.Pager)))
	}
	if c := a.Form.Sent; c != nil {
		m.WriteString("\n  <div class=\"comment-sent\" role=\"status\">\n    <p class=\"comment-sent-notice\">Bình luận của bạn đang chờ duyệt</p>\n    <blockquote class=\"comment-copy\">")
		m.WriteString(string(commentHTML(*c)))
		m.WriteString("</blockquote>\n  </div>")
	}
	if a.Mode == news.CommentsClosed {
		m.WriteString("\n  <p class=\"comment-closed\">Bài viết này đã đóng bình luận.</p>")
	} else {
		m.commentForm(a)
	}
	m.WriteString("\n</section>\n")
}

// commentForm is the reader's form, refilled after a refusal.
func (m *markup) commentForm(a commentArea) {
	f := a.Form
	m.WriteString("\n  <form class=\"comment-form\" id=\"gui-binh-luan\" method=\"post\" action=\"/bai-viet/")
	m.WriteString(strconv.FormatInt(a.ArticleID, 10))
	m.WriteString("/binh-luan\">")
	if r := a.ReplyTo; r != nil {
		m.WriteString("<p class=\"comment-replying\">Trả lời <strong>")
		m.text(r.Name)
		m.WriteString("</strong> · <a href=\"")
		m.href(a.Path + "#gui-binh-luan")
		m.WriteString("\">Hủy</a></p>")
	}
	if f.Error != "" {
		m.WriteString("<p class=\"comment-error\" role=\"alert\">")
		m.text(f.Error)
		m.WriteString("</p>")
	}
	m.WriteString("\n    <input type=\"hidden\" name=\"parent_id\" value=\"")
	if f.ParentID != 0 {
		m.WriteString(strconv.FormatInt(f.ParentID, 10))
	}
	m.WriteString("\">\n    <label for=\"comment-body\">Ý kiến của bạn</label>\n    <textarea id=\"comment-body\" name=\"body\" rows=\"4\" maxlength=\"3000\" required>")
	m.text(f.Body)
	m.WriteString("</textarea>\n    <div class=\"comment-who\">\n      <label for=\"comment-name\">Họ tên</label>\n      <input id=\"comment-name\" name=\"name\" value=\"")
	m.text(f.Name)
	m.WriteString("\" maxlength=\"60\" required autocomplete=\"name\">\n      <label for=\"comment-email\">Email <small>(không hiển thị)</small></label>\n      <input id=\"comment-email\" name=\"email\" type=\"email\" value=\"")
	m.text(f.Email)
	m.WriteString(`" maxlength="254" autocomplete="email">
    </div>
    <label class="comment-notify"><input type="checkbox" name="notify" value="1"> Báo cho tôi qua email khi bình luận được đăng hoặc có người trả lời</label>
    <div class="comment-trap" aria-hidden="true"><label for="comment-website">Trang web</label><input id="comment-website" name="website" tabindex="-1" autocomplete="off"></div>
    <p class="comment-notice">Ý kiến của bạn sẽ được biên tập trước khi đăng. Vui lòng gõ tiếng Việt có dấu</p>
    <button type="submit">Gửi bình luận</button>
  </form>`)
}

// writePopup is the announcement a page shows, with its "Tắt [X]" form
// for readers without JavaScript; "\n" when none.
func (s *Server) writePopup(m *markup, b *popupBox) error {
	if b == nil {
		m.WriteString("\n")
		return nil
	}
	id := strconv.FormatInt(b.ID, 10)
	m.WriteString("\n<div class=\"popup\" id=\"thong-bao-" + id + "\" role=\"dialog\" aria-modal=\"false\" aria-labelledby=\"thong-bao-" + id +
		"-tieu-de\" data-popup=\"" + id + "\" data-until=\"" + strconv.FormatInt(b.Until, 10) + "\"")
	if b.Seen {
		m.WriteString(` data-seen="1"`)
	}
	m.WriteString(">\n  <h2 class=\"popup-title\" id=\"thong-bao-" + id + "-tieu-de\">")
	m.text(b.Title)
	m.WriteString("</h2>")
	if im := b.Image; im != nil {
		m.WriteString("\n  <img class=\"popup-image\" src=\"")
		m.href("/media/" + im.Key)
		m.WriteString("\" width=\"" + strconv.Itoa(im.Width) + "\" height=\"" + strconv.Itoa(im.Height) + "\" alt=\"")
		m.text(im.Alt)
		m.WriteString("\">")
	}
	for _, para := range b.Paragraphs {
		m.WriteString("\n  <p>")
		m.text(para)
		m.WriteString("</p>")
	}
	if b.Link != "" {
		m.WriteString("\n  <p class=\"popup-link\"><a href=\"")
		m.href(b.Link)
		m.WriteString("\">Xem chi tiết</a></p>")
	}
	m.WriteString("\n  <form class=\"popup-close\" method=\"post\" action=\"/thong-bao/" + id + "/tat\">")
	if b.Here != "" {
		m.WriteString("\n    <input type=\"hidden\" name=\"tiep\" value=\"")
		m.text(b.Here)
		m.WriteString("\">")
	}
	m.WriteString("\n    <button type=\"submit\">Tắt [X]</button>\n  </form>\n</div>")
	if err := s.script(m, "\n<script src=\"", "popup.js", "\"></script>"); err != nil {
		return err
	}
	m.WriteString("\n")
	return nil
}

// popupHTML is writePopup for a template.
func (s *Server) popupHTML(b *popupBox) (template.HTML, error) {
	var m markup
	err := s.writePopup(&m, b)
	return m.html(), err
}
