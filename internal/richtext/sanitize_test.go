package richtext

import (
	"strings"
	"testing"
)

func TestBody(t *testing.T) {
	t.Parallel()
	p := NewPolicy()
	tests := []struct {
		name, in  string
		want      string // must appear in the output
		forbidden []string
	}{
		{"paragraph and heading kept", "<h2>Tiêu đề phụ</h2><p>Đoạn <strong>đậm</strong> và <em>nghiêng</em>.</p>",
			"<h2>Tiêu đề phụ</h2><p>Đoạn <strong>đậm</strong> và <em>nghiêng</em>.</p>", nil},
		{"figure with caption kept", `<figure data-image-id="3"><img src="/media/ab/x.jpg" alt="Cầu" width="800" height="450" loading="lazy"><figcaption>Cầu mới <span class="credit">Ảnh: An</span></figcaption></figure>`,
			`<figcaption>Cầu mới <span class="credit">Ảnh: An</span></figcaption>`, nil},
		{"script removed", `<p>Chào</p><script>alert("x")</script>`, "<p>Chào</p>", []string{"script", "alert"}},
		{"event handler removed", `<img src="/a.jpg" onerror="alert(1)">`, `<img src="/a.jpg">`, []string{"onerror"}},
		{"javascript link removed", `<a href="javascript:alert(1)">bấm</a>`, "bấm", []string{"javascript"}},
		{"data link removed", `<a href="data:text/html,<script>alert(1)</script>">x</a>`, "x", []string{"data:"}},
		{"https link kept", `<a href="https://baohatinh.vn/">báo</a>`, `<a href="https://baohatinh.vn/"`, nil},
		{"iframe removed", `<iframe src="https://evil.example"></iframe><p>ok</p>`, "<p>ok</p>", []string{"evil"}},
		{"youtube video kept", `<figure class="video"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" width="560" height="315" title="Video" loading="lazy" allowfullscreen=""></iframe></figure>`,
			`<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" width="560" height="315" title="Video" loading="lazy"`, nil},
		{"other iframe source dropped", `<iframe src="https://www.youtube-nocookie.com.evil.example/embed/x"></iframe>`, "", []string{"evil"}},
		{"style removed", `<p style="background:url(javascript:x)">a</p>`, "<p>a</p>", []string{"style"}},
		{"unknown class removed", `<p class="x-evil">a</p>`, "<p>a</p>", []string{"x-evil"}},
		{"width must be a number", `<img src="/a.jpg" width="100%;x">`, `<img src="/a.jpg">`, []string{"100%"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := p.Body(tt.in)
			if !strings.Contains(got, tt.want) {
				t.Errorf("Body(%q) = %q, want it to contain %q", tt.in, got, tt.want)
			}
			for _, f := range tt.forbidden {
				if strings.Contains(got, f) {
					t.Errorf("Body(%q) = %q still contains %q", tt.in, got, f)
				}
			}
		})
	}
}

// TestEmbeds keeps the three allowed players and the paper's own video
// block, and drops every other frame however it is dressed.
func TestEmbeds(t *testing.T) {
	t.Parallel()
	p := NewPolicy()
	kept := []string{
		`https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ`,
		`https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fbaohatinh%2Fvideos%2F1234567890%2F&show_text=false&width=560`,
		`https://www.tiktok.com/embed/v2/7234567890123456789`,
	}
	for _, src := range kept {
		got := p.Body(`<figure class="video"><iframe src="` + strings.ReplaceAll(src, "&", "&amp;") + `" width="560" height="315" title="Video" allowfullscreen></iframe></figure>`)
		if !strings.Contains(got, `src="`+strings.ReplaceAll(src, "&", "&amp;")+`"`) {
			t.Errorf("the player at %s was dropped: %q", src, got)
		}
	}
	hostile := map[string]string{
		"javascript":            `<iframe src="javascript:alert(1)"></iframe>`,
		"data":                  `<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`,
		"srcdoc":                `<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;" src="https://www.tiktok.com/embed/v2/7234567890123456789"></iframe>`,
		"other host":            `<iframe src="https://evil.example/embed/v2/7234567890"></iframe>`,
		"look-alike host":       `<iframe src="https://www.tiktok.com.evil.example/embed/v2/7234567890"></iframe>`,
		"facebook other plugin": `<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fevil.example%2F"></iframe>`,
		"facebook other href":   `<iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.example%2Fx"></iframe>`,
		"facebook extra param":  `<iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fx&amp;next=https://evil.example"></iframe>`,
		"tiktok path":           `<iframe src="https://www.tiktok.com/@evil/video/123"></iframe>`,
		"http youtube":          `<iframe src="http://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>`,
		"youtube tracking host": `<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>`,
		"protocol-relative":     `<iframe src="//www.tiktok.com/embed/v2/7234567890123456789"></iframe>`,
		"handler":               `<iframe src="https://www.tiktok.com/embed/v2/7234567890123456789" onload="alert(1)"></iframe>`,
		"object":                `<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x">`,
	}
	for name, in := range hostile {
		got := p.Body(in)
		for _, bad := range []string{"javascript", "data:", "srcdoc", "evil", "alert", "@evil", "youtube.com/", "http://", `src="//`, "onload", "<object", "<embed"} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: Body(%q) = %q keeps %q", name, in, got, bad)
			}
		}
	}
	if got := p.Body(`<figure class="video" data-media-id="42"></figure>`); got != `<figure class="video" data-media-id="42"></figure>` {
		t.Errorf("the paper's video block became %q", got)
	}
	if got := p.Body(`<figure class="video" data-media-id="42 onload=x"></figure>`); strings.Contains(got, "data-media-id") {
		t.Errorf("a media id that is not a number was kept: %q", got)
	}
}
