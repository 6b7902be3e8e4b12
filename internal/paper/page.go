package paper

import (
	"context"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// PageInput is one of the paper's own pages as the newsroom's form or the
// API gives it; an empty slug is made from the title.
type PageInput struct {
	ID            int64 // 0 for a new page
	Title, Slug   string
	Body          string // HTML, sanitized here as an article's body
	ShowInFooter  bool
	Position      int
	PositionGiven bool // false: a new page goes last, a changed one keeps its place
}

// SavePage creates (in.ID 0) or changes a page on actor's authority.
func (s *Service) SavePage(ctx context.Context, actor news.Actor, in PageInput) (news.Page, error) {
	if err := actor.Require(news.ManagePages); err != nil {
		return news.Page{}, err
	}
	if len(in.Body) > news.MaxPageBody {
		return news.Page{}, news.Errorf(news.TooLarge, "Nội dung trang quá dài (tối đa %d MB)", news.MaxPageBody>>20)
	}
	p := news.Page{ID: in.ID, Title: strings.Join(strings.Fields(vietnamese.NFC(in.Title)), " "),
		Body: strings.TrimSpace(s.policy.Body(vietnamese.NFC(in.Body))), ShowInFooter: in.ShowInFooter, Position: in.Position}
	p.Slug = vietnamese.Slug(in.Slug)
	if p.Slug == "" {
		p.Slug = vietnamese.Slug(p.Title)
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	if ReservedSlug(p.Slug) {
		return p, news.Errorf(news.Invalid, "Đường dẫn %q trùng với một trang của hệ thống; hãy chọn đường dẫn khác", p.Slug)
	}
	if !in.PositionGiven {
		var err error
		if p.Position, err = s.pagePosition(ctx, p.ID); err != nil {
			return p, err
		}
	}
	return s.store.SavePage(ctx, actor, p)
}

// pagePosition is where a page whose form gave no place goes: a new page
// after the others, a page that exists where it is.
func (s *Service) pagePosition(ctx context.Context, id int64) (int, error) {
	if id != 0 {
		p, err := s.store.Page(ctx, id)
		return p.Position, err
	}
	pages, err := s.store.Pages(ctx)
	if err != nil || len(pages) == 0 {
		return 0, err
	}
	return min(pages[len(pages)-1].Position+1, news.MaxPagePosition), nil
}

// DeletePage removes page id on actor's authority.
func (s *Service) DeletePage(ctx context.Context, actor news.Actor, id int64) error {
	if err := actor.Require(news.ManagePages); err != nil {
		return err
	}
	return s.store.DeletePage(ctx, actor, id)
}
