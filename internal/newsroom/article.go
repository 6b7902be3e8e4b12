package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// articleFormPage is the editor page for a new or existing article.
type articleFormPage struct {
	pageLayout
	Article  news.Article // ID 0 for a new article
	Input    editorial.ArticleInput
	Tags     string
	Base     int // the revision the form was opened at
	Sections []news.Section
	Authors  []news.Author
	Moves    []news.Status // states this user may move the article to
	Lock     news.EditLock // someone else editing, if UserID != 0
	Error    string
	Conflict int64          // id of the revision keeping refused text
	Note     string         // the workflow note typed, kept on a refusal
	Autosave *news.Autosave // the member's unsaved text, if any differs from the story's
	Restored bool           // the form shows the autosave, not the story
	CanEdit  bool
	// CanSetComments shows the switch that opens, closes or hides comments.
	CanSetComments bool
	SharePreview   sharePreview // preview links for outsiders (preview_link.go)

	Live livePanel // "Tường thuật trực tiếp" (live_coverage.go)
	// Views are a published story's readers (nil for others).
	Views *store.StoryViews
	// Related are the stories picked for "Tin liên quan", as the form
	// shows them; RelatedText is the field without its script.
	Related     []relatedPick
	RelatedText string
	// Audio is the "Bản âm thanh" block's choices (article_audio.go).
	Audio audioBlock
	// Videos are the choices of "Video chính" (main_media.go).
	Videos []news.MediaItem
}

func (s *Server) articleForm(r *http.Request, ss *session, a news.Article, title string) (articleFormPage, error) {
	page := articleFormPage{pageLayout: s.pageLayout(r, ss, title), Article: a, Input: editorial.InputOf(a), Base: a.Revision}
	page.Tags = strings.Join(page.Input.Tags, ", ")
	var err error
	if err := s.showPicks(r, &page, page.Input.RelatedIDs, ""); err != nil {
		return page, err
	}
	if page.Audio, err = s.audioBlock(r, a.AudioMediaID); err != nil {
		return page, err
	}
	if a.Status == news.Published {
		v, err := s.store.ViewsOf(r.Context(), a.ID, store.DayStart(s.now(), page.Site.Location), s.now())
		if err != nil {
			return page, err
		}
		page.Views = &v
	}
	if page.Sections, err = s.store.Sections(r.Context()); err != nil {
		return page, err
	}
	if page.Videos, err = s.mainVideoChoices(r.Context(), a.MainMediaID); err != nil {
		return page, err
	}
	if page.Authors, err = s.store.Authors(r.Context()); err != nil {
		return page, err
	}
	if a.ID == 0 {
		page.CanEdit = true
		if ss.User.AuthorID != 0 {
			page.Input.AuthorIDs = []int64{ss.User.AuthorID}
		}
		return page, nil
	}
	policy, err := s.editorial.Policy(r.Context())
	if err != nil {
		return page, err
	}
	page.CanEdit = policy.CanEdit(ss.User, a) == nil
	page.CanSetComments = news.Can(ss.User, news.SetCommentMode)
	page.SharePreview = sharePreviewFor(ss.User, a)
	if page.Live, err = s.livePanel(r, ss, a); err != nil {
		return page, err
	}
	for _, to := range news.Statuses() {
		if policy.CanMove(ss.User, a, to) == nil {
			page.Moves = append(page.Moves, to)
		}
	}
	return page, nil
}

func (s *Server) showNewArticle(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.articleForm(r, ss, news.Article{Status: news.Draft}, "Viết bài mới")
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "article", page)
}

func (s *Server) showArticleForm(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	page, err := s.articleForm(r, ss, a, a.Title)
	if err != nil {
		return err
	}
	if page.CanEdit {
		lock, err := s.store.TakeEditLock(r.Context(), a.ID, ss.User.ID, editLockTTL)
		if err != nil {
			return err
		}
		if lock.UserID != ss.User.ID {
			page.Lock = lock
		}
		if err := s.withAutosave(r, ss, &page); err != nil {
			return err
		}
	}
	return s.render(w, http.StatusOK, "article", page)
}

