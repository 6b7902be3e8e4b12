package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/revdiff"
)

// revisionsPage lists an article's revisions to compare or restore.
type revisionsPage struct {
	pageLayout
	Article   news.Article
	Revisions []news.Revision
	CanEdit   bool
}

func (s *Server) showRevisions(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	revs, err := s.store.Revisions(r.Context(), a.ID)
	if err != nil {
		return err
	}
	policy, err := s.editorial.Policy(r.Context())
	if err != nil {
		return err
	}
	page := revisionsPage{pageLayout: s.pageLayout(r, ss, "Phiên bản: "+a.Title), Article: a, Revisions: revs,
		CanEdit: policy.CanEdit(ss.User, a) == nil}
	return s.render(w, http.StatusOK, "revisions", page)
}

// comparePage shows two revisions side by side.
type comparePage struct {
	pageLayout
	Article  news.Article
	Old, New news.Revision
	Fields   []revdiff.FieldDiff
}

func (s *Server) compareRevisions(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	oldID, err1 := strconv.ParseInt(q.Get("tu"), 10, 64)
	newID, err2 := strconv.ParseInt(q.Get("den"), 10, 64)
	if err1 != nil || err2 != nil {
		return news.Errorf(news.Invalid, "Hãy chọn hai phiên bản để so sánh")
	}
	older, err := s.store.Revision(r.Context(), a.ID, oldID)
	if err != nil {
		return err
	}
	newer := currentRevision(a)
	if newID != 0 {
		if newer, err = s.store.Revision(r.Context(), a.ID, newID); err != nil {
			return err
		}
	}
	page := comparePage{pageLayout: s.pageLayout(r, ss, "So sánh phiên bản"), Article: a, Old: older, New: newer}
	media, err := s.mediaFields(r.Context(), older, newer)
	if err != nil {
		return err
	}
	page.Fields = revdiff.Compare(append([]revdiff.Field{
		{Name: "Tiêu đề", Old: older.Title, New: newer.Title},
		{Name: "Sapô", Old: older.Lead, New: newer.Lead},
		{Name: "Nội dung", Old: older.Body, New: newer.Body, HTML: true},
		{Name: "Chủ đề", Old: older.Tags, New: newer.Tags},
	}, media...))
	return s.render(w, http.StatusOK, "compare", page)
}

func (s *Server) restoreRevision(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	revID, err := strconv.ParseInt(r.PostFormValue("revision_id"), 10, 64)
	if err != nil {
		return news.Errorf(news.Invalid, "Phiên bản không hợp lệ")
	}
	base, err := strconv.Atoi(r.PostFormValue("revision"))
	if err != nil {
		return news.Errorf(news.Invalid, "Thiếu số phiên bản hiện tại; hãy tải lại trang")
	}
	if _, err := s.editorial.Restore(r.Context(), actor(ss, r), a.ID, revID, base); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(a.ID, 10)+"?ok=khoi-phuc", http.StatusSeeOther)
	return nil
}

// currentRevision is the article as it stands, to compare a revision
// against ("den=0").
func currentRevision(a news.Article) news.Revision {
	tags := make([]string, len(a.Tags))
	for i, t := range a.Tags {
		tags[i] = t.Name
	}
	return news.Revision{ArticleID: a.ID, Number: a.Revision, Status: a.Status, Title: a.Title, Lead: a.Lead,
		Body: a.Body, SectionID: a.SectionID, Tags: strings.Join(tags, ", "), CreatedAt: a.UpdatedAt,
		MainMediaID: a.MainMediaID, AudioMediaID: a.AudioMediaID, ProgrammeID: a.ProgrammeID}
}
