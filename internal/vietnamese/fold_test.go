package vietnamese

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfd decomposes s, so tests feed Fold real combining marks rather than
// trusting that a literal in this file happens to be decomposed.
func nfd(s string) string { return norm.NFD.String(s) }

func TestNFC(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii", "Ha Tinh", "Ha Tinh"},
		{"already NFC", "Đường Hòa Bình", "Đường Hòa Bình"},
		{"NFD composes", nfd("Đường Hòa Bình"), "Đường Hòa Bình"},
		{"two marks on one vowel", nfd("người Việt"), "người Việt"},
		{"tone on second vowel stays there", nfd("hoà thuỷ"), "hoà thuỷ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NFC(tt.in); got != tt.want {
				t.Errorf("NFC(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("NFD input is really decomposed", func(t *testing.T) {
		if s := nfd("Hòa"); s == "Hòa" || utf8.RuneCountInString(s) != 4 {
			t.Fatalf("nfd(Hòa) = %+q, want 4 runes", s)
		}
	})
	t.Run("normal input does not allocate", func(t *testing.T) {
		s := "Thành Sen là trung tâm của tỉnh"
		if n := testing.AllocsPerRun(100, func() { _ = NFC(s) }); n != 0 {
			t.Errorf("NFC of NFC text allocates %v times", n)
		}
	})
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"folded ascii", "ha tinh 2025", "ha tinh 2025"},
		{"ascii upper", "OCOP Ha Tinh", "ocop ha tinh"},
		{"example NFC", "Đường Hoà Bình", "duong hoa binh"},
		{"example lower new style", "đường hòa bình", "duong hoa binh"},
		{"example NFD", nfd("Đường Hoà Bình"), "duong hoa binh"},
		{"d with stroke", "Đ đ Đà Nẵng đê điều", "d d da nang de dieu"},
		{"upper case", "CỬA KHẨU QUỐC TẾ CẦU TREO", "cua khau quoc te cau treo"},
		{"upper case NFD", nfd("NGHỆ TĨNH"), "nghe tinh"},
		{"horn and breve", "Ơ ư ă Ư Ă", "o u a u a"},
		{"punctuation kept", "“Mùa vàng” – 100%!", "“mua vang” – 100%!"},
		{"emoji kept", "Lúa 🌾 chín", "lua 🌾 chin"},
		{"other Latin letters", "Müller Ñandú Ça ÅSE", "muller nandu ca ase"},
		{"letters without decomposition", "Øresund Æble ß", "øresund æble ß"},
		{"greek", "ΆΣΤΥ", "αστυ"},
		{"cjk unchanged", "河静省", "河静省"},
		{"hangul decomposes consistently", "한국", nfd("한국")},
		{"invalid utf-8", "a\xffB", "a\uFFFDb"},
		{"lone combining mark", "\u0301a", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldTonePlacement(t *testing.T) {
	pairs := []struct{ name, a, b string }{
		{"hoà hòa", "hoà", "hòa"},
		{"thuỷ thủy", "thuỷ", "thủy"},
		{"khoẻ khỏe", "khoẻ", "khỏe"},
		{"hoá hóa", "hoá", "hóa"},
		{"uỷ ban ủy ban", "Uỷ ban", "Ủy ban"},
		{"NFD against NFC", nfd("Thuỷ lợi"), "thủy lợi"},
	}
	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			if Fold(p.a) != Fold(p.b) {
				t.Errorf("Fold(%+q) = %+q, Fold(%+q) = %+q, want equal", p.a, Fold(p.a), p.b, Fold(p.b))
			}
		})
	}
}