// articleByPath is the article of the path, if ss's member may read it
// (news.CanRead): the same rule as the API's, for the form, the
// revisions, the preview and every action on them.
func (s *Server) articleByPath(r *http.Request, ss *session) (news.Article, error) {
	id, err := web.PathID(r, news.Errorf(news.NotFound, "Không tìm thấy bài viết"))
	if err != nil {
		return news.Article{}, err
	}
	a, err := s.store.Article(r.Context(), id)
	if err != nil {
		return a, err
	}
	return a, news.CanRead(ss.User, a)
}

// editorInput reads the editor form of story a: a form without the
// correction note (shown for published stories only) or without the
// audio block keeps a's.
func (s *Server) editorInput(r *http.Request, a news.Article, loc *time.Location) (editorial.ArticleInput, error) {
	in, err := articleInput(r, loc)
	if err == nil {
		err = audioInput(r, a, &in)
	}
	if _, ok := r.PostForm["correction"]; !ok {
		in.Correction = a.Correction
	}
	return in, err
}

// articleInput reads the editor form.
func articleInput(r *http.Request, loc *time.Location) (editorial.ArticleInput, error) {
	in := editorial.ArticleInput{
		Title: r.PostFormValue("title"), Lead: r.PostFormValue("lead"), Body: r.PostFormValue("body"),
		Slug: r.PostFormValue("slug"), SEOTitle: r.PostFormValue("seo_title"), SEODescription: r.PostFormValue("seo_description"),
		Featured: r.PostFormValue("featured") == "1", Credit: r.PostFormValue("credit"), Correction: r.PostFormValue("correction"),
	}
	for _, t := range strings.Split(r.PostFormValue("tags"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			in.Tags = append(in.Tags, t)
		}
	}
	var err error
	if in.SectionID, err = web.FormID(r.PostFormValue("section_id")); err != nil || in.SectionID == 0 {
		return in, news.Errorf(news.Invalid, "Vui lòng chọn chuyên mục")
	}
	if in.CoverImageID, err = web.FormID(r.PostFormValue("cover_image_id")); err != nil {
		return in, news.Errorf(news.Invalid, "Ảnh đại diện không hợp lệ")
	}
	for _, v := range r.PostForm["author_ids"] {
		id, err := web.FormID(v)
		if err != nil {
			return in, news.Errorf(news.Invalid, "Tác giả không hợp lệ")
		}
		in.AuthorIDs = append(in.AuthorIDs, id)
	}
	if in.EmbargoUntil, err = web.FormTime(r.PostFormValue("embargo_until"), loc); err != nil {
		return in, err
	}
	if in.RelatedIDs, err = relatedField(r.PostForm["related"]); err != nil {
		return in, err
	}
	if in.MainMediaID, err = web.FormID(r.PostFormValue("main_media_id")); err != nil {
		return in, news.Errorf(news.Invalid, "Video chính không hợp lệ")
	}
	return in, nil
}

func (s *Server) createArticle(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.articleForm(r, ss, news.Article{Status: news.Draft}, "Viết bài mới")
	if err != nil {
		return err
	}
	in, err := s.editorInput(r, page.Article, page.Site.Location)
	if err == nil {
		var a news.Article
		a, err = s.editorial.Create(r.Context(), actor(ss, r), in)
		if err == nil {
			http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(a.ID, 10)+"?ok=luu", http.StatusSeeOther)
			return nil
		}
	}
	return s.refuseForm(w, r, page, in, err)
}

// refuseForm shows the form again with what was typed and why it was
// refused: nothing the writer typed is lost on a refusal.
func (s *Server) refuseForm(w http.ResponseWriter, r *http.Request, page articleFormPage, in editorial.ArticleInput, err error) error {
	code := news.ErrorCode(err)
	if code == news.Internal || code == news.Unauthorized {
		return err
	}
	page.Input, page.Tags, page.Error = in, strings.Join(in.Tags, ", "), news.ErrorMessage(err)
	if perr := s.showPicks(r, &page, in.RelatedIDs, strings.Join(r.PostForm["related"], ", ")); perr != nil {
		return perr
	}
	var conflict *editorial.ConflictError
	if errors.As(err, &conflict) {
		page.Conflict = conflict.RevisionID
		page.Base = conflict.Current.Revision
	}
	return s.render(w, web.StatusOf(code), "article", page)
}

