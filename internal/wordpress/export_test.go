package wordpress

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

const exportBaseURL = "https://baolamhong.example"

// exported is a paper in a store and the items its export must read back
// as.
type exported struct {
	sections []importer.Section
	authors  []importer.Author
	photos   []importer.Photo
	stories  []importer.Story
	counts   ExportSummary
}

// seedExport fills st with a small paper: a section with a child, two
// bylines, tags, a photo as a cover and in a body, articles in every
// state, comments in every state with replies.
func seedExport(t *testing.T, st *store.Store) exported {
	t.Helper()
	ctx, sys := context.Background(), news.System()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var want exported
	thoiSu, err := st.CreateSection(ctx, sys, news.Section{Slug: "thoi-su", Name: "Thời sự", Description: "Tin trong tỉnh & cả nước"})
	must(err)
	giaoThong, err := st.CreateSection(ctx, sys, news.Section{Slug: "giao-thong", Name: "Giao thông", ParentID: thoiSu.ID})
	must(err)
	want.sections = []importer.Section{
		{Key: "category:thoi-su", Slug: "thoi-su", Name: "Thời sự", Description: "Tin trong tỉnh & cả nước", OldURLs: []string{"/category/thoi-su/"}},
		{Key: "category:giao-thong", ParentKey: "category:thoi-su", Slug: "giao-thong", Name: "Giao thông", OldURLs: []string{"/category/thoi-su/giao-thong/"}},
	}
	minhAnh, err := st.CreateAuthor(ctx, sys, news.Author{Slug: "minh-anh", Name: "Minh Anh"})
	must(err)
	thuHoa, err := st.CreateAuthor(ctx, sys, news.Author{Slug: "thu-hoa", Name: "Thu Hòa"})
	must(err)
	want.authors = []importer.Author{
		{Key: "author:minh-anh", Name: "Minh Anh", Slug: "minh-anh", OldURLs: []string{"/author/minh-anh/"}},
		{Key: "author:thu-hoa", Name: "Thu Hòa", Slug: "thu-hoa", OldURLs: []string{"/author/thu-hoa/"}},
	}
	photo, err := st.CreateImage(ctx, sys, news.Image{Key: "ab/0123456789abcdef0123456789abcdef.jpg", MIME: "image/jpeg", Width: 1200, Height: 800, Bytes: 2048,
		Caption: "Cầu Cửa Sót ngày thông xe", Credit: "Ảnh: Minh Anh", Alt: "Cầu Cửa Sót"})
	must(err)

	published := time.Date(2024, 5, 13, 1, 30, 0, 0, time.UTC)
	body := `<p>Sáng 13/5, cầu được thông xe.</p>` + "\n" +
		`<figure data-image-id="` + strconv.FormatInt(photo.ID, 10) + `"><img src="/media/` + photo.Key + `" alt="Cầu Cửa Sót" width="1200" height="800" loading="lazy">` +
		`<figcaption>Cầu Cửa Sót ngày thông xe <span class="credit">Ảnh: Minh Anh</span></figcaption></figure>` + "\n" +
		videoFigure("Xk3mPq9Lr2s") + "\n<ul><li>Dài 1.150 m</li><li>Rộng 12 m</li></ul>"
	articles := []news.Article{
		{Slug: "thong-xe-cau-cua-sot", Title: "Thông xe cầu Cửa Sót", Lead: "Cây cầu nối hai bờ cửa biển.", Body: body,
			SectionID: giaoThong.ID, Status: news.Published, PublishedAt: published, ModifiedAt: published.Add(26 * time.Hour),
			Authors: []news.Author{thuHoa, minhAnh}, CoverImageID: photo.ID, Featured: true,
			Tags: []news.Tag{{Slug: "cau-cua-sot", Name: "Cầu Cửa Sót"}, {Slug: "giao-thong", Name: "giao thông"}}},
		{Slug: "ban-nhap", Title: "Bản nháp về hội chợ", Body: "<p>Nháp.</p>", SectionID: thoiSu.ID, Status: news.Draft, Authors: []news.Author{minhAnh}},
		{Slug: "dang-bien-tap", Title: "Đang biên tập", Body: "<p>Biên tập.</p>", SectionID: thoiSu.ID, Status: news.Edited},
		{Slug: "hen-gio", Title: "Hẹn giờ đăng", Body: "<p>Sắp đăng.</p>", SectionID: thoiSu.ID, Status: news.Scheduled,
			ScheduledAt: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC), Tags: []news.Tag{{Slug: "giao-thong", Name: "giao thông"}}},
		{Slug: "da-go", Title: "Bài đã gỡ", Body: "<p>Đã gỡ.</p>", SectionID: thoiSu.ID, Status: news.Unpublished,
			PublishedAt: published.Add(-48 * time.Hour), Authors: []news.Author{thuHoa}},
		// Text that would end a CDATA section, everywhere text goes.
		{Slug: "ma-la", Title: "Mã ]]> lạ & <ký hiệu>", Lead: "Sapô ]]> có ]]]]> lạ", Body: "<p>a]]>b ]]]> c</p>",
			SectionID: thoiSu.ID, Status: news.Published, PublishedAt: published.Add(time.Hour)},
	}
	var stored []news.Article
	for _, a := range articles {
		a, err := st.CreateArticle(ctx, sys, a)
		must(err)
		stored = append(stored, a)
	}
	top := stored[len(stored)-1].ID
	photoKey := "attachment:" + strconv.FormatInt(top+photo.ID, 10)
	want.photos = []importer.Photo{{Key: photoKey, URL: exportBaseURL + "/media/" + photo.Key,
		Caption: "Cầu Cửa Sót ngày thông xe", Credit: "Ảnh: Minh Anh", Alt: "Cầu Cửa Sót", OldURLs: []string{exportBaseURL + "/media/" + photo.Key}}}

	first := stored[0]
	comment := func(parent int64, name, body string, status news.CommentStatus) news.Comment {
		c, err := st.CreateComment(ctx, news.Comment{ArticleID: first.ID, ParentID: parent, Name: name, Email: "ban-doc@example.vn", Body: body, Status: status})
		must(err)
		return c
	}
	top1 := comment(0, "Trần Văn Bình", "Cầu đẹp quá!\n\nCảm ơn tỉnh.", news.CommentPublished)
	reply := comment(top1.ID, "Hồ Thị Lan", "Đồng ý ]]> với anh Bình.", news.CommentPublished)
	deeper := comment(reply.ID, "Nguyen Van Tuan", "cau dep qua", news.CommentPending)
	rejected := comment(0, "Kẻ xấu", "Lời lẽ thô tục", news.CommentRejected)
	comment(rejected.ID, "Người trả lời", "Trả lời bình luận bị từ chối", news.CommentPublished)
	comment(0, "Quảng cáo", "Mua hàng giá rẻ", news.CommentSpam)
	pending := comment(0, "Lê Hà", "Chờ duyệt <b>nhé</b>", news.CommentPending)
	at := func(c news.Comment) time.Time { return c.CreatedAt.Truncate(time.Second) }
	key := func(id int64) string { return "comment:" + strconv.FormatInt(id, 10) }

	postKey := func(a news.Article) string { return "post:" + strconv.FormatInt(a.ID, 10) }
	p := func(a news.Article) string { return "/?p=" + strconv.FormatInt(a.ID, 10) }
	want.stories = []importer.Story{
		{Key: postKey(first), Title: "Thông xe cầu Cửa Sót", Slug: "thong-xe-cau-cua-sot", Lead: "Cây cầu nối hai bờ cửa biển.",
			Body: `<p>Sáng 13/5, cầu được thông xe.</p>` + "\n" +
				`<figure><img src="` + exportBaseURL + `/media/` + photo.Key + `" alt="Cầu Cửa Sót" width="1200" height="800" loading="lazy">` +
				`<figcaption>Cầu Cửa Sót ngày thông xe <span class="credit">Ảnh: Minh Anh</span></figcaption></figure>` + "\n" +
				videoFigure("Xk3mPq9Lr2s") + "\n<ul><li>Dài 1.150 m</li><li>Rộng 12 m</li></ul>",
			State: news.Published, PublishedAt: published, ModifiedAt: published.Add(26 * time.Hour),
			SectionKey: "category:giao-thong", Tags: []string{"Cầu Cửa Sót", "giao thông"}, AuthorKeys: []string{"author:thu-hoa", "author:minh-anh"},
			CoverKey: photoKey, OldURLs: []string{first.Path(), p(first)},
			Comments: []importer.Comment{
				{Key: key(top1.ID), Name: "Trần Văn Bình", Email: "ban-doc@example.vn", Body: "Cầu đẹp quá!\n\nCảm ơn tỉnh.", At: at(top1), Status: news.CommentPublished},
				{Key: key(reply.ID), ParentKey: key(top1.ID), Name: "Hồ Thị Lan", Email: "ban-doc@example.vn", Body: "Đồng ý ]]> với anh Bình.", At: at(reply), Status: news.CommentPublished},
				{Key: key(deeper.ID), ParentKey: key(reply.ID), Name: "Nguyen Van Tuan", Email: "ban-doc@example.vn", Body: "cau dep qua", At: at(deeper), Status: news.CommentPending},
				// Markup a reader typed is text, here and in WordPress.
				{Key: key(pending.ID), Name: "Lê Hà", Email: "ban-doc@example.vn", Body: "Chờ duyệt <b>nhé</b>", At: at(pending), Status: news.CommentPending},
			}},
		{Key: postKey(stored[1]), Title: "Bản nháp về hội chợ", Body: "<p>Nháp.</p>", State: news.Draft, SectionKey: "category:thoi-su",
			AuthorKeys: []string{"author:minh-anh"}, OldURLs: []string{p(stored[1])}},
		{Key: postKey(stored[2]), Title: "Đang biên tập", Body: "<p>Biên tập.</p>", State: news.Submitted, SectionKey: "category:thoi-su",
			OldURLs: []string{p(stored[2])}},
		{Key: postKey(stored[3]), Title: "Hẹn giờ đăng", Slug: "hen-gio", Body: "<p>Sắp đăng.</p>", State: news.Scheduled,
			PublishedAt: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC), SectionKey: "category:thoi-su", Tags: []string{"giao thông"}, OldURLs: []string{p(stored[3])}},
		{Key: postKey(stored[4]), Title: "Bài đã gỡ", Slug: "da-go", Body: "<p>Đã gỡ.</p>", State: news.Unpublished, PublishedAt: published.Add(-48 * time.Hour),
			SectionKey: "category:thoi-su", AuthorKeys: []string{"author:thu-hoa"}, OldURLs: []string{p(stored[4])}},
		{Key: postKey(stored[5]), Title: "Mã ]]> lạ & <ký hiệu>", Slug: "ma-la", Lead: "Sapô ]]> có ]]]]> lạ", Body: "<p>a]]>b ]]]> c</p>",
			State: news.Published, PublishedAt: published.Add(time.Hour), SectionKey: "category:thoi-su", OldURLs: []string{stored[5].Path(), p(stored[5])}},
	}
	want.counts = ExportSummary{Articles: 6, Sections: 2, Tags: 2, Photos: 1, Comments: 4, Authors: 2}
	return want
}

func TestExportReadsBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		want := seedExport(t, st)
		var out bytes.Buffer
		sum, err := Export(context.Background(), &out, st, ExportOptions{BaseURL: exportBaseURL + "/", Now: time.Date(2024, 5, 20, 3, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if sum != want.counts {
			t.Errorf("summary %+v, want %+v", sum, want.counts)
		}
		path := filepath.Join(t.TempDir(), "xuat.xml")
		if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		got := readFile(t, path, Options{})
		// The story taken down went out as private, and comes back so.
		wantWarnings := []importer.Warning{{Item: "bài " + strings.TrimPrefix(want.stories[4].Key, "post:"), Message: "bài riêng tư (private): nhập thành bài đã gỡ, bạn đọc không thấy"}}
		if !reflect.DeepEqual(got.warnings, wantWarnings) {
			t.Errorf("warnings reading our own export: %+v", got.warnings)
		}
		for _, w := range want.sections {
			if g := got.sections[w.Key]; !reflect.DeepEqual(g, w) {
				t.Errorf("section:\n got %+v\nwant %+v", g, w)
			}
		}
		for _, w := range want.authors {
			if g := got.authors[w.Key]; !reflect.DeepEqual(g, w) {
				t.Errorf("author:\n got %+v\nwant %+v", g, w)
			}
		}
		for _, w := range want.photos {
			if g := got.photos[w.Key]; !reflect.DeepEqual(g, w) {
				t.Errorf("photo:\n got %+v\nwant %+v", g, w)
			}
		}
		for _, w := range want.stories {
			t.Run(w.Title, func(t *testing.T) {
				g, ok := got.stories[w.Key]
				if !ok {
					t.Fatalf("%s not read back", w.Key)
				}
				sameFields(t, g, w)
			})
		}
		if len(got.stories) != len(want.stories) || len(got.sections) != 2 || len(got.authors) != 2 || len(got.photos) != 1 {
			t.Errorf("read back %d stories, %d sections, %d authors, %d photos", len(got.stories), len(got.sections), len(got.authors), len(got.photos))
		}
		checkWordPressShape(t, out.Bytes())
	})
}

