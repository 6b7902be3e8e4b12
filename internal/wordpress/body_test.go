package wordpress

import (
	"reflect"
	"testing"
)

func TestConvertClassicBodies(t *testing.T) {
	tests := []struct {
		name, in, want string
		notes          []string
	}{
		{"blank lines are paragraphs, CRLF and lone CR too", "Đoạn một.\r\n\r\nĐoạn hai.\r\rĐoạn ba.", "<p>Đoạn một.</p>\n<p>Đoạn hai.</p>\n<p>Đoạn ba.</p>", nil},
		{"a single newline is a line break", "Dòng một\nDòng hai\n\nĐoạn sau", "<p>Dòng một<br>\nDòng hai</p>\n<p>Đoạn sau</p>", nil},
		{"block elements are not wrapped, text after them is", "<h2>Tiêu đề nhỏ</h2>\nĐoạn ngay sau.\n<ul>\n<li>Một</li>\n<li>Hai</li>\n</ul>",
			"<h2>Tiêu đề nhỏ</h2>\n<p>Đoạn ngay sau.</p>\n<ul>\n<li>Một</li>\n<li>Hai</li>\n</ul>", nil},
		{"paragraphs inside a quote", "<blockquote>Trích dẫn\n\nđoạn hai</blockquote>", "<blockquote>\n<p>Trích dẫn</p>\n<p>đoạn hai</p>\n</blockquote>", nil},
		{"an HTML body stays as it is", "<p>Một</p>\n<figure data-image-id=\"3\"><img src=\"/a.jpg\" alt=\"x\"><figcaption>Chú thích <span class=\"credit\">Ảnh: A</span></figcaption></figure>\n<p>Hai</p>",
			"<p>Một</p>\n<figure data-image-id=\"3\"><img src=\"/a.jpg\" alt=\"x\"><figcaption>Chú thích <span class=\"credit\">Ảnh: A</span></figcaption></figure>\n<p>Hai</p>", nil},
		{"HTML with paragraphs keeps its line breaks", "<blockquote><p>Một</p>\n<p>Hai\nba</p></blockquote>", "<blockquote><p>Một</p>\n<p>Hai\nba</p></blockquote>", nil},
		{"HTML with paragraphs still gets its embeds", "<p>a</p>\nhttps://youtu.be/Xk3mPq9Lr2s\n<p>b</p>\n[caption width=\"1\"]<img src=\"/a.jpg\"> Ảnh[/caption]",
			"<p>a</p>\n" + videoFigure("Xk3mPq9Lr2s") + "\n<p>b</p>\n<figure><img src=\"/a.jpg\"><figcaption>Ảnh</figcaption></figure>", nil},
		{"inline markup is wrapped", "<strong>Hà Tĩnh</strong> – sáng nay", "<p><strong>Hà Tĩnh</strong> – sáng nay</p>", nil},
		{"the teaser mark goes", "Mở đầu.\n<!--more-->\nPhần sau.", "<p>Mở đầu.</p>\n<p>Phần sau.</p>", nil},
		{"a named teaser mark and page breaks go", "A<!--more Đọc tiếp-->B<!--nextpage-->C", "<p>ABC</p>", nil},
		{"caption with its text", `[caption id="attachment_9" align="aligncenter" width="800"]<img src="https://x.example/a-800x600.jpg" alt="Cầu" width="800" height="600" /> Chú thích ảnh[/caption]`,
			`<figure><img src="https://x.example/a-800x600.jpg" alt="Cầu" width="800" height="600" /><figcaption>Chú thích ảnh</figcaption></figure>`, nil},
		{"caption around a link to the photo's file", `[caption id="attachment_9" width="300"]<a href="https://x.example/a.jpg"><img src="https://x.example/a-300x200.jpg" alt="" /></a> Đêm hội[/caption]`,
			`<figure><img src="https://x.example/a-300x200.jpg" alt="" /><figcaption>Đêm hội</figcaption></figure>`, nil},
		{"caption in the attribute (before WordPress 3.4)", `[caption id="" align="alignleft" width="300" caption="Chú thích cũ"]<img src="/b.jpg" alt="b" />[/caption]`,
			`<figure><img src="/b.jpg" alt="b" /><figcaption>Chú thích cũ</figcaption></figure>`, nil},
		{"wp_caption and a caption without text", `[wp_caption width="300"]<img src="/c.jpg" />[/wp_caption]`, `<figure><img src="/c.jpg" /></figure>`, nil},
		{"caption text between paragraphs", "Trước.\n\n[caption width=\"1\"]<img src=\"/d.jpg\" alt=\"d\"> Ảnh: TTXVN[/caption]\nSau.",
			"<p>Trước.</p>\n<figure><img src=\"/d.jpg\" alt=\"d\"><figcaption>Ảnh: TTXVN</figcaption></figure>\n<p>Sau.</p>", nil},
		{"caption without a photo keeps its text", `[caption width="300"]Chỉ có chữ[/caption]`, `<p>Chỉ có chữ</p>`, nil},
		{"a photo linked to its file loses the link", `<a href="https://x.example/e.png?v=2"><img src="https://x.example/e-150x150.png" alt="e"></a>`,
			`<p><img src="https://x.example/e-150x150.png" alt="e"></p>`, nil},
		{"a photo linked to a page keeps it", `<a href="https://x.example/bai-viet/"><img src="/f.jpg" alt="f"></a>`, `<p><a href="https://x.example/bai-viet/"><img src="/f.jpg" alt="f"></a></p>`, nil},
		{"a bare YouTube address on its line is the video", "Trước.\n\nhttps://www.youtube.com/watch?v=Xk3mPq9Lr2s&t=30s\n\nSau.",
			"<p>Trước.</p>\n" + videoFigure("Xk3mPq9Lr2s") + "\n<p>Sau.</p>", nil},
		{"a video line inside a paragraph stands apart", "Xem video:\n  https://youtu.be/Xk3mPq9Lr2s  \nHết.",
			"<p>Xem video:</p>\n" + videoFigure("Xk3mPq9Lr2s") + "\n<p>Hết.</p>", nil},
		{"another bare address is a link", "https://baolamhong.example/bai-khac/?a=1&b=2", `<p><a href="https://baolamhong.example/bai-khac/?a=1&amp;b=2">https://baolamhong.example/bai-khac/?a=1&amp;b=2</a></p>`, nil},
		{"an address inside a sentence is left", "Xem https://youtu.be/Xk3mPq9Lr2s nhé", "<p>Xem https://youtu.be/Xk3mPq9Lr2s nhé</p>", nil},
		{"the embed shortcode", `[embed]https://www.youtube.com/shorts/Xk3mPq9Lr2s[/embed]`, videoFigure("Xk3mPq9Lr2s"), nil},
		{"a pasted YouTube player becomes ours", `<iframe width="560" height="315" src="https://www.youtube.com/embed/Xk3mPq9Lr2s?si=abc" frameborder="0" allowfullscreen></iframe>`,
			videoFigure("Xk3mPq9Lr2s"), nil},
		{"our own video figure stays one figure", videoFigure("Xk3mPq9Lr2s"), videoFigure("Xk3mPq9Lr2s"), nil},
		{"other players stay for the sanitizer", `<iframe src="https://evil.example/x"></iframe>`, `<p><iframe src="https://evil.example/x"></iframe></p>`, nil},
		{"galleries and players are dropped with a note", "Ảnh:\n\n[gallery ids=\"1,2,3\"]\n\n[video src=\"/v.mp4\"][/video]",
			"<p>Ảnh:</p>", []string{"bỏ mã ngắn [gallery] (không có tương đương)", "bỏ mã ngắn [video] (không có tương đương)"}},
		{"text in brackets is text", "[Ảnh: TTXVN] Bão số 3 đổ bộ [cập nhật]", "<p>[Ảnh: TTXVN] Bão số 3 đổ bộ [cập nhật]</p>", nil},
		{"scripts are left for the sanitizer", "<script>alert(1)</script>", "<p><script>alert(1)</script></p>", nil},
		{"empty", " \r\n ", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes := convertBody(tt.in)
			if got != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
			if !reflect.DeepEqual(notes, tt.notes) {
				t.Errorf("notes %q, want %q", notes, tt.notes)
			}
		})
	}
}

