package revdiff

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

func TestCompare(t *testing.T) {
	const hostile = `<script>alert(1)</script> "><img src=x onerror=alert(1)>`
	tests := []struct {
		name    string
		field   Field
		kinds   []string
		dels    []string // text of every <del> span, in order
		ins     []string // text of every <ins> span, in order
		changed bool
	}{
		{
			name:  "identical plain",
			field: Field{Old: "Mưa lớn ở Hà Nội\nĐường ngập", New: "Mưa lớn ở Hà Nội\nĐường ngập"},
			kinds: []string{"same", "same"},
		},
		{
			name:  "identical html with different markup whitespace",
			field: Field{HTML: true, Old: "<p>Mưa  lớn</p>\n<p>Đường ngập</p>", New: "<p>Mưa lớn</p><p>Đường\nngập</p>"},
			kinds: []string{"same", "same"},
		},
		{
			name:  "both empty",
			field: Field{HTML: true},
		},
		{
			name:    "word changed in a paragraph",
			field:   Field{HTML: true, Old: "<p>Mưa lớn ở Hà Nội</p><p>Đường ngập</p>", New: "<p>Mưa to ở Hà Nội</p><p>Đường ngập</p>"},
			kinds:   []string{"changed", "same"},
			dels:    []string{"lớn"},
			ins:     []string{"to"},
			changed: true,
		},
		{
			name:    "consecutive changed words form one span",
			field:   Field{Old: "Giá xăng tăng mạnh từ hôm nay", New: "Giá xăng giảm nhẹ từ hôm nay"},
			kinds:   []string{"changed"},
			dels:    []string{"tăng mạnh"},
			ins:     []string{"giảm nhẹ"},
			changed: true,
		},
		{
			name:    "punctuation stays attached",
			field:   Field{Old: "Trời mưa ở Hà Nội.", New: "Trời mưa ở Hà Nội, Hải Phòng."},
			kinds:   []string{"changed"},
			dels:    []string{"Nội."},
			ins:     []string{"Nội, Hải Phòng."},
			changed: true,
		},
		{
			name:    "Vietnamese tone mark change",
			field:   Field{Old: "Bão đổ bộ Hà Tĩnh chiều nay", New: "Bão đổ bộ Hà Tịnh chiều nay"},
			kinds:   []string{"changed"},
			dels:    []string{"Tĩnh"},
			ins:     []string{"Tịnh"},
			changed: true,
		},
		{
			name:  "NFD old equals NFC new",
			field: Field{Old: norm.NFD.String("Bão đổ bộ Hà Tĩnh"), New: norm.NFC.String("Bão đổ bộ Hà Tĩnh")},
			kinds: []string{"same"},
		},
		{
			name:  "NFD html body equals NFC",
			field: Field{HTML: true, Old: norm.NFD.String("<h2>Diễn biến</h2><p>Người dân sơ tán</p>"), New: "<h2>Diễn biến</h2><p>Người dân sơ tán</p>"},
			kinds: []string{"same", "same"},
		},
		{
			name:    "paragraph added in the middle",
			field:   Field{HTML: true, Old: "<p>Một hai ba</p><p>Bốn năm sáu</p>", New: "<p>Một hai ba</p><p>Đoạn mới</p><p>Bốn năm sáu</p>"},
			kinds:   []string{"same", "added", "same"},
			ins:     []string{"Đoạn mới"},
			changed: true,
		},
		{
			name:    "paragraph removed from the middle",
			field:   Field{HTML: true, Old: "<p>Một hai ba</p><p>Đoạn cũ</p><p>Bốn năm sáu</p>", New: "<p>Một hai ba</p><p>Bốn năm sáu</p>"},
			kinds:   []string{"same", "removed", "same"},
			dels:    []string{"Đoạn cũ"},
			changed: true,
		},
		{
			name:    "paragraph moved shows as removed and added",
			field:   Field{HTML: true, Old: "<p>Mở đầu</p><p>Đoạn B</p><p>Đoạn C</p><p>Đoạn D</p>", New: "<p>Mở đầu</p><p>Đoạn C</p><p>Đoạn D</p><p>Đoạn B</p>"},
			kinds:   []string{"same", "removed", "same", "same", "added"},
			dels:    []string{"Đoạn B"},
			ins:     []string{"Đoạn B"},
			changed: true,
		},
		{
			name:    "unrelated rewrite shows as removed and added",
			field:   Field{HTML: true, Old: "<p>Giá vàng tăng</p>", New: "<p>Đội tuyển thắng đậm</p>"},
			kinds:   []string{"removed", "added"},
			dels:    []string{"Giá vàng tăng"},
			ins:     []string{"Đội tuyển thắng đậm"},
			changed: true,
		},
		{
			name:    "paragraph inserted before an edited one",
			field:   Field{HTML: true, Old: "<p>Mở đầu</p><p>Sáng nay trời mưa to</p>", New: "<p>Mở đầu</p><p>Tin nóng</p><p>Sáng nay trời mưa nhỏ</p>"},
			kinds:   []string{"same", "added", "changed"},
			dels:    []string{"to"},
			ins:     []string{"Tin nóng", "nhỏ"},
			changed: true,
		},
		{
			name:    "heading text change",
			field:   Field{HTML: true, Old: "<h2>Diễn biến</h2><p>Nội dung</p>", New: "<h2>Diễn biến mới nhất</h2><p>Nội dung</p>"},
			kinds:   []string{"changed", "same"},
			ins:     []string{"mới nhất"},
			changed: true,
		},
		{
			name:    "paragraph turned heading",
			field:   Field{HTML: true, Old: "<p>Kết luận của đoàn</p>", New: "<h3>Kết luận của đoàn</h3>"},
			kinds:   []string{"changed"},
			ins:     []string{"##"},
			changed: true,
		},
		{
			name: "figure caption change",
			field: Field{HTML: true,
				Old: `<figure><img src="/a.jpg" alt="Cầu Rồng"><figcaption>Cầu Rồng phun lửa tối qua</figcaption></figure>`,
				New: `<figure><img src="/a.jpg" alt="Cầu Rồng"><figcaption>Cầu Rồng phun nước tối qua</figcaption></figure>`},
			kinds:   []string{"same", "changed"},
			dels:    []string{"lửa"},
			ins:     []string{"nước"},
			changed: true,
		},
		{
			name: "figure image alt change",
			field: Field{HTML: true,
				Old: `<figure><img src="/a.jpg" alt="Cầu Rồng"></figure>`,
				New: `<figure><img src="/b.jpg" alt="Cầu Sông Hàn"></figure>`},
			kinds:   []string{"changed"},
			dels:    []string{"Rồng]"},
			ins:     []string{"Sông Hàn]"},
			changed: true,
		},
		{
			name:    "hostile plain text is escaped",
			field:   Field{Old: "Tiêu đề", New: "Tiêu đề " + hostile},
			kinds:   []string{"changed"},
			ins:     []string{hostile},
			changed: true,
		},
		{
			name:    "hostile text in new body is escaped",
			field:   Field{HTML: true, New: "<p>" + html.EscapeString(hostile) + "</p>"},
			kinds:   []string{"added"},
			ins:     []string{hostile},
			changed: true,
		},
		{
			name:    "hostile markup in body becomes text",
			field:   Field{HTML: true, Old: `<p>"><img src=x onerror=alert(1)></p>`},
			kinds:   []string{"removed", "removed"},
			dels:    []string{`">`, "[Ảnh: x]"},
			changed: true,
		},
		{
			name:    "empty old is a new article",
			field:   Field{HTML: true, New: "<h2>Tin mới</h2><p>Nội dung</p>"},
			kinds:   []string{"added", "added"},
			ins:     []string{"## Tin mới", "Nội dung"},
			changed: true,
		},
		{
			name:    "empty new",
			field:   Field{Old: "Sapô cũ\nDòng hai"},
			kinds:   []string{"removed", "removed"},
			dels:    []string{"Sapô cũ", "Dòng hai"},
			changed: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.field.Name = "Nội dung"
			got := Compare([]Field{tt.field})
			if len(got) != 1 || got[0].Name != "Nội dung" {
				t.Fatalf("Compare returned %+v, want one diff named Nội dung", got)
			}
			d := got[0]
			var kinds, dels, ins []string
			for _, r := range d.Rows {
				kinds = append(kinds, r.Kind)
				dels = append(dels, spans(t, r.Left, "del")...)
				ins = append(ins, spans(t, r.Right, "ins")...)
			}
			if !slices.Equal(kinds, tt.kinds) {
				t.Errorf("kinds = %q, want %q", kinds, tt.kinds)
			}
			if !slices.Equal(dels, tt.dels) {
				t.Errorf("<del> spans = %q, want %q", dels, tt.dels)
			}
			if !slices.Equal(ins, tt.ins) {
				t.Errorf("<ins> spans = %q, want %q", ins, tt.ins)
			}
			if d.Changed != tt.changed {
				t.Errorf("Changed = %v, want %v", d.Changed, tt.changed)
			}
			checkSides(t, tt.field, d.Rows)
		})
	}
}