// checkWordPressShape checks what WordPress's importer relies on beyond
// what Open reads: CDATA split as WordPress splits it, channel fields,
// statuses, attachment and cover ids, zero GMT dates of drafts.
func checkWordPressShape(t *testing.T, file []byte) {
	t.Helper()
	s := string(file)
	for _, want := range []string{
		`<wp:wxr_version>1.2</wp:wxr_version>`,
		`<wp:base_site_url>` + exportBaseURL + `</wp:base_site_url>`,
		`<language>vi</language>`,
		`<pubDate>Mon, 20 May 2024 03:00:00 +0000</pubDate>`,
		`<title><![CDATA[Mã ]]&gt; lạ &amp; &lt;ký hiệu&gt;]]></title>`,
		`<wp:comment_content><![CDATA[Đồng ý ]]&gt; với anh Bình.]]></wp:comment_content>`,
		`<wp:comment_content><![CDATA[Chờ duyệt &lt;b&gt;nhé&lt;/b&gt;]]></wp:comment_content>`,
		`<content:encoded><![CDATA[<p>a]]]]><![CDATA[>b ]]]]]><![CDATA[> c</p>]]></content:encoded>`,
		`<wp:status><![CDATA[private]]></wp:status>`, `<wp:status><![CDATA[future]]></wp:status>`,
		`<wp:status><![CDATA[pending]]></wp:status>`, `<wp:status><![CDATA[draft]]></wp:status>`,
		`<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>`,
		`<wp:post_date><![CDATA[2024-05-13 08:30:00]]></wp:post_date>`,
		`<wp:post_date_gmt><![CDATA[2024-05-13 01:30:00]]></wp:post_date_gmt>`,
		`<category domain="category" nicename="giao-thong"><![CDATA[Giao thông]]></category>`,
		`<category domain="post_tag" nicename="giao-thong"><![CDATA[giao thông]]></category>`,
		`<wp:category_parent><![CDATA[thoi-su]]></wp:category_parent>`,
		`<wp:category_description><![CDATA[Tin trong tỉnh &amp; cả nước]]></wp:category_description>`,
		`<wp:is_sticky>1</wp:is_sticky>`,
		`<wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the export lacks %s", want)
		}
	}
	if strings.Contains(s, "data-image-id") || strings.Contains(s, `src="/media/`) {
		t.Error("the export keeps this database's photo ids or relative photo addresses")
	}
	if strings.Index(s, "<wp:category_nicename><![CDATA[thoi-su]]>") > strings.Index(s, "<wp:category_nicename><![CDATA[giao-thong]]>") {
		t.Error("a child category is written before its parent")
	}
	// Any XML reader takes it, not only ours.
	d := xml.NewDecoder(bytes.NewReader(file))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the export is not well-formed XML: %v", err)
		}
	}
}