// TestFoldEveryVowelAndTone builds each Vietnamese vowel with each tone from
// combining marks, so no letter is missed by a hand-written list.
func TestFoldEveryVowelAndTone(t *testing.T) {
	vowels := []struct{ base, ascii string }{
		{"a", "a"}, {"ă", "a"}, {"â", "a"}, {"e", "e"}, {"ê", "e"}, {"i", "i"},
		{"o", "o"}, {"ô", "o"}, {"ơ", "o"}, {"u", "u"}, {"ư", "u"}, {"y", "y"},
	}
	tones := []struct{ name, mark string }{
		{"ngang", ""}, {"huyền", "\u0300"}, {"sắc", "\u0301"},
		{"hỏi", "\u0309"}, {"ngã", "\u0303"}, {"nặng", "\u0323"},
	}
	for _, v := range vowels {
		for _, tone := range tones {
			lower := norm.NFC.String(v.base + tone.mark)
			upper := strings.ToUpper(lower)
			for _, form := range []struct{ name, s string }{
				{"lower NFC", lower}, {"upper NFC", upper},
				{"lower NFD", nfd(lower)}, {"upper NFD", nfd(upper)},
			} {
				t.Run(v.base+" "+tone.name+" "+form.name, func(t *testing.T) {
					if got := Fold(form.s); got != v.ascii {
						t.Errorf("Fold(%+q) = %+q, want %q", form.s, got, v.ascii)
					}
					if form.name[len(form.name)-3:] == "NFC" && utf8.RuneCountInString(form.s) != 1 {
						t.Errorf("%+q is not one precomposed letter", form.s)
					}
				})
			}
		}
	}
}

// TestVietnameseTable checks the fast table against the general rule (NFD,
// drop marks, lower case) for every rune it claims, and that it claims all
// 134 Vietnamese letters outside ASCII: 12 vowels with 6 tones, less the 6
// plain ASCII vowels, plus đ, in both cases.
func TestVietnameseTable(t *testing.T) {
	count := 0
	for r := rune(0x80); r <= 0x1EF9; r++ {
		got := vietnameseBase(r)
		if got == 0 {
			continue
		}
		count++
		want := strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Mn, r) {
				return -1
			}
			return unicode.ToLower(r)
		}, nfd(string(r)))
		if r == 'đ' || r == 'Đ' {
			want = "d"
		}
		if string(got) != want {
			t.Errorf("vietnameseBase(%q) = %q, want %q", r, got, want)
		}
		if !HasVietnameseMarks(string(r)) {
			t.Errorf("HasVietnameseMarks(%q) = false", r)
		}
	}
	if count != 134 {
		t.Errorf("table holds %d letters, want 134", count)
	}
}

// referenceFold is the slow, obvious definition of Fold, applied until
// nothing changes: NFD, drop nonspacing marks, đ→d, lower case.
func referenceFold(s string) string {
	for range 5 {
		next := strings.Map(func(r rune) rune {
			switch {
			case unicode.Is(unicode.Mn, r):
				return -1
			case r == 'đ' || r == 'Đ':
				return 'd'
			}
			return unicode.ToLower(r)
		}, nfd(s))
		if next == s {
			break
		}
		s = next
	}
	return s
}

// TestFoldEveryRune checks Fold against referenceFold for every Unicode
// scalar value, which covers the table, the Hangul algorithm and the
// decompositions read from norm's tables.
func TestFoldEveryRune(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode: walks all of Unicode")
	}
	bad := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if got, want := Fold(s), referenceFold(s); got != want {
			t.Errorf("Fold(%+q) = %+q, want %+q", s, got, want)
			if bad++; bad == 20 {
				t.Fatal("too many differences")
			}
		}
	}
}

func TestHasVietnameseMarks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"empty", "", false},
		{"unaccented", "Tinh Ha Tinh OCOP", false},
		{"telex leftovers", "tieengs Vieetj ddwa", false},
		{"one tone", "nhà", true},
		{"horn only", "ơ", true},
		{"d with stroke only", "Đi", true},
		{"NFD", nfd("người"), true},
		{"NFD tone only", nfd("ì"), true},
		{"german umlaut", "Müller", false},
		{"german umlaut NFD", nfd("Müller"), false},
		{"spanish", "Ñandú", true},
		{"emoji", "🌾", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HasVietnameseMarks(tt.in); got != tt.want {
				t.Errorf("HasVietnameseMarks(%+q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldAllocations(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  float64
	}{
		{"folded ascii is returned as is", "ha tinh mua lua", 0},
		{"article body allocates once", benchParagraph, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(50, func() { _ = Fold(tt.in) }); n > tt.max {
				t.Errorf("Fold allocates %v times, want at most %v", n, tt.max)
			}
		})
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"", "ha tinh", "Đường Hoà Bình", nfd("Đường Hoà Bình"), "THUỶ LỢI", "“Mùa vàng” 🌾",
		"Øresund ΆΣΤΥ 한국", "a\xffb", "\u0301", "ǅ ẞ İ \u2126 \u212A \u212B", benchParagraph[:300],
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%+q) = %+q, not valid UTF-8", s, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent: Fold(%+q) = %+q, Fold of that = %+q", s, got, again)
		}
		if c, d := Fold(norm.NFC.String(s)), Fold(norm.NFD.String(s)); c != d {
			t.Fatalf("Fold(NFC(%+q)) = %+q, Fold(NFD) = %+q", s, c, d)
		}
		if n := NormalizeTone(s); Fold(n) != got {
			t.Fatalf("NormalizeTone(%+q) = %+q changes letters: Fold %+q, want %+q", s, n, Fold(n), got)
		}
	})
}

