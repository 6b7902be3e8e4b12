package wordpress

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/importer"
)

// wxr is a small WXR file around items.
func wxr(items string) string {
	return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Báo thử</title>
	<link>https://baothu.example</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://baothu.example</wp:base_site_url>
	<wp:base_blog_url>https://baothu.example</wp:base_blog_url>
` + items + `
</channel>
</rss>
`
}

func post(id int, title, body string) string {
	return `<item><title><![CDATA[` + title + `]]></title><link>https://baothu.example/?p=` + strconv.Itoa(id) + `</link>
<dc:creator><![CDATA[admin]]></dc:creator><content:encoded><![CDATA[` + body + `]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>` + strconv.Itoa(id) + `</wp:post_id><wp:post_date><![CDATA[2024-05-01 08:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-05-01 01:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[bai-` + strconv.Itoa(id) + `]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>
`
}

func writeFile(t testing.TB, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenRefusesHostileAndBrokenFiles(t *testing.T) {
	whole, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	truncated := string(whole[:len(whole)*2/3])
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
` + strings.Replace(wxr(post(1, "&lol9;", "x")), `<?xml version="1.0" encoding="UTF-8" ?>`, "", 1)
	external := strings.Replace(wxr(post(1, "&xxe;", "x")), "<rss", `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`+"\n<rss", 1)
	tests := []struct {
		name, content string
		line          int
		says          string
	}{
		{"cut short", truncated, strings.Count(truncated, "\n") + 1, "kết thúc giữa chừng"},
		{"billion laughs", laughs, 2, "<!DOCTYPE>"},
		{"external entity", external, 2, "<!DOCTYPE>"},
		{"an entity without a DTD", wxr("<item><title>a&nbsp;b</title></item>"), 10, "XML hỏng"},
		{"an HTML page", "<!DOCTYPE html>\n<html><head><title>Báo</title></head><body><p>Trang</p></body></html>", 1, "<!DOCTYPE>"},
		{"not XML", "\xff\xd8\xff\xe0\x00\x10JFIF\x00 ảnh JPEG", 1, "XML hỏng"},
		{"plain text", "Đây là một bài báo, không phải tệp XML.", 0, "không phải XML"},
		{"empty", "", 0, "không phải XML"},
		{"an Atom feed", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`, 1, "phần tử gốc là <feed>"},
		{"plain RSS without WordPress's namespace", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>y</title></item></channel></rss>`, 1, "không gian tên wp"},
		{"RSS with no channel", `<rss xmlns:wp="http://wordpress.org/export/1.2/"><item/></rss>`, 0, "không có <channel>"},
		{"no address of the site", `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>x</title></channel></rss>`, 0, "không ghi địa chỉ trang"},
		{"mismatched tags", wxr("<item><title>x</item></title>"), 0, "XML hỏng"},
		{"invalid UTF-8", wxr(post(1, "Ti\xeau \xc4\x91\xe1", "x")), 0, "XML hỏng"},
		{"another encoding", strings.Replace(wxr(""), `encoding="UTF-8"`, `encoding="windows-1258"`, 1), 1, "UTF-8"},
		{"more after the end", wxr("") + "<rss><<<", 13, "sau </rss>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(writeFile(t, tt.content), Options{})
			var fe *FileError
			if err == nil || !errors.As(err, &fe) {
				t.Fatalf("Open = %v, %v; want a FileError", r, err)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
			if tt.line != 0 && fe.Line != tt.line {
				t.Errorf("error names line %d, want %d: %v", fe.Line, tt.line, err)
			}
			if fe.Line != 0 && !strings.Contains(err.Error(), "dòng "+strconv.Itoa(fe.Line)) {
				t.Errorf("error does not name its line: %v", err)
			}
		})
	}
	if _, err := Open(filepath.Join(t.TempDir(), "khong-co.xml"), Options{}); err == nil || !strings.Contains(err.Error(), "không mở được") {
		t.Errorf("a missing file: %v", err)
	}
}

// TestOversizedElements: one element past the bound refuses the file
// before its whole text is in memory; a title longer than WordPress
// stores skips that post only.
func TestOversizedElements(t *testing.T) {
	body := strings.Repeat("<p>Nội dung rất dài. </p>", 40000) // about 1 MB
	path := writeFile(t, wxr(post(1, "Bài dài", body)))
	_, err := Open(path, Options{MaxElementBytes: 256 << 10})
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "dài quá giới hạn") || fe.Line != 11 {
		t.Errorf("a 1 MB body past a 256 KB bound: %v", err)
	}
	got := readFile(t, path, Options{})
	if len(got.stories["post:1"].Body) < 900<<10 {
		t.Errorf("the same body within the default bound: %d bytes", len(got.stories["post:1"].Body))
	}

	title := strings.Repeat("Tiêu đề ", 1<<20)
	path = writeFile(t, wxr(post(1, title, "x")+post(2, "Bài thường", "<p>Bình thường</p>")))
	got = readFile(t, path, Options{})
	if _, ok := got.stories["post:1"]; ok {
		t.Error("a 10 MB title became a story")
	}
	if got.stories["post:2"].Title != "Bài thường" {
		t.Errorf("the next post was not read: %+v", got.stories)
	}
	if len(got.warnings) != 1 || got.warnings[0].Item != "bài 1" || !strings.Contains(got.warnings[0].Message, "tiêu đề dài "+strconv.Itoa(len(title))+" byte") {
		t.Errorf("warnings: %+v", got.warnings)
	}
}

// TestUploadsCannotBeLeft: a photo's _wp_attached_file names a file under
// the uploads folder, never one outside it.
func TestUploadsCannotBeLeft(t *testing.T) {
	uploads := t.TempDir()
	secret := filepath.Join(filepath.Dir(uploads), "secret.jpg")
	if err := os.WriteFile(secret, []byte("bí mật"), 0o600); err != nil {
		t.Fatal(err)
	}
	item := func(id int, attached string) string {
		return `<item><title>a</title><guid isPermaLink="false">https://baothu.example/wp-content/uploads/a.jpg</guid>
<excerpt:encoded><![CDATA[<script>alert(1)</script>Chú thích]]></excerpt:encoded><wp:post_id>` + strconv.Itoa(id) + `</wp:post_id>
<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url><![CDATA[https://baothu.example/wp-content/uploads/a.jpg]]></wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value><![CDATA[` + attached + `]]></wp:meta_value></wp:postmeta></item>`
	}
	path := writeFile(t, wxr(item(1, "../secret.jpg")+item(2, secret)+item(3, "2024/../../secret.jpg")))
	got := readFile(t, path, Options{Uploads: uploads})
	for key, p := range got.photos {
		if p.File != "" || p.URL != "https://baothu.example/wp-content/uploads/a.jpg" {
			t.Errorf("%s: File %q URL %q", key, p.File, p.URL)
		}
		if p.Caption != "Chú thích" {
			t.Errorf("%s: caption %q", key, p.Caption)
		}
	}
	if len(got.photos) != 3 {
		t.Errorf("%d photos", len(got.photos))
	}
}

// TestMemoryDoesNotGrowWithPosts reads a file of many posts and checks
// that what is held after the last one is not the posts read before it.
func TestMemoryDoesNotGrowWithPosts(t *testing.T) {
	var b strings.Builder
	body := strings.Repeat("<p>Đoạn văn của một bài báo tỉnh, đủ dài để đo.</p>\n", 50)
	for i := 1; i <= 4000; i++ {
		b.WriteString(post(i, "Bài số "+strconv.Itoa(i), body))
	}
	r, err := Open(writeFile(t, wxr(b.String())), Options{})
	if err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var first, last uint64
	n := 0
	err = r.Each(context.Background(), func(it importer.Item) error {
		if it.Story == nil {
			return nil
		}
		switch n++; n {
		case 100:
			first = heap()
		case 4000:
			last = heap()
		}
		return nil
	})
	if err != nil || n != 4000 {
		t.Fatalf("read %d stories: %v", n, err)
	}
	if last > first+4<<20 {
		t.Errorf("heap grew from %d to %d bytes over 3,900 posts of about 3 KB", first, last)
	}
}