func TestExportNeedsABaseURL(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		for _, base := range []string{"", "   ", "javascript:alert(1)", "baolamhong.example", "ftp://baolamhong.example", "https://user:pw@baolamhong.example", "https://baolamhong.example/?a=1"} {
			var out bytes.Buffer
			_, err := Export(ctx, &out, st, ExportOptions{BaseURL: base})
			if news.ErrorCode(err) != news.Invalid || out.Len() != 0 {
				t.Errorf("base URL %q: %v, %d bytes written", base, err, out.Len())
			}
		}
		site, err := st.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		site.BaseURL = "https://baohatinh.vn"
		if err := st.SaveSite(ctx, news.System(), site); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		sum, err := Export(ctx, &out, st, ExportOptions{})
		if err != nil || sum != (ExportSummary{}) || !strings.Contains(out.String(), "<link>https://baohatinh.vn</link>") {
			t.Errorf("an empty paper with the site's base URL: %+v %v\n%s", sum, err, out.String())
		}
	})
}

// failingWriter fails after n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("đĩa đầy")
	}
	return len(p), nil
}

func TestExportReportsWriteErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		seedExport(t, st)
		_, err := Export(context.Background(), &failingWriter{n: 100 << 10}, st, ExportOptions{BaseURL: exportBaseURL})
		if err != nil {
			t.Fatalf("a small paper within 100 KB: %v", err)
		}
		_, err = Export(context.Background(), &failingWriter{n: 1000}, st, ExportOptions{BaseURL: exportBaseURL})
		if err == nil || !strings.Contains(err.Error(), "đĩa đầy") {
			t.Errorf("a write error: %v", err)
		}
	})
}

