package comment_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// ordinaryComments are what readers of a provincial paper write under its
// news, many of them folding into the starter list's insults ("đồ ngủ",
// "do ngủ gật", "cho ma", "óc chó" the walnut, "chó đẻ" a dog's litter).
var ordinaryComments = []string{
	"Tối nay tôi đi ngủ sớm để mai dậy sớm đi chợ.",
	"Chúc cả nhà ngủ ngon, cảm ơn báo đã đưa tin.",
	"Con đường mới giúp bà con đi lại thuận tiện hơn nhiều.",
	"Giá lợn hơi tuần này tăng, người chăn nuôi mừng lắm.",
	"Nhà tôi nuôi một con chó mực rất khôn.",
	"Chợ phiên cuối năm ở Thành Sen đông vui quá.",
	"Tai nạn xảy ra do ngủ gật khi lái xe, mọi người cẩn thận.",
	"Mùa đông rồi, nhớ mua đồ ngủ ấm cho các cháu.",
	"Ăn quả óc chó mỗi ngày rất tốt cho sức khỏe.",
	"Bà con trong xóm đốt vàng mã cho ma là mê tín.",
	"Đội ngũ y bác sĩ bệnh viện tỉnh làm việc rất tận tâm.",
	"Ngữ pháp tiếng Việt trong bài viết rất chuẩn.",
	"Ông bà tôi ngụ ở xã Thạch Lạc đã hơn 50 năm.",
	"Các cháu học sinh được nghỉ học do mưa lũ.",
	"Buổi họp dân tối qua bàn về đường làng.",
	"Quả bưởi Phúc Trạch năm nay được mùa, giá tốt.",
	"Tôi ủng hộ việc xử lý nghiêm các sai phạm.",
	"Con đò qua sông Lam ngày xưa giờ đã có cầu.",
	"Lớn lên ở quê, tôi thấy Hà Tĩnh đổi thay từng ngày.",
	"Lon bia, chai nhựa vứt bừa bãi trên bãi biển Thiên Cầm, buồn quá.",
	"Cậu bé đi lạc đã được công an phường đưa về nhà an toàn.",
	"Con chó nhà tôi đẻ được năm con, con chó đẻ khỏe lắm.",
	"Đề nghị tỉnh sớm sửa con đường này, đi lại khó khăn quá.",
	"Thuỷ lợi nội đồng được đầu tư, bà con phấn khởi.",
	"Hoà bình, no ấm là mong ước của mọi nhà.",
	"Mấy đứa nhỏ ngủ trưa xong mới đi học.",
	"Chợ Hà Tĩnh sáng nay bán nhiều cá tươi.",
	"Ông ấy ngủ quên nên lỡ chuyến xe về quê.",
	"Bạn đọc cho hỏi thủ tục cấp đổi căn cước ở đâu ạ?",
	"Trâu bò thả rông trên quốc lộ rất nguy hiểm.",
	"Người dân còn ngu ngơ vì thiếu thông tin, cần được hướng dẫn.",
	"Đi chợ mua con lợn về làm cỗ Tết.",
	"Trời rét đậm, bà con nhớ che chắn chuồng trại cho trâu bò, lợn gà.",
	"Con đi học về chưa? Mẹ nấu cơm rồi.",
	"Các buổi tập huấn cho nông dân rất bổ ích.",
	"Bà đỡ ở trạm y tế xã đã giúp đẻ an toàn cho hàng trăm sản phụ.",
	"Đường đi Vũng Áng sáng nay kẹt xe, đề nghị phân luồng.",
	"Chó mèo thả rông cần được quản lý chặt hơn.",
}

// flaggedOrdinary are ordinary comments whose unmarked words fold into a
// listed phrase ("cho ma" is also "chó má" written without its marks):
// FindWord flags them for the moderator, never refuses them.
var flaggedOrdinary = map[string]bool{
	"Bà con trong xóm đốt vàng mã cho ma là mê tín.": true,
}

// insults must be refused however they are typed.
var insults = []string{
	"Đồ ngu",
	norm.NFD.String("Đồ ngu"),
	"ĐỒ NGU",
	"đồ    ngu !!!",
	"Thằng ngu này viết bài như vậy à",
	"Ngu như bò, bình luận làm gì",
	"Đ.ồ n.g.u",
	norm.NFD.String("Tác giả đúng là đồ óc chó"),
	"Đồ mất dạy, về học lại đi",
	"Chó má thật",
	"Bài này viết như cặc",
	"Đụ má bọn này",
	"Đm, viết gì thế này",
	"Bài này DCM thật",
	"Hay vcl, tác giả",
	"Vào ngay nhà cái uy tín nhận thưởng",
	"THẰNG   KHỐN   NẠN",
}