func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchParagraph)))
	for b.Loop() {
		_ = Fold(benchParagraph)
	}
}

// benchParagraph is a news item of about 3 KB in ordinary Vietnamese, mixing
// both tone placements, the shape of text Fold runs over all day.
const benchParagraph = `Những ngày cuối tháng Năm, trên các cánh đồng ven sông Ngàn Sâu, bà con nông dân tất bật thu hoạch lúa xuân. Năm nay thời tiết thuận lợi, sâu bệnh ít, nhiều hợp tác xã ước đạt năng suất trên sáu tấn mỗi héc-ta, cao hơn vụ trước gần nửa tấn. Ông Nguyễn Văn Hoà, một xã viên đã gắn bó với ruộng đồng hơn bốn mươi năm, vừa lau mồ hôi vừa kể rằng chưa bao giờ việc gặt hái lại nhẹ nhàng như bây giờ: máy gặt đập liên hợp chạy từ sáng sớm, chỉ vài giờ là xong cả một cánh đồng mẫu lớn. Lúa được chở thẳng về sân phơi của hợp tác xã, thương lái đến tận nơi thu mua với giá ổn định.

Bên cạnh cây lúa, người dân còn mạnh dạn chuyển đổi những chân ruộng trũng, kém hiệu quả sang nuôi cá, trồng sen và các loại rau màu ngắn ngày. Chị Trần Thị Thuỷ cho biết gia đình chị đã thuê thêm hai mẫu ruộng để làm mô hình lúa kết hợp nuôi vịt, mỗi năm cho thu nhập khá. Sản phẩm gạo sạch của tổ hợp tác nay đã đạt chứng nhận OCOP ba sao, có mặt ở nhiều cửa hàng trong và ngoài tỉnh.

Theo lãnh đạo phòng kinh tế, để giữ vững đà tăng trưởng, địa phương tiếp tục khuyến khích tích tụ ruộng đất, đầu tư hệ thống kênh mương nội đồng và hỗ trợ nông dân tiếp cận giống mới chịu hạn, chịu mặn. Những năm gần đây, thời tiết ngày càng khắc nghiệt: nắng nóng kéo dài, lũ lụt xảy ra bất thường, nên việc chủ động lịch thời vụ có ý nghĩa quyết định. Ngành nông nghiệp khuyến cáo bà con gieo cấy tập trung, thu hoạch nhanh gọn theo phương châm “xanh nhà hơn già đồng”, tránh để lúa chín lâu ngoài ruộng khi mùa mưa bão đến gần.

Chiều muộn, khi những chuyến xe chở lúa cuối cùng rời cánh đồng, tiếng cười nói vẫn rộn ràng khắp thôn xóm. Với người nông dân, một vụ mùa bội thu không chỉ là niềm vui trước mắt mà còn là động lực để họ yên tâm bám đất, bám làng, góp phần xây dựng quê hương ngày càng khởi sắc, đời sống ấm no, hạnh phúc.

Cũng trong dịp này, Uỷ ban nhân dân xã tổ chức hội nghị tổng kết, khen thưởng những hộ sản xuất giỏi và bàn kế hoạch cho vụ hè thu sắp tới. Các đại biểu thống nhất sẽ sớm sửa chữa trạm bơm, nạo vét kênh dẫn nước để bảo đảm đủ nước tưới, đồng thời vận động người dân giữ gìn vệ sinh đồng ruộng, thu gom vỏ chai thuốc bảo vệ thực vật đúng nơi quy định.`
