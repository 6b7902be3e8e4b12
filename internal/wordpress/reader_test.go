package wordpress

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/news"
)

const fixture = "testdata/wordpress-6.xml"

// read is everything a reader yielded, in order and by key.
type read struct {
	order    []string // "section:KEY", "author:KEY"... in yield order
	sections map[string]importer.Section
	authors  map[string]importer.Author
	photos   map[string]importer.Photo
	stories  map[string]importer.Story
	pages    map[string]importer.Page
	warnings []importer.Warning
}

func readFile(t *testing.T, path string, opts Options) read {
	t.Helper()
	r, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	got := read{sections: map[string]importer.Section{}, authors: map[string]importer.Author{}, photos: map[string]importer.Photo{},
		stories: map[string]importer.Story{}, pages: map[string]importer.Page{}}
	err = r.Each(context.Background(), func(it importer.Item) error {
		set := 0
		switch {
		case it.Section != nil:
			set++
			got.sections[it.Section.Key] = *it.Section
			got.order = append(got.order, "section "+it.Section.Key)
		case it.Author != nil:
			set++
			got.authors[it.Author.Key] = *it.Author
			got.order = append(got.order, "author "+it.Author.Key)
		case it.Photo != nil:
			set++
			got.photos[it.Photo.Key] = *it.Photo
			got.order = append(got.order, "photo "+it.Photo.Key)
		case it.Story != nil:
			set++
			got.stories[it.Story.Key] = *it.Story
			got.order = append(got.order, "story "+it.Story.Key)
		case it.Page != nil:
			set++
			got.pages[it.Page.Key] = *it.Page
			got.order = append(got.order, "page "+it.Page.Key)
		case it.Warning != nil:
			set++
			got.warnings = append(got.warnings, *it.Warning)
		}
		if set != 1 {
			t.Errorf("an item with %d fields set: %+v", set, it)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Each: %v", err)
	}
	return got
}

// sameFields reports each field of got that differs from want's.
func sameFields[T any](t *testing.T, got, want T) {
	t.Helper()
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			t.Errorf("%s:\n got %#v\nwant %#v", gv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
		}
	}
}

func utc(s string) time.Time {
	t, err := time.Parse(time.DateTime, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFixtureSectionsAndAuthors(t *testing.T) {
	got := readFile(t, fixture, Options{Uploads: "testdata/uploads"})
	wantOrder := []string{"section category:thoi-su", "section category:giao-thong", "section category:ky-anh", "section category:kinh-te",
		"section category:van-hoa-du-lich", "section category:chua-phan-loai",
		"author author:admin", "author author:pv.minhanh", "author author:ctv.hoa", "author author:bt.quang"}
	if !reflect.DeepEqual(got.order[:len(wantOrder)], wantOrder) {
		t.Errorf("order:\n got %q\nwant %q", got.order[:len(wantOrder)], wantOrder)
	}
	sections := []importer.Section{
		{Key: "category:thoi-su", Slug: "thoi-su", Name: "Thời sự", Description: "Tin thời sự trong tỉnh & cả nước", OldURLs: []string{"/category/thoi-su/"}},
		{Key: "category:giao-thong", ParentKey: "category:thoi-su", Slug: "giao-thong", Name: "Giao thông", Description: "Đường sá, cầu cống trong tỉnh",
			OldURLs: []string{"/category/thoi-su/giao-thong/"}},
		{Key: "category:ky-anh", ParentKey: "category:giao-thong", Slug: "ky-anh", Name: "Kỳ Anh", OldURLs: []string{"/category/thoi-su/giao-thong/ky-anh/"}},
		{Key: "category:van-hoa-du-lich", Slug: "van-hoa-du-lich", Name: "Văn hóa & Du lịch", OldURLs: []string{"/category/van-hoa-du-lich/"}},
	}
	for _, want := range sections {
		t.Run(want.Key, func(t *testing.T) {
			if g := got.sections[want.Key]; !reflect.DeepEqual(g, want) {
				t.Errorf("\n got %+v\nwant %+v", g, want)
			}
		})
	}
	authors := []importer.Author{
		{Key: "author:admin", Name: "Ban Biên tập", Slug: "ban-bien-tap", Email: "toasoan@baolamhong.example", OldURLs: []string{"/author/admin/"}},
		{Key: "author:pv.minhanh", Name: "Minh Anh", Slug: "minh-anh", Email: "minhanh@baolamhong.example", OldURLs: []string{"/author/pv-minhanh/"}},
		// No display name: first and last names.
		{Key: "author:ctv.hoa", Name: "Lê Thu Hòa", Slug: "le-thu-hoa", Email: "thuhoa@baolamhong.example", OldURLs: []string{"/author/ctv-hoa/"}},
	}
	for _, want := range authors {
		t.Run(want.Key, func(t *testing.T) {
			if g := got.authors[want.Key]; !reflect.DeepEqual(g, want) {
				t.Errorf("\n got %+v\nwant %+v", g, want)
			}
		})
	}
}

func TestFixturePhotos(t *testing.T) {
	const up = "https://baolamhong.example/wp-content/uploads/"
	tests := []struct {
		name    string
		uploads string
		want    importer.Photo
	}{
		{"from the uploads copy, every size", "testdata/uploads", importer.Photo{Key: "attachment:31", File: "testdata/uploads/2024/05/cau-cua-sot.jpg",
			Caption: "Cầu Cửa Sót nhìn từ phía xã Thạch Kim.", Alt: "Cầu Cửa Sót lúc bình minh", Credit: "Ảnh: Minh Anh",
			OldURLs: []string{up + "2024/05/cau-cua-sot.jpg", up + "2024/05/cau-cua-sot-300x200.jpg", up + "2024/05/cau-cua-sot-1024x683.jpg",
				up + "2024/05/cau-cua-sot-150x150.jpg", up + "2024/05/cau-cua-sot-768x512.jpg"}}},
		{"without an uploads copy: its address", "", importer.Photo{Key: "attachment:31", URL: up + "2024/05/cau-cua-sot.jpg",
			Caption: "Cầu Cửa Sót nhìn từ phía xã Thạch Kim.", Alt: "Cầu Cửa Sót lúc bình minh", Credit: "Ảnh: Minh Anh",
			OldURLs: []string{up + "2024/05/cau-cua-sot.jpg", up + "2024/05/cau-cua-sot-300x200.jpg", up + "2024/05/cau-cua-sot-1024x683.jpg",
				up + "2024/05/cau-cua-sot-150x150.jpg", up + "2024/05/cau-cua-sot-768x512.jpg"}}},
		{"a PNG without caption or alt", "testdata/uploads", importer.Photo{Key: "attachment:32", File: "testdata/uploads/2024/05/lua-he-thu.png",
			OldURLs: []string{up + "2024/05/lua-he-thu.png", up + "2024/05/lua-he-thu-300x225.png", up + "2024/05/lua-he-thu-150x150.png"}}},
		{"a scaled photo missing from uploads keeps its original's address", "testdata/uploads", importer.Photo{Key: "attachment:33",
			URL:     up + "2023/11/le-hoi-cau-ngu-scaled.jpg",
			Caption: "Lễ hội cầu ngư ở làng biển & đêm hội hoa đăng", Alt: "Thuyền rồng trên sông", Credit: "Ảnh: CTV Thu Hòa",
			OldURLs: []string{up + "2023/11/le-hoi-cau-ngu-scaled.jpg", up + "2023/11/le-hoi-cau-ngu-300x200.jpg",
				up + "2023/11/le-hoi-cau-ngu-1024x683.jpg", up + "2023/11/le-hoi-cau-ngu.jpg"}}},
		{"broken metadata: the main address only", "testdata/uploads", importer.Photo{Key: "attachment:35", File: "testdata/uploads/2024/05/vung-ang.jpg",
			Caption: "Cảng Vũng Áng", OldURLs: []string{up + "2024/05/vung-ang.jpg"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readFile(t, fixture, Options{Uploads: tt.uploads})
			if g := got.photos[tt.want.Key]; !reflect.DeepEqual(g, tt.want) {
				t.Errorf("\n got %+v\nwant %+v", g, tt.want)
			}
			if _, ok := got.photos["attachment:34"]; ok {
				t.Error("a PDF became a photo")
			}
		})
	}
}

func TestFixtureStories(t *testing.T) {
	got := readFile(t, fixture, Options{Uploads: "testdata/uploads"})
	const up = "https://baolamhong.example/wp-content/uploads/"
	tests := []struct {
		name string
		want importer.Story
	}{
		{"classic, CRLF, caption, teaser as lead, threaded comments", importer.Story{
			Key: "post:101", Title: "Thông xe cầu Cửa Sót & tuyến đường ven biển", Slug: "thong-xe-cau-cua-sot",
			Lead: "Sáng 13/5, tỉnh tổ chức lễ thông xe cầu Cửa Sót nối hai bờ cửa biển, rút ngắn đường về trung tâm tỉnh gần 20 km.",
			Body: `<figure><img class="size-large wp-image-31" src="` + up + `2024/05/cau-cua-sot-1024x683.jpg" alt="Cầu Cửa Sót lúc bình minh" width="1024" height="683" />` +
				`<figcaption>Cầu Cửa Sót nhìn từ phía xã Thạch Kim. Ảnh: <em>Minh Anh</em></figcaption></figure>` + "\n" +
				"<p>Cầu dài 1.150 m, rộng 12 m, được khởi công từ năm 2021.<br>\nNgười dân hai xã ven biển đã chờ cây cầu này nhiều năm.</p>\n" +
				"<h2>Đường ven biển</h2>\n" +
				"<p>Cùng ngày, tuyến đường ven biển đoạn qua xã Thạch Kim cũng được đưa vào sử dụng &amp; mở rộng thêm hai làn.</p>\n" +
				videoFigure("Xk3mPq9Lr2s") + "\n" +
				`<p>Xem bản đồ tuyến đường:<br>` + "\n" + `<a href="https://maps.example.org/tuyen-ven-bien">https://maps.example.org/tuyen-ven-bien</a></p>`,
			State: news.Published, PublishedAt: utc("2024-05-13 01:30:00"),
			// Filed under Giao thông and its parent Thời sự: the child is
			// the section, the parent holds it already.
			SectionKey: "category:giao-thong", Tags: []string{"Cầu Cửa Sót", "giao thông"},
			AuthorKeys: []string{"author:pv.minhanh"}, CoverKey: "attachment:31",
			OldURLs: []string{"/2024/05/13/thong-xe-cau-cua-sot/", "/?p=101"},
			Comments: []importer.Comment{
				{Key: "comment:11", Name: "Trần Văn Bình", Email: "binh@example.vn", Body: "Cảm ơn tỉnh & nhà thầu!\n\nQuê tôi từ nay đi lại thuận tiện hơn nhiều.",
					At: utc("2024-05-13 02:30:00"), Status: news.CommentPublished},
				{Key: "comment:12", ParentKey: "comment:11", Name: "Hồ Thị Lan", Email: "lan@example.vn", Body: "Đồng ý với anh Bình, cầu rất đẹp.",
					At: utc("2024-05-13 03:05:00"), Status: news.CommentPublished},
				// Two levels deep, typed without marks: kept as given.
				{Key: "comment:13", ParentKey: "comment:12", Name: "Nguyen Van Tuan", Email: "tuan@example.vn", Body: "cau dep qua, cam on bao",
					At: utc("2024-05-13 04:00:00"), Status: news.CommentPending},
				// Its parent was spam: it stands alone.
				{Key: "comment:15", Name: "Phạm Hùng", Email: "hung@example.vn", Body: "Trả lời một bình luận đã bị xóa.",
					At: utc("2024-05-13 05:00:00"), Status: news.CommentPublished},
			},
		}},
		{"blocks, NFD title, percent-encoded slug, excerpt, both embed generations", importer.Story{
			Key: "post:102", Title: "Thủy lợi Hà Tĩnh sẵn sàng ứng phó mùa lũ", Slug: "thủy-lợi-hà-tĩnh-sẵn-sàng-ứng-phó-mùa-lũ",
			Lead: "Các hồ chứa đã sẵn sàng trước mùa mưa lũ năm nay.",
			Body: "<p>Các hồ chứa lớn trong tỉnh đã hạ mực nước đón lũ theo kế hoạch.</p>\n" +
				`<h2 class="wp-block-heading">Hồ Kẻ Gỗ</h2>` + "\n" +
				`<figure class="wp-block-image size-large"><img src="` + up + `2024/05/lua-he-thu-300x225.png" alt="Cánh đồng lúa" class="wp-image-32"/>` +
				`<figcaption class="wp-element-caption">Lúa hè thu được thu hoạch sớm trước mùa lũ.</figcaption></figure>` + "\n" +
				videoFigure("Ab1Cd2Ef3Gh") + "\n<p>Xả lũ hồ Kẻ Gỗ</p>\n" +
				videoFigure("Zz9Yy8Xx7Ww") + "\n" +
				`<ul class="wp-block-list"><li>Sơ tán dân ở vùng trũng</li>` + "\n" + `<li>Chuẩn bị lương thực <strong>7 ngày</strong></li></ul>` + "\n" +
				`<blockquote class="wp-block-quote"><p>Không để người dân bị đói, rét khi lũ về.</p><cite>Ban Chỉ huy phòng chống thiên tai tỉnh</cite></blockquote>` + "\n" +
				`<p><a href="https://twitter.com/baolamhong/status/1790000000000000000">https://twitter.com/baolamhong/status/1790000000000000000</a></p>`,
			State: news.Published, PublishedAt: utc("2024-05-14 00:15:00"), ModifiedAt: utc("2024-05-15 09:40:00"),
			SectionKey: "category:thoi-su", Tags: []string{"lũ lụt"}, AuthorKeys: []string{"author:ctv.hoa"}, CoverKey: "attachment:32",
			OldURLs: []string{"/2024/05/14/thu%CC%89y-lo%CC%9B%CC%A3i-ha%CC%80-ti%CC%83nh-sa%CC%86%CC%83n-sa%CC%80ng-u%CC%9B%CC%81ng-pho%CC%81-mu%CC%80a-lu%CC%83/", "/?p=102"},
		}},
		{"draft: no slug, no date", importer.Story{Key: "post:103", Title: "Bản nháp: Hội chợ OCOP cuối năm", Body: "<p>Hội chợ dự kiến có 120 gian hàng.</p>",
			State: news.Draft, SectionKey: "category:kinh-te", Tags: []string{"OCOP"}, AuthorKeys: []string{"author:bt.quang"}, OldURLs: []string{"/?p=103"}}},
		{"pending: submitted", importer.Story{Key: "post:104", Title: "Chờ duyệt: Giá lúa hè thu tăng nhẹ",
			Body: "<p>Giá lúa tại các đại lý tăng 200 đồng/kg so với tuần trước.</p>", State: news.Submitted, SectionKey: "category:kinh-te",
			AuthorKeys: []string{"author:ctv.hoa"}, OldURLs: []string{"/?p=104"}}},
		{"future: scheduled at its date", importer.Story{Key: "post:105", Title: "Khai mạc tuần văn hóa biển", Slug: "khai-mac-tuan-van-hoa-bien",
			Body: "<p>Tuần văn hóa biển sẽ diễn ra trong 7 ngày.</p>", State: news.Scheduled, PublishedAt: utc("2024-06-01 00:00:00"),
			SectionKey: "category:van-hoa-du-lich", AuthorKeys: []string{"author:admin"},
			OldURLs: []string{"/2024/06/01/khai-mac-tuan-van-hoa-bien/", "/?p=105"}}},
		{"a duplicate title's -2 slug", importer.Story{Key: "post:109", Title: "Hà Tĩnh đón đoàn khách du lịch đầu tiên", Slug: "ha-tinh-don-doan-khach-2",
			Body: "<p>Đoàn khách thứ hai đến từ Thái Lan.</p>", State: news.Published, PublishedAt: utc("2024-03-09 02:00:00"),
			SectionKey: "category:van-hoa-du-lich", AuthorKeys: []string{"author:bt.quang"}, OldURLs: []string{"/2024/03/09/ha-tinh-don-doan-khach-2/", "/?p=109"}}},
		{"zero GMT date: local time in Asia/Ho_Chi_Minh; Yoast's primary category; old caption attribute, linked photo", importer.Story{
			Key: "post:108", Title: "Lễ hội cầu ngư năm 2023", Slug: "le-hoi-cau-ngu",
			Body: `<figure><img src="` + up + `2023/11/le-hoi-cau-ngu-300x200.jpg" alt="Thuyền rồng trên sông" width="300" height="200" />` +
				`<figcaption>Lễ hội cầu ngư ở làng biển</figcaption></figure>` + "\n<p>Lễ hội năm nay thu hút hàng nghìn người dân và du khách.</p>",
			State: news.Published, PublishedAt: utc("2023-11-20 03:00:00"),
			SectionKey: "category:ky-anh", Tags: []string{"Văn hóa & Du lịch"}, AuthorKeys: []string{"author:ctv.hoa"}, CoverKey: "attachment:33",
			OldURLs: []string{"/2023/11/20/le-hoi-cau-ngu/", "/?p=108"}}},
		{"private: unpublished", importer.Story{Key: "post:110", Title: "Thông báo nội bộ về lịch trực", Slug: "thong-bao-noi-bo",
			Body: "<p>Lịch trực tháng 5 của tòa soạn.</p>", State: news.Unpublished, PublishedAt: utc("2024-05-10 01:00:00"),
			SectionKey: "category:chua-phan-loai", AuthorKeys: []string{"author:admin"}, OldURLs: []string{"/thong-bao-noi-bo/", "/?p=110"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ok := got.stories[tt.want.Key]
			if !ok {
				t.Fatalf("%s not read", tt.want.Key)
			}
			sameFields(t, g, tt.want)
		})
	}
	for _, key := range []string{"post:106", "post:301", "post:302", "post:303"} {
		if _, ok := got.stories[key]; ok {
			t.Errorf("%s became a story", key)
		}
	}
	if len(got.stories) != 9 {
		t.Errorf("%d stories, want 9", len(got.stories))
	}
}

func TestFixturePagesAndWarnings(t *testing.T) {
	got := readFile(t, fixture, Options{Uploads: "testdata/uploads"})
	pages := []importer.Page{
		{Key: "page:201", Slug: "gioi-thieu", Title: "Giới thiệu", Body: "<p>Báo Lam Hồng là trang tin thử nghiệm của một tờ báo tỉnh.</p>",
			OldURLs: []string{"/gioi-thieu/", "/?p=201", "/?page_id=201"}},
		{Key: "page:202", Slug: "lien-he", Title: "Liên hệ",
			Body:    "<p>Tòa soạn: số 1 đường Trần Phú.<br>\nĐiện thoại: 0239 000 000</p>\n<p>Thư điện tử: toasoan@baolamhong.example</p>",
			OldURLs: []string{"/lien-he/", "/?p=202", "/?page_id=202"}},
	}
	for _, want := range pages {
		if g := got.pages[want.Key]; !reflect.DeepEqual(g, want) {
			t.Errorf("\n got %+v\nwant %+v", g, want)
		}
	}
	if len(got.pages) != 2 {
		t.Errorf("%d pages, want 2 (the draft page is left out)", len(got.pages))
	}
	wantWarnings := []importer.Warning{
		{Item: "ảnh 34", Message: "tệp đính kèm thong-bao-tuyen-dung.pdf không phải ảnh: bỏ qua (dòng 222)"},
		{Item: "ảnh 35", Message: "không đọc được _wp_attachment_metadata: chỉ giữ địa chỉ chính của ảnh"},
		{Item: "bài 101", Message: "bỏ 2 bình luận rác hoặc đã xóa; bỏ 1 pingback/trackback; 1 trả lời có bình luận gốc bị bỏ, nhập thành bình luận riêng"},
		{Item: "bài 102", Message: "bỏ khối wp:latest-posts (nội dung do WordPress tạo tự động)"},
		{Item: "bài 106", Message: "“Lễ hội cầu ngư (bài cũ)” nằm trong thùng rác: bỏ qua"},
		{Item: "bài 110", Message: "bài riêng tư (private): nhập thành bài đã gỡ, bạn đọc không thấy"},
		{Item: "trang 203", Message: "trang “Quảng cáo (nháp)” chưa đăng (draft): bỏ qua"},
		{Item: "loại video", Message: "bỏ qua 1 mục loại “video” (không phải bài viết hay trang)"},
	}
	if !reflect.DeepEqual(got.warnings, wantWarnings) {
		t.Errorf("warnings:\n got %q\nwant %q", got.warnings, wantWarnings)
	}
}

// TestFixtureOrder checks the Source contract: what an item refers to
// comes before it.
func TestFixtureOrder(t *testing.T) {
	got := readFile(t, fixture, Options{})
	seen := map[string]bool{}
	last := map[string]int{}
	for i, o := range got.order {
		kind, key, _ := strings.Cut(o, " ")
		last[kind] = i
		seen[key] = true
		switch kind {
		case "section":
			if p := got.sections[key].ParentKey; p != "" && !seen[p] {
				t.Errorf("%s before its parent %s", key, p)
			}
		case "story":
			s := got.stories[key]
			for _, ref := range append([]string{s.SectionKey, s.CoverKey}, s.AuthorKeys...) {
				if ref != "" && !seen[ref] {
					t.Errorf("%s refers to %s, not yielded before it", key, ref)
				}
			}
			inThread := map[string]bool{}
			for _, c := range s.Comments {
				if c.ParentKey != "" && !inThread[c.ParentKey] {
					t.Errorf("%s: reply %s before its parent %s", key, c.Key, c.ParentKey)
				}
				inThread[c.Key] = true
			}
		}
	}
	if !(last["section"] < last["author"] && last["author"] < last["photo"] && last["photo"] < last["story"]) {
		t.Errorf("kinds out of order: %v", got.order)
	}
	if r, _ := Open(fixture, Options{}); r.Name() != "wordpress:baolamhong.example" || r.Title() != "Báo Lam Hồng" || r.Items() != 21 {
		t.Errorf("Name %q, Title %q, %d items", r.Name(), r.Title(), r.Items())
	}
}

func TestLocationOption(t *testing.T) {
	got := readFile(t, fixture, Options{Location: time.UTC})
	if at := got.stories["post:108"].PublishedAt; !at.Equal(utc("2023-11-20 10:00:00")) {
		t.Errorf("a zero GMT date read in UTC: %v", at)
	}
	if at := got.stories["post:101"].PublishedAt; !at.Equal(utc("2024-05-13 01:30:00")) {
		t.Errorf("the GMT date does not depend on the zone: %v", at)
	}
}

// TestEachStopsAtYieldsError: the importer's error ends the read at once.
func TestEachStopsAtYieldsError(t *testing.T) {
	r, err := Open(fixture, Options{})
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("đủ rồi")
	n := 0
	err = r.Each(context.Background(), func(it importer.Item) error {
		if n++; it.Photo != nil {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 11 {
		t.Errorf("Each returned %v after %d items", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.Each(ctx, func(importer.Item) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled read: %v", err)
	}
}

// TestSmallSiteQuirks: a blog in a folder of its site, posts and pages
// behind a password, comments on a page, a post filed under no category.
func TestSmallSiteQuirks(t *testing.T) {
	file := wxr(`<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>xa-hoi</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Xã hội]]></wp:cat_name></wp:category>` +
		strings.Replace(post(5, "Bài có mật khẩu", "<p>Chỉ người có mật khẩu.</p>"), "</wp:post_type>",
			"</wp:post_type><wp:post_password><![CDATA[bimat]]></wp:post_password>", 1) +
		strings.Replace(post(6, "Bài không chuyên mục", "x"), "<link>https://baothu.example/?p=6</link>", "<link>https://baothu.example/tin-tuc/bai-6/</link>", 1) +
		`<item><title>Giới thiệu</title><link>https://baothu.example/tin-tuc/gioi-thieu/</link><wp:post_id>7</wp:post_id><wp:post_name>gioi-thieu</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>page</wp:post_type><content:encoded><![CDATA[Về chúng tôi.]]></content:encoded>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>Hay</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment></item>` +
		`<item><title>Trang kín</title><wp:post_id>8</wp:post_id><wp:status>publish</wp:status><wp:post_type>page</wp:post_type><wp:post_password>x</wp:post_password></item>`)
	file = strings.Replace(file, "<wp:base_blog_url>https://baothu.example</wp:base_blog_url>", "<wp:base_blog_url>https://baothu.example/tin-tuc</wp:base_blog_url>", 1)
	got := readFile(t, writeFile(t, file), Options{})
	if s := got.stories["post:5"]; s.State != "unpublished" || s.Slug != "bai-5" {
		t.Errorf("a post behind a password: %+v", s)
	}
	if s := got.stories["post:6"]; s.SectionKey != "" || !reflect.DeepEqual(s.OldURLs, []string{"/tin-tuc/bai-6/", "/tin-tuc/?p=6"}) || s.AuthorKeys[0] != "author:admin" {
		t.Errorf("a post in a blog folder: %+v", s)
	}
	if s := got.sections["category:xa-hoi"]; !reflect.DeepEqual(s.OldURLs, []string{"/tin-tuc/category/xa-hoi/"}) {
		t.Errorf("a category in a blog folder: %+v", s)
	}
	if p := got.pages["page:7"]; p.Body != "<p>Về chúng tôi.</p>" || !reflect.DeepEqual(p.OldURLs, []string{"/tin-tuc/gioi-thieu/", "/tin-tuc/?p=7", "/tin-tuc/?page_id=7"}) {
		t.Errorf("a page: %+v", p)
	}
	if _, ok := got.pages["page:8"]; ok {
		t.Error("a page behind a password became public")
	}
	want := []importer.Warning{
		{Item: "bài 5", Message: "bài có mật khẩu: nhập thành bài đã gỡ, bạn đọc không thấy"},
		{Item: "trang 7", Message: "bỏ 1 bình luận: trang tĩnh không có bình luận"},
		{Item: "trang 8", Message: "trang “Trang kín” chưa đăng (có mật khẩu): bỏ qua"},
	}
	if !reflect.DeepEqual(got.warnings, want) {
		t.Errorf("warnings %q", got.warnings)
	}
}