func TestConvertBlockBodies(t *testing.T) {
	tests := []struct {
		name, in, want string
		notes          []string
	}{
		{"paragraphs and headings lose their comments", "<!-- wp:paragraph -->\n<p>Một</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading {\"level\":3} -->\n<h3>Hai</h3>\n<!-- /wp:heading -->",
			"<p>Một</p>\n<h3>Hai</h3>", nil},
		{"an image keeps its figure and caption", `<!-- wp:image {"id":45,"sizeSlug":"large"} -->` + "\n" + `<figure class="wp-block-image size-large"><img src="/a-1024x683.jpg" alt="Cầu" class="wp-image-45"/><figcaption class="wp-element-caption">Chú thích</figcaption></figure>` + "\n<!-- /wp:image -->",
			`<figure class="wp-block-image size-large"><img src="/a-1024x683.jpg" alt="Cầu" class="wp-image-45"/><figcaption class="wp-element-caption">Chú thích</figcaption></figure>`, nil},
		{"a linked image loses the link to its file", `<!-- wp:image {"id":45,"linkDestination":"media"} -->` + "\n" + `<figure class="wp-block-image"><a href="/a.jpg"><img src="/a-300x200.jpg" alt=""/></a></figure>` + "\n<!-- /wp:image -->",
			`<figure class="wp-block-image"><img src="/a-300x200.jpg" alt=""/></figure>`, nil},
		{"wp:embed YouTube with its caption", `<!-- wp:embed {"url":"https://www.youtube.com/watch?v=Ab1Cd2Ef3Gh","type":"video","providerNameSlug":"youtube","responsive":true} -->` + "\n" +
			`<figure class="wp-block-embed is-type-video is-provider-youtube"><div class="wp-block-embed__wrapper">` + "\nhttps://www.youtube.com/watch?v=Ab1Cd2Ef3Gh\n" + `</div><figcaption class="wp-element-caption">Xả lũ</figcaption></figure>` + "\n<!-- /wp:embed -->",
			videoFigure("Ab1Cd2Ef3Gh") + "\n<p>Xả lũ</p>", nil},
		{"wp:core-embed/youtube of the 2019 editor", `<!-- wp:core-embed/youtube {"url":"https://youtu.be/Zz9Yy8Xx7Ww","type":"video","providerNameSlug":"youtube"} -->` + "\n" +
			`<figure class="wp-block-embed-youtube wp-block-embed"><div class="wp-block-embed__wrapper">` + "\nhttps://youtu.be/Zz9Yy8Xx7Ww\n</div></figure>\n<!-- /wp:core-embed/youtube -->",
			videoFigure("Zz9Yy8Xx7Ww"), nil},
		{"an embed without attributes takes the address in its markup", "<!-- wp:core-embed/youtube -->\n<figure><div>\nhttps://www.youtube.com/watch?v=Zz9Yy8Xx7Ww\n</div></figure>\n<!-- /wp:core-embed/youtube -->",
			videoFigure("Zz9Yy8Xx7Ww"), nil},
		{"another embed is a link", `<!-- wp:embed {"url":"https://www.facebook.com/baolamhong/posts/1","type":"rich"} -->` + "\n<figure><div>\nhttps://www.facebook.com/baolamhong/posts/1\n</div></figure>\n<!-- /wp:embed -->",
			`<p><a href="https://www.facebook.com/baolamhong/posts/1">https://www.facebook.com/baolamhong/posts/1</a></p>`, nil},
		{"an embed with no address at all", "<!-- wp:embed -->\n<figure></figure>\n<!-- /wp:embed -->", "", []string{"bỏ khối nhúng wp:embed không có địa chỉ"}},
		{"a list of list-item blocks (2023)", "<!-- wp:list {\"ordered\":true} -->\n<ol><!-- wp:list-item -->\n<li>Một</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>Hai<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Hai rưỡi</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list --></li>\n<!-- /wp:list-item --></ol>\n<!-- /wp:list -->",
			"<ol><li>Một</li>\n<li>Hai<ul><li>Hai rưỡi</li></ul></li></ol>", nil},
		{"a quote of paragraph blocks", "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>Câu một.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>Câu hai.</p>\n<!-- /wp:paragraph --><cite>Người nói</cite></blockquote>\n<!-- /wp:quote -->",
			"<blockquote class=\"wp-block-quote\"><p>Câu một.</p>\n<p>Câu hai.</p><cite>Người nói</cite></blockquote>", nil},
		{"the more block goes", "<!-- wp:paragraph -->\n<p>A</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n<!-- wp:paragraph -->\n<p>B</p>\n<!-- /wp:paragraph -->",
			"<p>A</p>\n<p>B</p>", nil},
		{"a more block with a custom text and void blocks of the editor's spacing", "<!-- wp:more {\"customText\":\"Đọc tiếp\"} -->\n<!--more Đọc tiếp-->\n<!-- /wp:more -->\n<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->\n<!-- wp:spacer /-->", "", nil},
		{"dynamic and reusable blocks are dropped with a note", `<!-- wp:latest-posts {"postsToShow":3} /-->` + "\n" + `<!-- wp:block {"ref":302} /-->`, "",
			[]string{"bỏ khối wp:latest-posts (nội dung do WordPress tạo tự động)", "bỏ khối dùng lại (wp:block): nội dung của nó không nằm trong bài"}},
		{"classic text between blocks gets paragraphs", "<!-- wp:paragraph -->\n<p>Khối.</p>\n<!-- /wp:paragraph -->\n\nChữ cũ\ndòng hai\n\n[caption width=\"1\"]<img src=\"/g.jpg\"> Ảnh cũ[/caption]",
			"<p>Khối.</p>\n<p>Chữ cũ<br>\ndòng hai</p>\n<figure><img src=\"/g.jpg\"><figcaption>Ảnh cũ</figcaption></figure>", nil},
		{"an HTML block keeps its HTML, YouTube players become ours", "<!-- wp:html -->\n<div class=\"x\"><iframe src=\"https://www.youtube-nocookie.com/embed/Xk3mPq9Lr2s\"></iframe></div>\n<!-- /wp:html -->",
			"<div class=\"x\">" + videoFigure("Xk3mPq9Lr2s") + "</div>", nil},
		{"a shortcode block is classic", "<!-- wp:shortcode -->\n[caption width=\"1\"]<img src=\"/h.jpg\"> Chú thích[/caption]\n<!-- /wp:shortcode -->",
			"<figure><img src=\"/h.jpg\"><figcaption>Chú thích</figcaption></figure>", nil},
		{"a namespaced plugin block keeps its markup", "<!-- wp:tdc/box {\"a\":{\"b\":1}} -->\n<div class=\"box\"><p>Hộp</p></div>\n<!-- /wp:tdc/box -->", "<div class=\"box\"><p>Hộp</p></div>", nil},
		{"an unclosed block runs to the end, a stray closer goes", "<!-- /wp:paragraph --><!-- wp:paragraph -->\n<p>Chưa đóng</p>", "<p>Chưa đóng</p>", nil},
		{"a gallery of images keeps its figures", "<!-- wp:gallery {\"linkTo\":\"none\"} -->\n<figure class=\"wp-block-gallery\"><!-- wp:image {\"id\":1} -->\n<figure class=\"wp-block-image\"><img src=\"/1.jpg\" alt=\"\"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->",
			"<figure class=\"wp-block-gallery\"><figure class=\"wp-block-image\"><img src=\"/1.jpg\" alt=\"\"/></figure></figure>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes := convertBody(tt.in)
			if got != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
			if !reflect.DeepEqual(notes, tt.notes) {
				t.Errorf("notes %q, want %q", notes, tt.notes)
			}
		})
	}
}