// checkSides checks what every diff must satisfy: each side's text, read
// back as a browser would, is exactly the blocks of that version, and the
// sides are empty where the row kind says so.
func checkSides(t *testing.T, f Field, rows []Row) {
	t.Helper()
	split := plainBlocks
	if f.HTML {
		split = htmlBlocks
	}
	var left, right []string
	for _, r := range rows {
		if r.Kind == KindAdded {
			if r.Left != "" {
				t.Errorf("added row has left side %q", r.Left)
			}
		} else {
			left = append(left, text(t, r.Left))
		}
		if r.Kind == KindRemoved {
			if r.Right != "" {
				t.Errorf("removed row has right side %q", r.Right)
			}
		} else {
			right = append(right, text(t, r.Right))
		}
		if r.Kind == KindSame && (r.Left != r.Right || strings.Contains(string(r.Left), "<")) {
			t.Errorf("same row %q | %q has marks or differs", r.Left, r.Right)
		}
	}
	if want := split(f.Old); !slices.Equal(left, want) {
		t.Errorf("left side reads %q, want old blocks %q", left, want)
	}
	if want := split(f.New); !slices.Equal(right, want) {
		t.Errorf("right side reads %q, want new blocks %q", right, want)
	}
}

// parse reads one side of a row as a browser would and fails the test if it
// holds any element other than <del> and <ins>.
func parse(t *testing.T, s template.HTML) []*html.Node {
	t.Helper()
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(string(s)), ctx)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	for _, n := range nodes {
		if n.Type == html.ElementNode && n.Data != "del" && n.Data != "ins" {
			t.Errorf("output %q contains <%s>", s, n.Data)
		}
		if n.Type == html.ElementNode && n.FirstChild != nil && n.FirstChild.Type != html.TextNode {
			t.Errorf("output %q nests elements in <%s>", s, n.Data)
		}
	}
	return nodes
}

