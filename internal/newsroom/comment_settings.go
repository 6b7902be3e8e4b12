package newsroom

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// commentSettingsPage is the refusal reasons and the word lists, with a
// box to try a comment against them.
type commentSettingsPage struct {
	pageLayout
	Settings news.CommentSettings
	Error    string
	Try      string
	Verdict  *tryVerdict
}

// tryVerdict is what the rules make of a comment tried on the page.
type tryVerdict struct {
	Refused bool
	Message string // the refusal readers would see
	Entry   string // the listed word found, if any
	Refuse  bool   // the entry's find refuses (else it flags)
	Flags   []string
}

func (s *Server) showCommentSettings(w http.ResponseWriter, r *http.Request, ss *session) error {
	page := commentSettingsPage{pageLayout: s.pageLayout(r, ss, "Cài đặt bình luận")}
	var err error
	if page.Settings, err = s.comments.Settings(r.Context(), actor(ss, r)); err != nil {
		return err
	}
	if page.Try = strings.TrimSpace(vietnamese.NFC(r.URL.Query().Get("thu"))); page.Try != "" {
		if utf8.RuneCountInString(page.Try) > comment.MaxBody {
			return news.Errorf(news.Invalid, "Câu thử dài quá %d ký tự", comment.MaxBody)
		}
		v := &tryVerdict{}
		if m, ok := comment.FindWord(page.Try, page.Settings); ok {
			v.Entry, v.Refuse = m.Entry, m.Refuse
		}
		flags, err := comment.Inspect(page.Try, page.Settings)
		v.Flags, v.Refused, v.Message = flags, err != nil, news.ErrorMessage(err)
		page.Verdict = v
	}
	return s.render(w, http.StatusOK, "comment_settings", page)
}

func (s *Server) saveCommentSettings(w http.ResponseWriter, r *http.Request, ss *session) error {
	lines := func(name string) []string { return strings.Split(r.PostFormValue(name), "\n") }
	settings := news.CommentSettings{Reasons: lines("reasons"), Banned: lines("banned"), Review: lines("review")}
	if err := s.comments.SaveSettings(r.Context(), actor(ss, r), settings); err != nil {
		if news.ErrorCode(err) == news.Internal {
			return err
		}
		page := commentSettingsPage{pageLayout: s.pageLayout(r, ss, "Cài đặt bình luận"), Settings: settings, Error: news.ErrorMessage(err)}
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "comment_settings", page)
	}
	http.Redirect(w, r, "/toasoan/binh-luan/cai-dat?ok=cai-dat", http.StatusSeeOther)
	return nil
}
