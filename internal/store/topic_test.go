package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// A topic is written whole with its pins, in NFC; it announces its own
// key, and the site's when the menu changes; its page lists the published
// pins in order, then the tag's other stories newest first, paged.
func TestTopics(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s) // five stories tagged "duong-lang", oldest first, and a draft
		heard := heardKeys(s)
		tag := p.articles[0].Tags[0]
		draft, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: "nhap", Title: "Nháp", SectionID: p.thoiSu.ID, Status: news.Draft,
			Tags: []news.Tag{tag}})
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: "khac", Title: "Bài khác", SectionID: p.thoiSu.ID,
			Status: news.Published, PublishedAt: p.day0.AddDate(0, 0, 9)})
		if err != nil {
			t.Fatal(err)
		}
		topic, err := s.SaveTopic(ctx, news.System(), news.Topic{Slug: "bao-so-3", Title: norm.NFD.String("Bão số 3"),
			Intro: norm.NFD.String("Diễn biến <b>cơn bão</b>."), TagID: tag.ID, PinnedIDs: []int64{p.articles[1].ID, other.ID}, Active: true, InMenu: true})
		if err != nil {
			t.Fatal(err)
		}
		if keys := heard(); !slices.Contains(keys, string(news.TopicKey(topic.ID))) || !slices.Contains(keys, "site") {
			t.Errorf("a new topic in the menu announced %q", keys)
		}
		stored, err := s.TopicBySlug(ctx, "bao-so-3")
		if err != nil || stored.Title != "Bão số 3" || !norm.NFC.IsNormalString(stored.Intro) || stored.Intro != "Diễn biến <b>cơn bão</b>." ||
			!slices.Equal(stored.PinnedIDs, []int64{p.articles[1].ID, other.ID}) || stored.TagID != tag.ID || !stored.Active {
			t.Fatalf("read back: %+v %v", stored, err)
		}
		if menu, err := s.MenuTopics(ctx); err != nil || len(menu) != 1 || menu[0].Slug != "bao-so-3" {
			t.Fatalf("menu: %+v %v", menu, err)
		}

		pinned, rest, total, err := s.TopicStories(ctx, stored, 2, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Pinned in the editors' order; the rest is the tag's published
		// stories newest first, without the pinned one nor the draft.
		want := []int64{p.articles[4].ID, p.articles[3].ID}
		if !slices.Equal(ids(pinned), []int64{p.articles[1].ID, other.ID}) || !slices.Equal(ids(rest), want) || total != 4 {
			t.Fatalf("stories: pinned %v, rest %v of %d; want rest %v of 4", ids(pinned), ids(rest), total, want)
		}
		if _, rest, _, _ = s.TopicStories(ctx, stored, 2, 2); !slices.Equal(ids(rest), []int64{p.articles[2].ID, p.articles[0].ID}) {
			t.Errorf("second page: %v", ids(rest))
		}

		// Out of the menu: the site's key goes with the change; a pinned
		// story unpublished leaves the page.
		stored.InMenu = false
		if _, err := s.SaveTopic(ctx, news.System(), stored); err != nil {
			t.Fatal(err)
		}
		if keys := heard(); !slices.Contains(keys, "site") {
			t.Errorf("a topic leaving the menu announced %q", keys)
		}
		if menu, _ := s.MenuTopics(ctx); len(menu) != 0 {
			t.Errorf("the kept menu did not follow: %+v", menu)
		}
		stored.Title = "Bão số 3 (Yagi)"
		if _, err := s.SaveTopic(ctx, news.System(), stored); err != nil {
			t.Fatal(err)
		}
		if keys := heard(); slices.Contains(keys, "site") {
			t.Errorf("a topic outside the menu dropped every page: %q", keys)
		}

		// Refusals write nothing.
		before, err := s.Topic(ctx, topic.ID)
		if err != nil {
			t.Fatal(err)
		}
		tooMany := make([]int64, news.MaxTopicPins+1)
		for i := range tooMany {
			tooMany[i] = int64(1000 + i)
		}
		for name, c := range map[string]struct {
			topic news.Topic
			code  news.Code
			says  string
		}{
			"draft":    {news.Topic{ID: topic.ID, Slug: "bao-so-3", Title: "Bão", PinnedIDs: []int64{p.articles[0].ID, draft.ID}}, news.Invalid, "chưa đăng"},
			"unknown":  {news.Topic{ID: topic.ID, Slug: "bao-so-3", Title: "Bão", PinnedIDs: []int64{p.articles[0].ID, 99999}}, news.Invalid, "Không có bài"},
			"too many": {news.Topic{ID: topic.ID, Slug: "bao-so-3", Title: "Bão", PinnedIDs: tooMany}, news.Invalid, "tối đa 10"},
			"no title": {news.Topic{ID: topic.ID, Slug: "bao-so-3"}, news.Invalid, "tên"},
		} {
			_, err := s.SaveTopic(ctx, news.System(), c.topic)
			if news.ErrorCode(err) != c.code || !strings.Contains(news.ErrorMessage(err), c.says) {
				t.Errorf("%s: %v, want %s saying %q", name, err, c.code, c.says)
			}
		}
		if after, err := s.Topic(ctx, topic.ID); err != nil || after.Title != before.Title || !slices.Equal(after.PinnedIDs, before.PinnedIDs) {
			t.Errorf("a refused save changed the topic: %+v %v", after, err)
		}
		_, err = s.SaveTopic(ctx, news.System(), news.Topic{Slug: "bao-so-3", Title: "Bão khác"})
		if news.ErrorCode(err) != news.Conflict || !strings.Contains(news.ErrorMessage(err), "/dong-su-kien/bao-so-3") {
			t.Errorf("a taken slug: %v", err)
		}
		if all, _ := s.Topics(ctx); len(all) != 1 {
			t.Errorf("a refused topic was written: %+v", all)
		}

		// A topic with no tag shows only its pins; an ended one leaves the
		// reader's list of topics.
		ended, err := s.SaveTopic(ctx, news.System(), news.Topic{Slug: "ky-hop", Title: "Kỳ họp", PinnedIDs: []int64{other.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if pinned, rest, total, err := s.TopicStories(ctx, ended, 20, 0); err != nil || len(pinned) != 1 || len(rest) != 0 || total != 0 {
			t.Errorf("a topic without a tag: %v %v %d %v", ids(pinned), ids(rest), total, err)
		}
		if active, _ := s.ActiveTopics(ctx); len(active) != 1 || active[0].ID != topic.ID {
			t.Errorf("active topics: %+v", active)
		}

		if err := s.DeleteTopic(ctx, news.System(), topic.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Topic(ctx, topic.ID); news.ErrorCode(err) != news.NotFound {
			t.Errorf("a deleted topic: %v", err)
		}
		if err := s.DeleteTopic(ctx, news.System(), topic.ID); news.ErrorCode(err) != news.NotFound {
			t.Errorf("deleting it again: %v", err)
		}
	})
}