func (s *Server) saveArticle(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	page, err := s.articleForm(r, ss, a, a.Title)
	if err != nil {
		return err
	}
	base, err := strconv.Atoi(r.PostFormValue("revision"))
	if err != nil {
		return news.Errorf(news.Invalid, "Thiếu số phiên bản của biểu mẫu; hãy tải lại trang")
	}
	page.Base = base
	in, err := s.editorInput(r, a, page.Site.Location)
	if err == nil {
		_, err = s.editorial.Save(r.Context(), actor(ss, r), a.ID, base, in)
		if err == nil {
			http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(a.ID, 10)+"?ok=luu", http.StatusSeeOther)
			return nil
		}
	}
	return s.refuseForm(w, r, page, in, err)
}

// transitionArticle moves a story. Pressed in the editor, the button
// sends the text on screen too: it is saved first (SaveAndMove), so an
// edit made without "Lưu" is in the copy that moves on; a save that
// conflicts stops the move and shows the writer's text beside the
// conflict, as "Lưu" would.
func (s *Server) transitionArticle(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	to, err := news.ParseStatus(r.PostFormValue("to"))
	if err != nil {
		return err
	}
	site, err := s.store.Site(r.Context())
	if err != nil {
		return err
	}
	at, err := web.FormTime(r.PostFormValue("at"), site.Location)
	if err != nil {
		return err
	}
	note := r.PostFormValue("note")
	if _, withText := r.PostForm["title"]; withText {
		return s.saveAndMove(w, r, ss, a, to, note, at)
	}
	if _, err := s.editorial.Transition(r.Context(), actor(ss, r), a.ID, to, note, at); err != nil {
		if news.ErrorCode(err) == news.Internal {
			return err
		}
		page, ferr := s.articleForm(r, ss, a, a.Title)
		if ferr != nil {
			return ferr
		}
		page.Error = news.ErrorMessage(err)
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "article", page)
	}
	http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(a.ID, 10)+"?ok=chuyen", http.StatusSeeOther)
	return nil
}

// saveAndMove is a workflow button of the editor's form.
func (s *Server) saveAndMove(w http.ResponseWriter, r *http.Request, ss *session, a news.Article, to news.Status, note string, at time.Time) error {
	page, err := s.articleForm(r, ss, a, a.Title)
	if err != nil {
		return err
	}
	base, err := strconv.Atoi(r.PostFormValue("revision"))
	if err != nil {
		return news.Errorf(news.Invalid, "Thiếu số phiên bản của biểu mẫu; hãy tải lại trang")
	}
	page.Base, page.Note = base, note
	in, err := s.editorInput(r, a, page.Site.Location)
	if err == nil {
		_, err = s.editorial.SaveAndMove(r.Context(), actor(ss, r), a.ID, base, in, to, note, at)
		if err == nil {
			http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(a.ID, 10)+"?ok=chuyen", http.StatusSeeOther)
			return nil
		}
	}
	if news.ErrorCode(err) != news.Internal && news.ErrorCode(err) != news.Unauthorized {
		err = news.Errorf(news.ErrorCode(err), "Bài chưa được chuyển sang “%s”. %s", to.Label(), news.ErrorMessage(err))
	}
	if stored, rerr := s.store.Article(r.Context(), a.ID); rerr == nil && stored.Revision != a.Revision {
		// Saved, then the move was refused: the form starts from the save.
		page.Article, page.Base = stored, stored.Revision
	}
	return s.refuseForm(w, r, page, in, err)
}

// previewArticle shows an article of any state as readers would see it.
func (s *Server) previewArticle(w http.ResponseWriter, r *http.Request, ss *session) error {
	a, err := s.articleByPath(r, ss)
	if err != nil {
		return err
	}
	return s.preview(w, r, a)
}
