package vietnamese

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	// longTitle folds to 151 bytes; the last '-' within 120 bytes follows
	// "moi" (byte 116).
	const longTitle = "Hà Tĩnh đẩy mạnh chuyển đổi số trong nông nghiệp, " +
		"giúp hàng nghìn hộ dân bán nông sản qua sàn thương mại điện tử " +
		"và tăng thu nhập mỗi năm một cách bền vững"
	tests := []struct {
		name, in, want string
	}{
		{"Nam Đàn example",
			"Nam Đàn nghe chuyện vị quan Hà Tĩnh được đặt tên theo tiếng hổ gầm",
			"nam-dan-nghe-chuyen-vi-quan-ha-tinh-duoc-dat-ten-theo-tieng-ho-gam"},
		{"Nam Đàn example NFD",
			nfd("Nam Đàn nghe chuyện vị quan Hà Tĩnh được đặt tên theo tiếng hổ gầm"),
			"nam-dan-nghe-chuyen-vi-quan-ha-tinh-duoc-dat-ten-theo-tieng-ho-gam"},
		{"empty", "", ""},
		{"only punctuation", " -- !? … ", ""},
		{"only emoji", "🌾🌾", ""},
		{"punctuation inside", "Hà Tĩnh: 5 điều cần biết về mùa lũ, bão!", "ha-tinh-5-dieu-can-biet-ve-mua-lu-bao"},
		{"curly quotes", "“Đặc sản” cu đơ được xuất khẩu", "dac-san-cu-do-duoc-xuat-khau"},
		{"emoji", "🌾 Mùa gặt 🌾 đã về", "mua-gat-da-ve"},
		{"multiple spaces and tabs", "Sông   La \t xanh\n mát", "song-la-xanh-mat"},
		{"leading and trailing punctuation", "...(Ảnh) Vũng Áng!!!", "anh-vung-ang"},
		{"upper case", "THÀNH SEN ĐÓN TẾT", "thanh-sen-don-tet"},
		{"digits and dashes", "COVID-19: 12/3/2020 -- ngày đầu", "covid-19-12-3-2020-ngay-dau"},
		{"tone on second vowel", "Thuỷ lợi Hoà Bình", "thuy-loi-hoa-binh"},
		{"foreign letters become separators", "Øresund và Ñandú", "resund-va-nandu"},
		{"cjk becomes separator", "Hà Tĩnh 河静 tỉnh", "ha-tinh-tinh"},
		{"already a slug", "ha-tinh-2025", "ha-tinh-2025"},
		{"long title cut at a dash",
			longTitle,
			"ha-tinh-day-manh-chuyen-doi-so-trong-nong-nghiep-giup-hang-nghin-ho-dan-ban-nong-san-qua-san-thuong-mai-dien-tu-va-tang"},
		{"word crosses the cap",
			strings.Repeat("a", 119) + " bc",
			strings.Repeat("a", 119)},
		{"word ends exactly at the cap",
			strings.Repeat("ab ", 39) + "xyz end",
			strings.Repeat("ab-", 39) + "xyz"},
		{"120 bytes exactly are kept",
			strings.Repeat("x", 60) + " " + strings.Repeat("y", 59),
			strings.Repeat("x", 60) + "-" + strings.Repeat("y", 59)},
		{"one word longer than the cap is cut hard",
			strings.Repeat("đ", 200),
			strings.Repeat("d", 120)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Slug(tt.in)
			if got != tt.want {
				t.Errorf("Slug(%+q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if len(got) > maxSlug {
				t.Errorf("Slug(%+q) is %d bytes, cap is %d", tt.in, len(got), maxSlug)
			}
		})
	}
}

// checkSlug fails t unless s has the shape every slug must have.
func checkSlug(t *testing.T, in, s string) {
	t.Helper()
	if len(s) > maxSlug {
		t.Fatalf("Slug(%+q) = %q: %d bytes", in, s, len(s))
	}
	if strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		t.Fatalf("Slug(%+q) = %q: stray '-'", in, s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			t.Fatalf("Slug(%+q) = %q: byte %q outside [a-z0-9-]", in, s, c)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{
		"", "Nam Đàn nghe chuyện vị quan Hà Tĩnh được đặt tên theo tiếng hổ gầm",
		"“Đặc sản” 🌾", "---", "a--b", strings.Repeat("Đường ", 30),
		strings.Repeat("x", 119) + " y", nfd("THUỶ LỢI"), "a\xffb", benchParagraph,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		checkSlug(t, s, got)
		if again := Slug(got); again != got {
			t.Fatalf("Slug not idempotent: Slug(%+q) = %q, Slug of that = %q", s, got, again)
		}
	})
}

func BenchmarkSlug(b *testing.B) {
	const title = "Nam Đàn nghe chuyện vị quan Hà Tĩnh được đặt tên theo tiếng hổ gầm"
	b.ReportAllocs()
	b.SetBytes(int64(len(title)))
	for b.Loop() {
		_ = Slug(title)
	}
}
