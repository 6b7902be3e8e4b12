package popup_test

import (
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/popup"
)

var hanoi = time.FixedZone("GMT+7", 7*3600)

func valid() popup.Form {
	return popup.Form{Title: "Bão số 5", Body: "Người dân không ra khơi.\r\nTheo dõi tin trên báo.", Link: "https://baohatinh.vn/bao",
		StartsAt: "2026-11-29T08:00", EndsAt: "2026-11-30T08:00", Pages: "all", Frequency: "daily"}
}

func TestParse(t *testing.T) {
	t.Parallel()
	p, err := popup.Parse(valid(), hanoi)
	if err != nil {
		t.Fatal(err)
	}
	if !p.StartsAt.Equal(time.Date(2026, 11, 29, 1, 0, 0, 0, time.UTC)) || p.Body != "Người dân không ra khơi.\nTheo dõi tin trên báo." ||
		p.Pages != news.PopupAllPages || p.Frequency != news.PopupDaily {
		t.Fatalf("Parse = %+v", p)
	}
	tests := []struct {
		name   string
		change func(f *popup.Form)
		want   string
	}{
		{"no title", func(f *popup.Form) { f.Title = "  " }, "tiêu đề"},
		{"title on two lines", func(f *popup.Form) { f.Title = "Bão\nsố 5" }, "Tiêu đề"},
		{"long text", func(f *popup.Form) { f.Body = strings.Repeat("a", 2001) }, "2.000"},
		{"end before start", func(f *popup.Form) { f.EndsAt = "2026-11-28T08:00" }, "kết thúc phải sau"},
		{"end at start", func(f *popup.Form) { f.EndsAt = f.StartsAt }, "kết thúc phải sau"},
		{"no start", func(f *popup.Form) { f.StartsAt = "" }, "bắt đầu"},
		{"bad end", func(f *popup.Form) { f.EndsAt = "30/11/2026" }, "kết thúc"},
		{"script link", func(f *popup.Form) { f.Link = "javascript:alert(1)" }, "Liên kết"},
		{"other scheme", func(f *popup.Form) { f.Link = "ftp://baohatinh.vn/x" }, "Liên kết"},
		{"protocol-relative link", func(f *popup.Form) { f.Link = "//evil.example/x" }, "Liên kết"},
		{"backslash link", func(f *popup.Form) { f.Link = `/\evil.example` }, "Liên kết"},
		{"link with space", func(f *popup.Form) { f.Link = "https://bao.vn/a b" }, "Liên kết"},
		{"image not a number", func(f *popup.Form) { f.ImageID = "ảnh 5" }, "Số ảnh"},
		{"negative image", func(f *popup.Form) { f.ImageID = "-5" }, "Số ảnh"},
		{"bad id", func(f *popup.Form) { f.ID = "abc" }, "không hợp lệ"},
		{"bad pages", func(f *popup.Form) { f.Pages = "sidebar" }, "trang"},
		{"bad frequency", func(f *popup.Form) { f.Frequency = "always" }, "mức độ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := valid()
			tt.change(&f)
			_, err := popup.Parse(f, hanoi)
			if news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), tt.want) {
				t.Fatalf("Parse = %v, want a refusal about %q", err, tt.want)
			}
		})
	}
	for _, link := range []string{"", "/thoi-tiet", "/bao-so-5-post12.html?x=1", "http://baohatinh.vn"} {
		f := valid()
		f.Link = link
		if _, err := popup.Parse(f, hanoi); err != nil {
			t.Errorf("link %q refused: %v", link, err)
		}
	}
}

func TestExpiry(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 16, 30, 0, 0, time.UTC) // 23:30 in Hà Tĩnh
	tests := []struct {
		f    news.PopupFrequency
		want time.Time
	}{
		{news.PopupOnce, now.AddDate(1, 0, 0)},
		{news.PopupDaily, time.Date(2026, 11, 29, 17, 0, 0, 0, time.UTC)}, // midnight there
		{news.PopupVisit, now.Add(2 * time.Hour)},
	}
	for _, tt := range tests {
		if got := popup.Expiry(tt.f, now, hanoi); !got.Equal(tt.want) {
			t.Errorf("Expiry(%s) = %v, want %v", tt.f, got, tt.want)
		}
	}
}

func TestClosedCookie(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_800_000_000, 0)
	c := popup.ParseClosed("5-1800000100.7-1799999999.x-1.9-abc.-5..12-1800009999", now)
	if !c.Has(5) || c.Has(7) || !c.Has(12) || len(c) != 2 {
		t.Fatalf("ParseClosed = %v: want 5 and 12 (7 ran out, the rest is junk)", c)
	}
	if got := c.Value(); got != "5-1800000100.12-1800009999" {
		t.Fatalf("Value = %q", got)
	}
	if !c.Expires().Equal(time.Unix(1800009999, 0)) {
		t.Fatalf("Expires = %v", c.Expires())
	}
	for i := range int64(20) {
		c[100+i] = now.Add(time.Duration(i) * time.Hour)
	}
	back := popup.ParseClosed(c.Value(), now)
	if len(back) != 10 || !back.Has(119) || back.Has(5) {
		t.Fatalf("a full cookie keeps the 10 closings that last longest: %v", back)
	}
}