// spans returns the text of each top-level <tag> element in s.
func spans(t *testing.T, s template.HTML, tag string) []string {
	t.Helper()
	var out []string
	for _, n := range parse(t, s) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n.FirstChild.Data)
		}
	}
	return out
}

// text returns the visible text of s.
func text(t *testing.T, s template.HTML) string {
	t.Helper()
	var b strings.Builder
	for _, n := range parse(t, s) {
		if n.Type == html.ElementNode {
			n = n.FirstChild
		}
		b.WriteString(n.Data)
	}
	return b.String()
}

func TestCompareMany(t *testing.T) {
	got := Compare([]Field{
		{Name: "Tiêu đề", Old: "Bão số 3", New: "Bão số 3"},
		{Name: "Sapô", Old: "Chiều nay bão vào bờ", New: "Tối nay bão vào bờ"},
	})
	if len(got) != 2 || got[0].Name != "Tiêu đề" || got[1].Name != "Sapô" {
		t.Fatalf("Compare returned %+v, want Tiêu đề then Sapô", got)
	}
	if got[0].Changed || !got[1].Changed {
		t.Errorf("Changed = %v, %v; want false, true", got[0].Changed, got[1].Changed)
	}
}

func TestHTMLBlocks(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"paragraphs and headings", "<h2>Tiêu  đề</h2><p>Một\n hai</p><h4>Nhỏ</h4>", []string{"## Tiêu đề", "Một hai", "## Nhỏ"}},
		{"inline markup joins words", "<p>Hà <b>Nội</b> <a href=x>hôm</a><i>nay</i></p>", []string{"Hà Nội hômnay"}},
		{"unclosed paragraphs", "<p>Một<p>Hai", []string{"Một", "Hai"}},
		{"nested quote", "<blockquote><p>Trích</p><p>dẫn</p></blockquote>", []string{"Trích", "dẫn"}},
		{"list and table", "<ul><li>A<li>B</ul><table><tr><td>C</td><td>D</td></tr></table>", []string{"A", "B", "C", "D"}},
		{"figure", `<figure><img src="/p.jpg" alt=" Ảnh  hiện trường "><figcaption>Chú thích</figcaption></figure>`, []string{"[Ảnh: Ảnh hiện trường]", "Chú thích"}},
		{"image without alt shows its address", `<p><img src="/p.jpg"></p>`, []string{"[Ảnh: /p.jpg]"}},
		{"no-break spaces and br", "<p>Hà&nbsp;&nbsp;Nội<br>ngày</p>", []string{"Hà Nội ngày"}},
		{"script and comments dropped", "<p>A<!-- x --></p><script>alert(1)</script><style>p{}</style>", []string{"A"}},
		{"loose text", "Đầu<p>Giữa</p>Cuối", []string{"Đầu", "Giữa", "Cuối"}},
		{"empty paragraphs dropped", "<p> </p><p>&nbsp;</p><p>A</p>", []string{"A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlBlocks(tt.body); !slices.Equal(got, tt.want) {
				t.Errorf("htmlBlocks(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}

// TestDiffBlocksMinimal checks the Myers implementation against the textbook
// dynamic-programming LCS on many small random inputs: the script must turn
// a into b, and be as short as possible.
func TestDiffBlocksMinimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, alphabet := range []int{2, 4, 20} {
		t.Run(fmt.Sprintf("alphabet %d", alphabet), func(t *testing.T) {
			for range 2000 {
				a, b := randomBlocks(r, alphabet), randomBlocks(r, alphabet)
				edits := diffBlocks(a, b)
				checkScript(t, a, b, edits)
				ia, ib := intern(a, b)
				want := appendLCS(nil, ia, ib, 0)
				if got, shortest := len(edits), len(want); got != shortest {
					t.Fatalf("diffBlocks(%q, %q) has %d steps, shortest is %d", a, b, got, shortest)
				}
			}
		})
	}
}

func randomBlocks(r *rand.Rand, alphabet int) []string {
	s := make([]string, r.IntN(15))
	for i := range s {
		s[i] = string(rune('a' + r.IntN(alphabet)))
	}
	return s
}

// checkScript fails unless edits walks a and b in order and turns a into b.
func checkScript(t *testing.T, a, b []string, edits []edit) {
	t.Helper()
	i, j := 0, 0
	for _, e := range edits {
		switch e.kind {
		case opEqual:
			if e.a != i || e.b != j || a[i] != b[j] {
				t.Fatalf("%q → %q: bad equal step %+v at %d,%d", a, b, e, i, j)
			}
			i, j = i+1, j+1
		case opDelete:
			if e.a != i {
				t.Fatalf("%q → %q: bad delete step %+v at %d,%d", a, b, e, i, j)
			}
			i++
		case opInsert:
			if e.b != j {
				t.Fatalf("%q → %q: bad insert step %+v at %d,%d", a, b, e, i, j)
			}
			j++
		}
	}
	if i != len(a) || j != len(b) {
		t.Fatalf("%q → %q: script ends at %d,%d", a, b, i, j)
	}
}

func TestDiffWordsFallsBackOnHugePairs(t *testing.T) {
	tests := []struct {
		name  string
		words int
		spans int // <del> spans on the left
	}{
		{"within the bound every word is diffed", 1000, 1000 / 4},
		{"past the bound the middle is one span", 3000, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Every fourth word differs, from the first to the last, so
			// nothing is trimmed and the table is words² cells.
			var old, cur []string
			for i := range tt.words {
				w := fmt.Sprintf("từ%d", i)
				old = append(old, w)
				if i%4 == 0 {
					w = "khác"
				}
				cur = append(cur, w)
			}
			row := changedRow(old, cur)
			if got := len(spans(t, row.Left, "del")); got != tt.spans {
				t.Errorf("left has %d <del> spans, want %d", got, tt.spans)
			}
			if got, want := text(t, row.Left), strings.Join(old, " "); got != want {
				t.Errorf("left text differs from the old block")
			}
		})
	}
}

// article builds a body of about paragraphs×20 words from Vietnamese
// syllables, deterministically.
func article(paragraphs int) []string {
	syllables := strings.Fields("Hà Nội Tĩnh thành phố người dân mưa lớn bão số ba đổ bộ chiều nay sơ tán " +
		"đường ngập nước giá xăng tăng giảm học sinh trường đội tuyển bóng đá thắng kinh tế quốc hội")
	r := rand.New(rand.NewPCG(7, 7))
	ps := make([]string, paragraphs)
	for i := range ps {
		words := make([]string, 20)
		for j := range words {
			words[j] = syllables[r.IntN(len(syllables))]
		}
		ps[i] = strings.Join(words, " ")
	}
	return ps
}

func body(ps []string) string {
	var b strings.Builder
	for i, p := range ps {
		if i%25 == 0 {
			fmt.Fprintf(&b, "<h2>Phần %d</h2>", i/25)
		}
		b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	return b.String()
}

// BenchmarkCompareLarge compares a 5,000-word article with a revision that
// edits a few words, inserts one paragraph and deletes another: the common
// case the page must render quickly.
func BenchmarkCompareLarge(b *testing.B) {
	old := article(250)
	cur := slices.Clone(old)
	cur[10] = strings.Replace(cur[10], " ", " Hà Tịnh ", 1)
	cur[120] = "Quốc hội " + cur[120]
	cur[240] = cur[240] + " mới."
	cur = slices.Delete(cur, 60, 61)
	cur = slices.Insert(cur, 200, "Đoạn hoàn toàn mới được thêm vào bản sửa.")
	fields := []Field{{Name: "Nội dung", HTML: true, Old: body(old), New: body(cur)}}
	for b.Loop() {
		if d := Compare(fields); !d[0].Changed {
			b.Fatal("no change found")
		}
	}
}

// BenchmarkCompareRewrite is the worst case for the block diff: every
// paragraph of a 10,000-word article replaced.
func BenchmarkCompareRewrite(b *testing.B) {
	old := article(500)
	cur := make([]string, len(old))
	for i, p := range old {
		cur[len(old)-1-i] = p + " sửa"
	}
	fields := []Field{{Name: "Nội dung", HTML: true, Old: body(old), New: body(cur)}}
	for b.Loop() {
		Compare(fields)
	}
}
