// Package paper is the one front door to how the paper is organised: its
// sections, the bylines of its people and its own pages (Giới thiệu, Liên
// hệ). The newsroom's pages and the API both come through it, so a
// section, an author or a page is checked by the same rules whichever way
// it is made.
package paper

import (
	"context"
	"slices"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Service carries out what concerns sections, authors and pages.
type Service struct {
	store  *store.Store
	policy *richtext.Policy // a page's body, as an article's
}

// New returns the service over s.
func New(s *store.Store) *Service { return &Service{store: s, policy: richtext.NewPolicy()} }

// SectionInput is a section as the administrators' form or the API gives
// it; an empty slug is made from the name.
type SectionInput struct {
	ID            int64 // 0 for a new section
	Name, Slug    string
	Description   string
	ParentID      int64
	Position      int
	PositionGiven bool // false: a new section goes last, a changed one keeps its place
}

// SaveSection creates (in.ID 0) or changes a section on actor's authority.
func (s *Service) SaveSection(ctx context.Context, actor news.Actor, in SectionInput) (news.Section, error) {
	if err := actor.Require(news.ManageSections); err != nil {
		return news.Section{}, err
	}
	sec := news.Section{ID: in.ID, Name: strings.Join(strings.Fields(vietnamese.NFC(in.Name)), " "),
		Description: strings.TrimSpace(vietnamese.NFC(in.Description)), ParentID: in.ParentID, Position: in.Position}
	sec.Slug = vietnamese.Slug(in.Slug)
	if sec.Slug == "" {
		sec.Slug = vietnamese.Slug(sec.Name)
	}
	if err := sec.Validate(); err != nil {
		return sec, err
	}
	if ReservedSlug(sec.Slug) {
		return sec, news.Errorf(news.Invalid, "Đường dẫn %q trùng với một trang của hệ thống", sec.Slug)
	}
	all, err := s.store.Sections(ctx)
	if err != nil {
		return sec, err
	}
	if err := checkParent(all, sec); err != nil {
		return sec, err
	}
	if sec.ID == 0 {
		if !in.PositionGiven {
			sec.Position = len(all)
		}
		return s.store.CreateSection(ctx, actor, sec)
	}
	i := slices.IndexFunc(all, func(x news.Section) bool { return x.ID == sec.ID })
	if i < 0 {
		return sec, news.Errorf(news.NotFound, "Không tìm thấy chuyên mục")
	}
	if !in.PositionGiven {
		sec.Position = all[i].Position
	}
	return sec, s.store.UpdateSection(ctx, actor, sec)
}

// checkParent refuses a parent that does not exist or that sits under
// the section itself, which would make a loop.
func checkParent(all []news.Section, sec news.Section) error {
	parent := sec.ParentID
	for steps := 0; parent != 0; steps++ {
		if parent == sec.ID && sec.ID != 0 || steps > len(all) {
			return news.Errorf(news.Invalid, "Chuyên mục không thể nằm dưới chính nó")
		}
		i := slices.IndexFunc(all, func(x news.Section) bool { return x.ID == parent })
		if i < 0 {
			return news.Errorf(news.Invalid, "Chuyên mục cha không tồn tại")
		}
		parent = all[i].ParentID
	}
	return nil
}

// ReservedSlug keeps section URLs off the paths the site itself uses.
func ReservedSlug(slug string) bool {
	switch slug {
	case "toasoan", "api", "static", "media", "tac-gia", "healthz", "rss", "tim-kiem", "thoi-tiet", "sitemap",
		"thong-bao", "bai-viet", "binh-luan", "xem-truoc", "robots-txt", "favicon-ico", "dong-su-kien",
		"tv", "phat-thanh", "truc-tuyen", "chia-se":
		return true
	}
	return false
}
