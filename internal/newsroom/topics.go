package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// topicsPage lists the topic pages ("Dòng sự kiện").
type topicsPage struct {
	pageLayout
	Topics []news.Topic
}

func (s *Server) showTopics(w http.ResponseWriter, r *http.Request, ss *session) error {
	page := topicsPage{pageLayout: s.pageLayout(r, ss, "Dòng sự kiện")}
	if page.Notice == "" {
		page.Notice = map[string]string{"luu": "Đã lưu dòng sự kiện.", "xoa": "Đã xóa dòng sự kiện."}[r.URL.Query().Get("ok")]
	}
	var err error
	if page.Topics, err = s.store.Topics(r.Context()); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "topics", page)
}

// topicFormPage is the form of one topic: a new one (Topic.ID 0) or one
// that exists, showing what was typed when it was refused.
type topicFormPage struct {
	pageLayout
	Topic news.Topic // as stored
	Input topicForm
	Error string
}

// topicForm is the form's fields as typed. Pins are the stories' numbers
// or addresses, one a line.
type topicForm struct {
	Title, Slug, Intro, Cover, Tag, Pins, Position string
	InMenu, Active                                 bool
}

// CoverID is the typed cover as the photo picker wants it.
func (f topicForm) CoverID() int64 {
	id, _ := strconv.ParseInt(f.Cover, 10, 64)
	return id
}

func (s *Server) topicForm(r *http.Request, ss *session, t news.Topic, in topicForm) topicFormPage {
	title := "Thêm dòng sự kiện"
	if t.ID != 0 {
		title = "Sửa dòng sự kiện " + t.Title
	}
	return topicFormPage{pageLayout: s.pageLayout(r, ss, title), Topic: t, Input: in}
}

func (s *Server) showNewTopic(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.render(w, http.StatusOK, "topic_form", s.topicForm(r, ss, news.Topic{}, topicForm{Active: true}))
}

func (s *Server) showTopicForm(w http.ResponseWriter, r *http.Request, ss *session) error {
	t, err := s.pathTopic(r)
	if err != nil {
		return err
	}
	in := topicForm{Title: t.Title, Slug: t.Slug, Intro: t.Intro, Position: strconv.Itoa(t.Position), InMenu: t.InMenu, Active: t.Active}
	if t.CoverImageID != 0 {
		in.Cover = strconv.FormatInt(t.CoverImageID, 10)
	}
	if t.TagID != 0 {
		if tag, err := s.store.TagByID(r.Context(), t.TagID); err == nil {
			in.Tag = tag.Name
		}
	}
	pins := make([]string, len(t.PinnedIDs))
	for i, id := range t.PinnedIDs {
		pins[i] = strconv.FormatInt(id, 10)
	}
	in.Pins = strings.Join(pins, "\n")
	return s.render(w, http.StatusOK, "topic_form", s.topicForm(r, ss, t, in))
}

// pathTopic is the topic named by the path's {id}.
func (s *Server) pathTopic(r *http.Request) (news.Topic, error) {
	id, err := web.PathID(r, news.Errorf(news.Invalid, "Dòng sự kiện không hợp lệ"))
	if err != nil {
		return news.Topic{}, err
	}
	return s.store.Topic(r.Context(), id)
}

func (s *Server) createTopic(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.saveTopicForm(w, r, ss, news.Topic{})
}

func (s *Server) saveTopic(w http.ResponseWriter, r *http.Request, ss *session) error {
	t, err := s.pathTopic(r)
	if err != nil {
		return err
	}
	return s.saveTopicForm(w, r, ss, t)
}

// saveTopicForm stores the form over t (a new topic when t.ID is 0); a
// refusal shows the form again as typed, with the reason, and stores
// nothing.
func (s *Server) saveTopicForm(w http.ResponseWriter, r *http.Request, ss *session, t news.Topic) error {
	form := topicForm{Title: r.PostFormValue("title"), Slug: r.PostFormValue("slug"), Intro: r.PostFormValue("intro"),
		Cover: strings.TrimSpace(r.PostFormValue("cover_image_id")), Tag: strings.TrimSpace(r.PostFormValue("tag")),
		Pins: r.PostFormValue("pins"), Position: strings.TrimSpace(r.PostFormValue("position")),
		InMenu: r.PostFormValue("menu") != "", Active: r.PostFormValue("active") != ""}
	in, err := s.topicInput(r, t.ID, form)
	if err == nil {
		_, err = s.paper.SaveTopic(r.Context(), actor(ss, r), in)
	}
	if err != nil {
		if code := news.ErrorCode(err); code == news.Internal || code == news.NotFound || code == news.Forbidden {
			return err
		}
		page := s.topicForm(r, ss, t, form)
		page.Error = news.ErrorMessage(err)
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "topic_form", page)
	}
	http.Redirect(w, r, "/toasoan/dong-su-kien?ok=luu", http.StatusSeeOther)
	return nil
}

// topicInput reads the form's numbers, the tag it names and the stories
// it pins; what they name is checked by paper.SaveTopic.
func (s *Server) topicInput(r *http.Request, id int64, form topicForm) (paper.TopicInput, error) {
	in := paper.TopicInput{ID: id, Title: form.Title, Slug: form.Slug, Intro: form.Intro, InMenu: form.InMenu, Active: form.Active}
	var err error
	if in.CoverImageID, err = web.FormID(form.Cover); err != nil {
		return in, news.Errorf(news.Invalid, "Ảnh bìa phải là số ảnh trong thư viện")
	}
	if form.Tag != "" {
		tag, err := s.store.TagBySlug(r.Context(), vietnamese.Slug(form.Tag))
		if news.ErrorCode(err) == news.NotFound {
			return in, news.Errorf(news.Invalid, "Chưa có thẻ %q; hãy gắn thẻ này cho một bài trước", news.Clip(form.Tag, 60))
		}
		if err != nil {
			return in, err
		}
		in.TagID = tag.ID
	}
	if in.PinnedIDs, err = paper.ParsePins(form.Pins); err != nil {
		return in, err
	}
	if form.Position != "" {
		in.PositionGiven = true
		if in.Position, err = strconv.Atoi(form.Position); err != nil {
			return in, news.Errorf(news.Invalid, "Thứ tự trên menu phải là một số")
		}
	}
	return in, nil
}

// confirmDeleteTopic asks before a topic is deleted: its address will
// answer 404. The stories stay.
func (s *Server) confirmDeleteTopic(w http.ResponseWriter, r *http.Request, ss *session) error {
	t, err := s.pathTopic(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "topic_delete", s.topicForm(r, ss, t, topicForm{}))
}

func (s *Server) deleteTopic(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.Invalid, "Dòng sự kiện không hợp lệ"))
	if err != nil {
		return err
	}
	if err := s.paper.DeleteTopic(r.Context(), actor(ss, r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/dong-su-kien?ok=xoa", http.StatusSeeOther)
	return nil
}