func TestLeadAndBody(t *testing.T) {
	tests := []struct {
		name, excerpt, content string
		lead, body             string
	}{
		{"the excerpt is the lead, as text", "<p>Sapô &amp; <em>tóm tắt</em></p>", "Mở đầu.\n<!--more-->\nPhần sau.", "Sapô & tóm tắt", "<p>Mở đầu.</p>\n<p>Phần sau.</p>"},
		{"else a one-paragraph teaser leaves the body for the lead", "", "Mở đầu ngắn.\r\n<!--more-->\r\nPhần sau.", "Mở đầu ngắn.", "<p>Phần sau.</p>"},
		{"a block teaser too", "", "<!-- wp:paragraph -->\n<p>Mở đầu.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n<!-- wp:paragraph -->\n<p>Sau.</p>\n<!-- /wp:paragraph -->",
			"Mở đầu.", "<p>Sau.</p>"},
		{"a teaser with a photo stays in the body", "", "[caption width=\"1\"]<img src=\"/a.jpg\"> Ảnh[/caption]\nMở đầu.\n<!--more-->\nSau.",
			"Mở đầu.", "<figure><img src=\"/a.jpg\"><figcaption>Ảnh</figcaption></figure>\n<p>Mở đầu.</p>\n<p>Sau.</p>"},
		{"a teaser of two paragraphs stays in the body", "", "Một.\n\nHai.\n<!--more-->\nBa.", "Một. Hai.", "<p>Một.</p>\n<p>Hai.</p>\n<p>Ba.</p>"},
		{"no excerpt, no teaser: no lead", "  ", "Chỉ có thân bài.", "", "<p>Chỉ có thân bài.</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lead, body, _ := leadAndBody(tt.excerpt, tt.content)
			if lead != tt.lead || body != tt.body {
				t.Errorf("\n got %q / %q\nwant %q / %q", lead, body, tt.lead, tt.body)
			}
		})
	}
}

