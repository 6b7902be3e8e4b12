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
