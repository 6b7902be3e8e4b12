package demo

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// PageSeed is one of the demo paper's own pages, linked in the footer in
// the order of Pages.
type PageSeed struct {
	Slug, Title string
	Blocks      []Block // "p" and "h2" only
}

// Pages are the demo paper's "Giới thiệu" and "Liên hệ". Like the rest of
// the demo they describe an invented paper; the contact details
// themselves are the paper's settings, shown in the legal footer.
func Pages() []PageSeed {
	return []PageSeed{
		{Slug: "gioi-thieu", Title: "Giới thiệu", Blocks: []Block{
			{Kind: "p", Text: "Đây là tờ báo mẫu của toasoan, phần mềm làm báo điện tử cho các tòa soạn địa phương. Mọi bài viết, tên người, lời trích dẫn và số liệu trên trang đều do chúng tôi đặt ra để minh họa; chỉ địa danh là các xã, phường có thật của tỉnh Hà Tĩnh."},
			{Kind: "h2", Text: "Một ngày của tòa soạn"},
			{Kind: "p", Text: "Phóng viên viết bài và gửi duyệt, biên tập viên sửa, thư ký tòa soạn hoặc tổng biên tập cho đăng hay hẹn giờ đăng. Mỗi lần lưu là một phiên bản mới, nên tòa soạn luôn biết ai đã sửa gì, vào lúc nào, và có thể khôi phục bản cũ."},
			{Kind: "h2", Text: "Bình luận của bạn đọc"},
			{Kind: "p", Text: "Ý kiến của bạn đọc được biên tập trước khi đăng. Vui lòng gõ tiếng Việt có dấu và giữ lời lẽ văn minh."},
		}},
		{Slug: "lien-he", Title: "Liên hệ", Blocks: []Block{
			{Kind: "p", Text: "Tòa soạn mong nhận được tin, bài, ảnh và ý kiến góp ý của bạn đọc gần xa."},
			{Kind: "h2", Text: "Gửi tin, bài và ảnh"},
			{Kind: "p", Text: "Tin bài cộng tác xin ghi rõ họ tên, địa chỉ và số điện thoại của người viết; ảnh xin ghi tên người chụp, thời gian và nơi chụp. Tòa soạn được biên tập lại bài trước khi đăng."},
			{Kind: "h2", Text: "Địa chỉ tòa soạn"},
			{Kind: "p", Text: "Địa chỉ, số điện thoại và thư điện tử của tòa soạn được in ở chân mỗi trang báo. Trên báo mẫu này, quản trị viên nhập những thông tin đó ở mục Cài đặt báo trong tòa soạn."},
		}},
	}
}

// loadPages stores the demo's pages, linked in the footer.
func (l Loader) loadPages(ctx context.Context) error {
	for i, seed := range Pages() {
		body, err := l.body(ctx, -1, seed.Blocks, nil)
		if err != nil {
			return fmt.Errorf("demo page %s: %w", seed.Slug, err)
		}
		p := news.Page{Slug: seed.Slug, Title: seed.Title, Body: l.Policy.Body(body), ShowInFooter: true, Position: i}
		if err := p.Validate(); err != nil {
			return fmt.Errorf("demo page %s: %w", seed.Slug, err)
		}
		if _, err := l.Store.SavePage(ctx, news.System(), p); err != nil {
			return fmt.Errorf("demo page %s: %w", seed.Slug, err)
		}
	}
	return nil
}

// LegalFooter is what the demo paper prints at the foot of every page, as
// the law asks of an online paper: invented like the rest of the demo (a
// real paper types its own in Cài đặt báo), but shaped as the real ones.
func LegalFooter() map[string]string {
	return map[string]string{
		"governing_body":  "Công ty phần mềm toasoan (báo mẫu)",
		"licence":         "000/GP-BTTTT (số mẫu của báo trình diễn)",
		"licence_date":    "2025-07-01",
		"editor_in_chief": "Trần Thị Minh Châu",
		"address":         "Số 1 đường Trần Phú, phường Thành Sen, tỉnh Hà Tĩnh",
		"phone":           "0239 000 0000",
		"email":           "toasoan@example.vn",
	}
}

// loadLegalFooter writes LegalFooter into the demo paper's settings.
func (l Loader) loadLegalFooter(ctx context.Context) error {
	site, err := l.Store.Site(ctx)
	if err != nil {
		return fmt.Errorf("demo footer: %w", err)
	}
	for key, value := range LegalFooter() {
		*site.Field(key) = value
	}
	if err := site.Validate(); err != nil {
		return fmt.Errorf("demo footer: %w", err)
	}
	if err := l.Store.SaveSite(ctx, news.System(), site); err != nil {
		return fmt.Errorf("demo footer: %w", err)
	}
	return nil
}