func TestYoutubeID(t *testing.T) {
	tests := map[string]string{
		"https://www.youtube.com/watch?v=Xk3mPq9Lr2s":             "Xk3mPq9Lr2s",
		"http://youtube.com/watch?feature=share&v=Xk3mPq9Lr2s":    "Xk3mPq9Lr2s",
		"https://m.youtube.com/watch?v=Xk3mPq9Lr2s&amp;t=1":       "Xk3mPq9Lr2s",
		"https://youtu.be/Xk3mPq9Lr2s?si=xyz":                     "Xk3mPq9Lr2s",
		"https://www.youtube.com/embed/Xk3mPq9Lr2s":               "Xk3mPq9Lr2s",
		"//www.youtube.com/embed/Xk3mPq9Lr2s":                     "Xk3mPq9Lr2s",
		"https://www.youtube-nocookie.com/embed/Xk3mPq9Lr2s":      "Xk3mPq9Lr2s",
		"https://www.youtube.com/shorts/Xk3mPq9Lr2s":              "Xk3mPq9Lr2s",
		"https://www.youtube.com/live/Xk3mPq9Lr2s":                "Xk3mPq9Lr2s",
		"https://www.youtube.com/watch?v=short":                   "",
		"https://www.youtube.com/watch?v=Xk3mPq9Lr2s\"><script>":  "",
		"https://youtube.com.evil.example/watch?v=Xk3mPq9Lr2s":    "",
		"https://evil.example/?u=https://youtu.be/Xk3mPq9Lr2s":    "",
		"javascript:alert('https://youtu.be/Xk3mPq9Lr2s')":        "",
		"https://www.youtube.com/channel/UCxxxxxxxxxxxxxxxxxxxxx": "",
	}
	for in, want := range tests {
		if got := youtubeID(in); got != want {
			t.Errorf("youtubeID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlainTextAndParagraphs(t *testing.T) {
	if got := plainText("<!-- wp:paragraph --><p>Sapô\n có  <b>đậm</b> &amp; dòng</p>[caption]<img src=x> Ảnh[/caption]"); got != "Sapô có đậm & dòng" {
		t.Errorf("plainText: %q", got)
	}
	if got := plainText("Thu\u0309y lo\u031b\u0323i"); got != "Thủy lợi" {
		t.Errorf("plainText is not NFC: %q", got)
	}
	if got := paragraphs("<p>Một<br />hai</p>\r\n<p>Ba &lt;3</p>\n\n\nBốn\n<script>x</script>"); got != "Một\nhai\n\nBa <3\n\nBốn" {
		t.Errorf("paragraphs: %q", got)
	}
}
