package vietnamese

import (
	"math"
	"strings"
	"testing"
	"unicode"
)

func TestCheckDiacritics(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		reason string // "" means the text must be accepted
	}{
		// Vietnamese typed without marks.
		{"no marks thanks", "cam on bao da dua tin", ReasonNoMarks},
		{"no marks praise", "bai viet rat hay va bo ich", ReasonNoMarks},
		{"no marks hometown", "toi la nguoi ha tinh", ReasonNoMarks},
		{"no marks greeting capitalised", "Chuc mung nam moi", ReasonNoMarks},
		{"three bare words", "toi dong y", ReasonNoMarks},
		{"no marks shouting", "CAM ON BAO DA DUA TIN", ReasonNoMarks},
		{"mostly bare, two words marked", "toi thay bài viết nay rat hay", ReasonNoMarks},
		{"no marks with a link", "xem them o day https://example.com/bai-viet nhe", ReasonNoMarks},

		// Telex and VNI leftovers.
		{"telex tone at the end", "tieengs Vieetj", ReasonTelex},
		{"vni circumflex", "Kho6ng", ReasonTelex},
		{"vni horn and d", "d9u7a", ReasonTelex},
		{"telex dd and w", "ddwa", ReasonTelex},
		{"telex duong", "dduwowngf", ReasonTelex},
		{"telex nguoi", "nguwowif", ReasonTelex},
		{"telex inside accented text", "Bài viết rất hay, cảm ơn tác giả nhieefu", ReasonTelex},
		{"telex vowel keys only", "baif vieet naay raat hay", ReasonTelex},
		{"vni sentence", "ba2i vie61t ra61t hay", ReasonTelex},

		// Correct Vietnamese, any length.
		{"short reply", "Đúng vậy", ""},
		{"exclamation", "Hay quá!", ""},
		{"thanks", "Cảm ơn báo", ""},
		{"numbers", "Đường ĐT.8 dài 12 km", ""},
		{"name", "Anh Nguyễn Văn A ở xã Thạch Lạc", ""},
		{"link", "Xem thêm tại https://example.com/bai-viet", ""},
		{"quoted foreign word", "Sản phẩm OCOP được gắn mã QR", ""},
		{"acronyms", "UBND và HĐND xã đã họp bàn về NTM", ""},
		{"emoji", "Quê mình đẹp quá 😍👍", ""},
		{"decomposed input", nfd("Cảm ơn báo đã đưa tin"), ""},
		{"chatty, many bare words", "Anh em mình ai cũng mong cho con đường sớm xong", ""},
		{"english words of telex shape", "Tối qua quán beer ở Thành Sen đông quá, see you nhé", ""},
		{"english words in praise", "Bài hát này hot quá, top 1 luôn rồi", ""},
		{"loanwords", "Mình xem clip trên Facebook và Zalo rồi, share cho bạn bè", ""},
		{"model numbers", "Xe U23 đi Vinh, điện thoại iphone6 và xe Lead125, cúm H5N1", ""},
		{"unaccented club name", "Trận này Hoang Anh Gia Lai đá hay thật", ""},
		{"email", "Gửi bài về toasoan@example.com nhé các bạn", ""},
		{"english titles", "Tối nay xem phim Moon Knight với See You Again nhé", ""},
		{"english words with tone letters", "Mình đi bus từ Vinh về, gas xe hết giữa đường", ""},
		{"english words with f", "Món beef steak ở nhà hàng này ngon, chef nấu khéo", ""},
		{"loanword sofa", "Ghế sofa nhà mình mua ở Hà Tĩnh, giá 5 triệu", ""},
		{"foreign name with j", "Taj Mahal đẹp quá", ""},
		{"shouting with marks", "CẢM ƠN BÁO ĐÃ ĐƯA TIN", ""},
		{"chat abbreviations", "đc r, cảm ơn ad", ""},
		{"bare names and places", "Tran Thi B o xa Thach Lac", ReasonNoMarks},

		// Nothing or too little to judge.
		{"empty", "", ""},
		{"thumbs up", "👍", ""},
		{"percent", "100%", ""},
		{"dots", "...", ""},
		{"only a link", "https://example.com/bai-viet", ""},
		{"ok", "ok", ""},
		{"hay", "hay", ""},
		{"two names", "Anh Minh", ""},
		{"common bare words only", "anh em cho con", ""},
		{"two bare words", "dong y", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckDiacritics(tt.in)
			checkVerdict(t, tt.in, got)
			if got.Reason != tt.reason {
				t.Errorf("CheckDiacritics(%q) = %+v, want reason %q", tt.in, got, tt.reason)
			}
		})
	}
}

// checkVerdict fails t when v is not a well-formed Verdict: Reason empty
// exactly when OK, the Message that goes with the Reason, Score in [0, 1].
func checkVerdict(t *testing.T, in string, v Verdict) {
	t.Helper()
	wantMsg := map[string]string{"": "", ReasonNoMarks: MessageNoMarks, ReasonTelex: MessageTelex}
	msg, known := wantMsg[v.Reason]
	switch {
	case v.OK != (v.Reason == ""):
		t.Fatalf("CheckDiacritics(%q) = %+v: OK and Reason disagree", in, v)
	case !known || v.Message != msg:
		t.Fatalf("CheckDiacritics(%q) = %+v: unknown reason or wrong message", in, v)
	case math.IsNaN(v.Score) || v.Score < 0 || v.Score > 1:
		t.Fatalf("CheckDiacritics(%q) = %+v: score outside [0, 1]", in, v)
	}
}

