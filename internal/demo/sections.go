// Package demo holds the content of the demonstration paper: sections, reporters,
// articles and the generated pictures that stand in for press photos.
//
// Everything here is invented: the people, the quotes and the figures. Places are
// the real communes and wards of Hà Tĩnh as they exist since 1 July 2025, so that
// the demo reads like a provincial paper without reporting anything as fact.
package demo

// SectionSeed is a demo section; Parent is the Slug of the parent section or "".
type SectionSeed struct{ Slug, Name, Description, Parent string }

// AuthorSeed is a demo reporter.
type AuthorSeed struct{ Slug, Name, Bio string }

// Block is one piece of an article body.
type Block struct {
	Kind    string // "p", "h2", "figure", "quote"
	Text    string // paragraph, heading or quote text (plain text, no HTML)
	Caption string // figure caption
	Credit  string // figure credit, e.g. "Ảnh: Minh Châu"
	Alt     string // figure alt text
}

// ArticleSeed is one demo article. Published = DaysAgo days before "now" at Hour:Minute in Asia/Ho_Chi_Minh.
type ArticleSeed struct {
	Section      string // section slug
	Title        string
	Lead         string // sapo, WITHOUT the "(Baohatinh.vn) - " dateline: the site adds it
	Blocks       []Block
	Authors      []string // author slugs; most have one, a few two
	Tags         []string // tag names in Vietnamese, e.g. "Nông thôn mới"
	DaysAgo      int
	Hour, Minute int
	CoverCaption string
	CoverAlt     string
	Featured     bool // for the home page's featured block
}

// Sections returns the section tree, parents before their children, in menu order.
func Sections() []SectionSeed {
	return []SectionSeed{
		{Slug: "thoi-su", Name: "Thời sự", Description: "Tin tức thời sự, hoạt động của chính quyền các cấp và công tác phòng chống thiên tai trên địa bàn tỉnh."},
		{Slug: "kinh-te", Name: "Kinh tế", Description: "Sản xuất, kinh doanh, đầu tư, cảng biển và thương mại của Hà Tĩnh."},
		{Slug: "nong-nghiep", Name: "Nông nghiệp", Description: "Mùa vụ, cây ăn quả đặc sản, chăn nuôi và thị trường nông sản.", Parent: "kinh-te"},
		{Slug: "xa-hoi", Name: "Xã hội", Description: "Đời sống dân sinh, an sinh xã hội, lao động việc làm và môi trường."},
		{Slug: "y-te", Name: "Y tế", Description: "Khám chữa bệnh, y tế cơ sở và phòng chống dịch bệnh.", Parent: "xa-hoi"},
		{Slug: "nong-thon-moi", Name: "Nông thôn mới", Description: "Xây dựng nông thôn mới, khu dân cư kiểu mẫu và vườn mẫu ở các xã."},
		{Slug: "van-hoa-giai-tri", Name: "Văn hóa - Giải trí", Description: "Di sản, nghệ thuật truyền thống, lễ hội, du lịch và đời sống văn hóa."},
		{Slug: "the-thao", Name: "Thể thao", Description: "Thể thao quần chúng, thể thao học đường và các giải đấu trong tỉnh."},
		{Slug: "giao-duc", Name: "Giáo dục", Description: "Trường lớp, thầy cô, học sinh và đổi mới giáo dục."},
		{Slug: "phap-luat", Name: "Pháp luật", Description: "An ninh trật tự, xét xử và phổ biến pháp luật."},
		{Slug: "an-toan-giao-thong", Name: "An toàn giao thông", Description: "Kiểm soát vi phạm, hạ tầng và văn hóa giao thông.", Parent: "phap-luat"},
	}
}

// Authors returns the demo newsroom. Figure credits use the last two words of a
// name ("Ảnh: Minh Châu"), as provincial papers print them.
func Authors() []AuthorSeed {
	return []AuthorSeed{
		{Slug: "nguyen-thu-trang", Name: "Nguyễn Thu Trang", Bio: "Phóng viên ban Thời sự, theo dõi hoạt động của HĐND, UBND tỉnh và công tác phòng chống thiên tai."},
		{Slug: "le-minh-chau", Name: "Lê Minh Châu", Bio: "Phóng viên ảnh và kinh tế, nhiều năm bám khu kinh tế Vũng Áng và các doanh nghiệp ven biển."},
		{Slug: "tran-quoc-hung", Name: "Trần Quốc Hưng", Bio: "Phóng viên nông nghiệp, nông thôn; quê xã Hương Khê, am hiểu vùng cây ăn quả đặc sản."},
		{Slug: "phan-thanh-hoai", Name: "Phan Thanh Hoài", Bio: "Phóng viên giáo dục và y tế, từng là giáo viên trung học trước khi làm báo."},
		{Slug: "vo-duc-anh", Name: "Võ Đức Anh", Bio: "Phóng viên thể thao, theo dõi bóng đá trẻ, thể thao học đường và phong trào thể thao quần chúng."},
		{Slug: "dang-ngoc-lan", Name: "Đặng Ngọc Lan", Bio: "Biên tập viên văn hóa, viết về di sản ca trù, dân ca ví giặm và đời sống văn nghệ địa phương."},
		{Slug: "ho-anh-tuan", Name: "Hồ Anh Tuấn", Bio: "Phóng viên pháp luật, theo dõi an ninh trật tự, an toàn giao thông và các phiên tòa."},
		{Slug: "bui-khanh-linh", Name: "Bùi Khánh Linh", Bio: "Phóng viên xã hội và chuyển đổi số, quan tâm đến an sinh, lao động việc làm và môi trường."},
	}
}
