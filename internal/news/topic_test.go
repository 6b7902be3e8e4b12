package news

import (
	"slices"
	"strings"
	"testing"
)

func TestTopicValidate(t *testing.T) {
	t.Parallel()
	good := Topic{Title: "Bão số 3", Slug: "bao-so-3", Intro: "Diễn biến cơn bão.", PinnedIDs: []int64{4, 2}}
	if err := good.Validate(); err != nil {
		t.Fatalf("a good topic: %v", err)
	}
	pins := make([]int64, MaxTopicPins+1)
	for i := range pins {
		pins[i] = int64(i + 1)
	}
	bad := map[string]Topic{
		"tên":           {Slug: "a"},
		"trên một dòng": {Title: "Bão\nsố 3", Slug: "a"},
		"thẻ HTML":      {Title: "<b>Bão</b>", Slug: "a"},
		"dài tối đa":    {Title: strings.Repeat("ă", MaxTopicTitle+1), Slug: "a"},
		"cần có chữ":    {Title: "Bão"},
		"chữ thường":    {Title: "Bão", Slug: "Bao So"},
		"giới thiệu":    {Title: "Bão", Slug: "a", Intro: strings.Repeat("ê", MaxTopicIntro+1)},
		"tối đa 10":     {Title: "Bão", Slug: "a", PinnedIDs: pins},
		"hai lần":       {Title: "Bão", Slug: "a", PinnedIDs: []int64{3, 3}},
		"không hợp lệ":  {Title: "Bão", Slug: "a", PinnedIDs: []int64{-1}},
		"menu":          {Title: "Bão", Slug: "a", Position: -1},
	}
	for want, topic := range bad {
		err := topic.Validate()
		if ErrorCode(err) != Invalid || !strings.Contains(ErrorMessage(err), want) {
			t.Errorf("%+v: %v, want Invalid mentioning %q", topic, err, want)
		}
	}
}

func TestTopicChangeKeys(t *testing.T) {
	t.Parallel()
	off := &Topic{ID: 5, Title: "Bầu cử", Slug: "bau-cu"}
	on := &Topic{ID: 5, Title: "Bầu cử", Slug: "bau-cu", InMenu: true}
	renamed := &Topic{ID: 5, Title: "Bầu cử 2026", Slug: "bau-cu", InMenu: true}
	cases := []struct {
		before, after *Topic
		site          bool
	}{
		{nil, off, false}, {nil, on, true}, {off, off, false}, {off, on, true}, {on, renamed, true}, {on, on, false}, {on, nil, true},
	}
	for _, c := range cases {
		keys := TopicChangeKeys(5, c.before, c.after)
		if !slices.Contains(keys, TopicKey(5)) || !slices.Contains(keys, TopicsKey) || slices.Contains(keys, SiteKey) != c.site {
			t.Errorf("%+v -> %+v: %v, site key %v", c.before, c.after, keys, c.site)
		}
	}
}