func TestCDATA(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "<![CDATA[]]>",
		"a]]>b":                 "<![CDATA[a]]]]><![CDATA[>b]]>",
		"]]>]]>":                "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>",
		"x]]]>":                 "<![CDATA[x]]]]]><![CDATA[>]]>",
		"ký\x00tự\x1b lạ\uFFFE": "<![CDATA[kýtự lạ]]>",
		"hỏng \xc3(":            "<![CDATA[hỏng (]]>",
	} {
		got := cdata(in)
		if got != want {
			t.Errorf("cdata(%q) = %q, want %q", in, got, want)
		}
		var back struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte("<x>"+got+"</x>"), &back); err != nil || back.Text != xmlChars(in) {
			t.Errorf("cdata(%q) reads back as %q, %v", in, back.Text, err)
		}
	}
}

// TestExportPagesThroughALargePaper: more articles, tags and photos than
// one page of the store, each written once.
func TestExportPagesThroughALargePaper(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sec, err := st.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		if err != nil {
			t.Fatal(err)
		}
		const n = 2*exportPage + 7
		for i := range n {
			key := strconv.Itoa(100000 + i)
			if _, err := st.CreateImage(ctx, news.System(), news.Image{Key: "ab/" + key + strings.Repeat("0", 32-len(key)) + ".jpg", MIME: "image/jpeg", Width: 10, Height: 10, Bytes: 10}); err != nil {
				t.Fatal(err)
			}
		}
		articles := make([]news.Article, n)
		for i := range articles {
			articles[i] = news.Article{Slug: "bai-" + strconv.Itoa(i), Title: "Bài số " + strconv.Itoa(i), Body: "<p>Nội dung.</p>", SectionID: sec.ID,
				Status: news.Published, PublishedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour),
				Tags: []news.Tag{{Slug: "the-" + strconv.Itoa(i), Name: "Thẻ " + strconv.Itoa(i)}}}
		}
		if err := st.CreateArticles(ctx, news.System(), articles); err != nil {
			t.Fatal(err)
		}
		last, err := st.ExportArticles(ctx, 2*exportPage, 1)
		if err != nil || len(last) != 1 {
			t.Fatalf("the article after two pages: %v %v", last, err)
		}
		if _, err := st.CreateComment(ctx, news.Comment{ArticleID: last[0].ID, Name: "Bạn đọc", Body: "Bài hay", Status: news.CommentPublished}); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		sum, err := Export(ctx, &out, st, ExportOptions{BaseURL: exportBaseURL})
		if err != nil || sum != (ExportSummary{Articles: n, Sections: 1, Tags: n, Photos: n, Comments: 1}) {
			t.Fatalf("summary %+v, %v", sum, err)
		}
		path := filepath.Join(t.TempDir(), "xuat.xml")
		if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		got := readFile(t, path, Options{})
		if len(got.stories) != n || len(got.photos) != n || strings.Count(out.String(), "<wp:tag>") != n {
			t.Errorf("read back %d stories, %d photos, %d tags", len(got.stories), len(got.photos), strings.Count(out.String(), "<wp:tag>"))
		}
		if s := got.stories["post:"+strconv.FormatInt(last[0].ID, 10)]; len(s.Comments) != 1 || s.Tags[0] != "Thẻ "+strconv.Itoa(2*exportPage) {
			t.Errorf("the article on the third page: %+v", s)
		}
	})
}