// TestStarterWordList runs the starter list a new paper gets from its
// first migration: ordinary comments pass, with or without their marks;
// insults are refused, whatever their case, spacing or normal form.
func TestStarterWordList(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		words, err := s.CommentWords(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(words.Banned) < 50 || len(words.Review) < 20 {
			t.Fatalf("starter list: %d banned, %d to review", len(words.Banned), len(words.Review))
		}
		for _, w := range append(append([]string(nil), words.Banned...), words.Review...) {
			if want := strings.Join(comment.NormalWords(w), " "); w != want || !norm.NFC.IsNormalString(w) {
				t.Errorf("entry %q is not in the lists' form %q", w, want)
			}
		}
		for _, c := range ordinaryComments {
			flags, err := comment.Inspect(c, words)
			if err != nil {
				t.Errorf("ordinary comment refused: %q: %v", c, err)
			}
			if m, ok := comment.FindWord(c, words); ok != flaggedOrdinary[c] {
				t.Errorf("ordinary comment %q: flagged %v for %q (%v)", c, ok, m.Entry, flags)
			}
			plain := vietnamese.Fold(c)
			if m, ok := comment.FindWord(plain, words); ok && m.Refuse {
				t.Errorf("ordinary comment without marks %q refused for %q", plain, m.Entry)
			}
			if _, err := comment.Inspect(plain, words); err != nil && strings.Contains(news.ErrorMessage(err), "không phù hợp") {
				t.Errorf("ordinary comment without marks %q refused for its words", plain)
			}
		}
		for _, c := range insults {
			if _, err := comment.Inspect(vietnamese.NFC(c), words); !strings.Contains(news.ErrorMessage(err), "không phù hợp") {
				t.Errorf("insult %q: %v", c, err)
			}
		}
	})
}

func TestFindWord(t *testing.T) {
	t.Parallel()
	words := news.CommentSettings{
		Banned: []string{"đồ ngu", "ngo", "lồn", "thủy quái", "dcm"},
		Review: []string{"tham nhũng", "zalo"},
	}
	tests := []struct {
		name, text string
		entry      string // "" when nothing is found
		refuse     bool
	}{
		{"exact", "Đồ ngu", "đồ ngu", true},
		{"decomposed", norm.NFD.String("Đồ ngu"), "đồ ngu", true},
		{"upper case and spaces", "ĐỒ \t  NGU", "đồ ngu", true},
		{"other tone placement", "Đúng là thuỷ quái", "thủy quái", true},
		{"spaced letters with marks", "Đúng là l ồ n", "lồn", true},
		{"a plain entry is a plain word", "Nhà tôi trồng ngô", "", false},
		{"a plain entry found", "Bài này ngo quá", "ngo", true},
		{"a marked entry keeps its marks", "Tôi mua lon nước ngọt ở chợ", "", false},
		{"inside a longer word", "Chúng tôi nguyện góp sức", "", false},
		{"a plain phrase in an accented comment is flagged", "Bài này viết hay, do ngu gì đâu", "đồ ngu", false},
		{"a comment without marks is only flagged", "do ngu", "đồ ngu", false},
		{"abbreviation in an accented comment", "Viết gì thế DCM", "dcm", true},
		{"abbreviation without marks anywhere", "dcm", "dcm", false},
		{"spaced plain letters of a marked phrase", "Bài này đ o n g u", "", false},
		{"spaced plain letters", "Bài này d o n g u", "đồ ngu", false},
		{"review", "Chuyện tham nhũng ở đây", "tham nhũng", false},
		{"review without marks", "chuyen tham nhung o day", "tham nhũng", false},
		{"plain review entry", "Liên hệ qua Zalo nhé", "zalo", false},
		{"nothing", "Bài viết rất hay", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := comment.FindWord(tt.text, words)
			if ok != (tt.entry != "") || m.Entry != tt.entry || m.Refuse != tt.refuse {
				t.Fatalf("found %v %+v, want %q refuse=%v", ok, m, tt.entry, tt.refuse)
			}
		})
	}
}

// TestWordListsFromTheSettingsPage saves entries as a moderator types
// them (decomposed, upper case, other tone placement, extra spaces) and
// finds them stored in the lists' form and matched.
func TestWordListsFromTheSettingsPage(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, err := comment.New(ctx, s, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		moderator, err := s.CreateUser(ctx, news.System(), news.User{Email: "kd@bao.vn", Name: "Kiểm duyệt", PasswordHash: "x", Roles: []news.Role{news.Moderator}})
		if err != nil {
			t.Fatal(err)
		}
		settings := news.CommentSettings{Reasons: []string{"Ngôn từ thiếu văn hóa"},
			Banned: []string{norm.NFD.String("  ĐỒ   Ngu "), "Thuỷ Quái", norm.NFD.String("đồ ngu"), "<script>alert(1)</script>", "' OR 1=1 --"},
			Review: []string{norm.NFD.String("Tham nhũng")}}
		if err := svc.SaveSettings(ctx, news.Actor{User: moderator}, settings); err != nil {
			t.Fatal(err)
		}
		got, err := s.CommentWords(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"' or 1=1 --", "<script>alert(1)</script>", "thủy quái", "đồ ngu"}
		if strings.Join(got.Banned, "|") != strings.Join(want, "|") || strings.Join(got.Review, "|") != "tham nhũng" {
			t.Fatalf("stored %q and %q", got.Banned, got.Review)
		}
		for _, text := range []string{"Đồ ngu", "Đúng là thủy quái", "Đây là <script>alert(1)</script>"} {
			if m, ok := comment.FindWord(text, got); !ok || !m.Refuse {
				t.Errorf("%q not refused: %+v", text, m)
			}
		}
		if _, ok := comment.FindWord("Bài viết rất hay, không có từ nào", got); ok {
			t.Error("the hostile entries match an ordinary comment")
		}
	})
}