func TestCheckDiacriticsScore(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want float64
	}{
		{"nothing to judge", "👍 100%", 1},
		{"all marked", "Cảm ơn báo", 1},
		{"none marked", "cam on bao", 0},
		{"half", "Cảm on", 0.5},
		{"acronyms and links left out", "UBND xã https://a.vn/b", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckDiacritics(tt.in).Score; got != tt.want {
				t.Errorf("CheckDiacritics(%q).Score = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestCheckDiacriticsAllocations(t *testing.T) {
	if n := testing.AllocsPerRun(50, func() { _ = CheckDiacritics(benchComment) }); n != 0 {
		t.Errorf("CheckDiacritics of an NFC comment allocates %v times, want 0", n)
	}
}

// TestShapeOf checks the shortcut shapeOf takes for Vietnamese letters
// against the unicode package, for every letter the fold table knows.
func TestShapeOf(t *testing.T) {
	for r := rune(0); r <= 0x1EFF; r++ {
		if vietnameseBase(r) == 0 {
			continue
		}
		sh := shapeOf(string(r))
		if sh.letters != 1 || (sh.lower == 1) == unicode.IsUpper(r) || sh.ascii {
			t.Errorf("shapeOf(%q) = %+v, want one non-ASCII letter, lower %v", r, sh, !unicode.IsUpper(r))
		}
	}
}

func TestIsSyllable(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"a", true}, {"nguoi", true}, {"nghieng", true}, {"duong", true},
		{"khuyen", true}, {"quynh", true}, {"quoc", true}, {"gi", true},
		{"giuong", true}, {"khuya", true}, {"xoong", true}, {"yeu", true},
		{"", false}, {"tieengs", false}, {"ke", true}, {"ce", false},
		{"nge", false}, {"nghe", true}, {"ghi", true}, {"ga", true}, {"ge", false},
		{"viet", true}, {"vie", false}, {"tyen", false}, {"ok", false},
		{"book", false}, {"hot", true}, {"stress", false}, {"facebook", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := isSyllable(tt.in); got != tt.want {
				t.Errorf("isSyllable(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestTelexLevel(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"tieengs", keysSure}, {"vieetj", keysSure}, {"ddwa", keysSure},
		{"dduwowngf", keysSure}, {"nguwowif", keysSure}, {"ddi", keysSure},
		{"bafi", keysSure}, {"hocj", keysSure}, {"nawm", keysSure}, {"chuwa", keysSure},
		{"chef", keysSure}, // sure as keystrokes; isEnglishLookalike sets it aside
		{"vieet", keysVowel}, {"tooi", keysVowel}, {"nhw", keysVowel},
		{"now", keysVowel}, {"see", keysVowel},
		{"cas", keysTone}, {"bus", keysTone}, {"box", keysTone}, {"her", keysTone},
		{"law", keysNone}, // ă needs a final consonant
		{"messi", keysNone}, {"facebook", keysNone}, {"stress", keysNone}, {"zalo", keysNone},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := telexLevel(tt.in); got != tt.want {
				t.Errorf("telexLevel(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsVNI(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"kho6ng", true}, {"d9u7a", true}, {"vie65t", true}, {"tie61ng", true},
		{"ngu7o7i2", true}, {"ba2i", true}, {"ca1", true},
		{"u23", false}, {"h5n1", false}, {"mp3", false}, {"covid19", false},
		{"iphone6", false}, {"a1", false}, {"ha0", false}, {"lead125", false},
		{"qla1", false}, {"12km", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := isVNI(tt.in); got != tt.want {
				t.Errorf("isVNI(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Đường ĐT.8 dài 12 km", "Đường|ĐT|8|dài|12|km"},
		{"Xem https://a.vn/b-c tại đây", "Xem|tại|đây"},
		{"“Mùa vàng” – 100%!", "Mùa|vàng|100"},
		{"gửi a@b.vn nhé", "gửi|nhé"},
		{nfd("Việt"), nfd("Việt")},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			for w := range words(tt.in) {
				got = append(got, w)
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("words(%q) = %q, want %q", tt.in, g, tt.want)
			}
		})
	}
}

func FuzzCheckDiacritics(f *testing.F) {
	for _, s := range []string{
		"", "cam on bao da dua tin", "tieengs Vieetj", "Kho6ng", "d9u7a", "ddwa",
		"Đường ĐT.8 dài 12 km", "Xem thêm tại https://example.com/bai-viet",
		nfd("Cảm ơn báo"), "👍", "a\xffb", "UBND HĐND NTM", strings.Repeat("nguwowif ", 50),
		benchComment,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := CheckDiacritics(s)
		checkVerdict(t, s, got)
		if again := CheckDiacritics(s); again != got {
			t.Fatalf("CheckDiacritics(%q) not deterministic: %+v then %+v", s, got, again)
		}
	})
}

func BenchmarkCheckDiacritics(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchComment)))
	for b.Loop() {
		_ = CheckDiacritics(benchComment)
	}
}

// benchComment is a long reader comment of about 500 characters, the size
// premoderation sees at the long end: accented text with a number, an
// acronym, a link and an English word, so every path of the check runs.
const benchComment = `Cảm ơn báo Hà Tĩnh đã phản ánh kịp thời. Con đường ĐT.8 đoạn qua xã Thạch Lạc xuống cấp đã hơn 2 năm nay, mùa mưa thì lầy lội, mùa nắng thì bụi mù mịt, các cháu học sinh đi học rất vất vả. Người dân chúng tôi đã nhiều lần kiến nghị lên UBND xã nhưng chưa thấy hồi âm. Mong các cơ quan chức năng sớm vào cuộc, có kế hoạch sửa chữa trước mùa mưa bão năm nay. Ai quan tâm có thể xem thêm video tại https://example.com/duong-dt8 nhé. Thanks báo nhiều! Chúc báo ngày càng phát triển, có thêm nhiều bài hay.`
