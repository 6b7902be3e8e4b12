package newsroom

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// relatedPick is a story picked for "Tin liên quan" as the editor's form
// lists it.
type relatedPick struct {
	ID        int64
	Title     string
	Published bool
	Missing   bool // no such story the member may open (a number typed by hand)
}

// maxRelatedTyped bounds the field's pieces before any is looked up: the
// editorial service refuses more than store.MaxRelatedPicks anyway.
const maxRelatedTyped = 50

// storyAddress finds a story's id in a reader's address, whole or a path:
// "https://bao.vn/ten-bai-post123.html" or "/ten-bai-post123.html".
var storyAddress = regexp.MustCompile(`-post([0-9]{1,15})\.html(?:[?#].*)?$`)

// relatedField reads the form's "related" values: one id each from the
// picker script's hidden inputs, or, without the script, ids or readers'
// addresses separated by commas in one text field.
func relatedField(values []string) ([]int64, error) {
	var ids []int64
	n := 0
	for _, v := range values {
		for _, piece := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
			piece = strings.TrimSpace(piece)
			if piece == "" {
				continue
			}
			if n++; n > maxRelatedTyped {
				return nil, news.Errorf(news.Invalid, "Mỗi bài chỉ chọn được tối đa %d tin liên quan", store.MaxRelatedPicks)
			}
			id, err := strconv.ParseInt(piece, 10, 64)
			if m := storyAddress.FindStringSubmatch(piece); err != nil && m != nil {
				id, err = strconv.ParseInt(m[1], 10, 64)
			}
			if err != nil || id <= 0 {
				return nil, news.Errorf(news.Invalid, "Tin liên quan “%s” không phải số bài hay địa chỉ một bài trên báo", news.Clip(piece, 60))
			}
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// showPicks fills the form's list of picked stories from ids, and the
// plain field with typed (what the member typed, on a refusal) or ids.
func (s *Server) showPicks(r *http.Request, page *articleFormPage, ids []int64, typed string) error {
	page.Related, page.RelatedText = nil, typed
	if typed == "" {
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = strconv.FormatInt(id, 10)
		}
		page.RelatedText = strings.Join(parts, ", ")
	}
	if len(ids) == 0 {
		return nil
	}
	// Titles of the stories the member may open only: a number typed by
	// hand tells nothing of a colleague's draft.
	found, err := s.store.PublishedArticles(r.Context(), store.ArticleFilter{IDs: ids, AllStatuses: true, Limit: len(ids), Reader: page.User})
	if err != nil {
		return err
	}
	byID := make(map[int64]news.Article, len(found))
	for _, a := range found {
		byID[a.ID] = a
	}
	for _, id := range ids {
		a, ok := byID[id]
		page.Related = append(page.Related, relatedPick{ID: id, Title: a.Title, Published: a.Status == news.Published, Missing: !ok})
	}
	return nil
}

// foundStory is a published story as the related-stories picker lists it.
type foundStory struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Section string `json:"section"`
	Date    string `json:"date"` // when it was first published, the paper's day
	URL     string `json:"url"`
}

// findStoriesSize is how many stories one search of the picker lists.
const findStoriesSize = 10

// findStories is the related-stories picker's search: JSON, published
// stories whose title has words starting with each word of ?q= (the
// desk's title search), newest first; a story's number or reader's
// address finds that story.
func (s *Server) findStories(w http.ResponseWriter, r *http.Request, ss *session) error {
	q := strings.TrimSpace(vietnamese.NFC(r.URL.Query().Get("q")))
	if utf8.RuneCountInString(q) > maxTitleSearch {
		return news.Errorf(news.Invalid, "Từ khóa tìm kiếm quá dài (tối đa %d ký tự)", maxTitleSearch)
	}
	out := struct {
		Stories []foundStory `json:"stories"`
	}{Stories: []foundStory{}}
	if q == "" {
		return web.WriteJSON(w, http.StatusOK, out)
	}
	f := store.ArticleFilter{Title: q, Limit: findStoriesSize}
	if ids, err := relatedField([]string{q}); err == nil && len(ids) == 1 {
		f = store.ArticleFilter{IDs: ids, Limit: 1}
	}
	stories, err := s.store.PublishedArticles(r.Context(), f)
	if err != nil {
		return err
	}
	site, err := s.store.Site(r.Context())
	if err != nil {
		return err
	}
	for _, a := range stories {
		out.Stories = append(out.Stories, foundStory{ID: a.ID, Title: a.Title, Section: a.Section.Name,
			Date: vietnamese.Date(a.PublishedAt, site.Location), URL: a.Path()})
	}
	return web.WriteJSON(w, http.StatusOK, out)
}
