package wordpress

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestReadAttachmentMeta(t *testing.T) {
	// As WordPress 6 stores a photo it scaled down: lengths in bytes, so
	// "Ảnh: Minh Anh" counts 15.
	const meta = `a:7:{s:5:"width";i:2560;s:6:"height";i:1707;s:4:"file";s:28:"2023/11/le-hoi-cau-ngu-scaled.jpg";` +
		`s:8:"filesize";i:512000;s:5:"sizes";a:2:{s:6:"medium";a:5:{s:4:"file";s:22:"le-hoi-cau-ngu-300x200.jpg";s:5:"width";i:300;s:6:"height";i:200;s:9:"mime-type";s:10:"image/jpeg";s:8:"filesize";i:1300;}` +
		`s:5:"large";a:4:{s:4:"file";s:24:"le-hoi-cau-ngu-1024x683.jpg";s:5:"width";i:1024;s:6:"height";i:683;s:9:"mime-type";s:10:"image/jpeg";}}` +
		`s:10:"image_meta";a:3:{s:8:"aperture";s:3:"2.8";s:6:"credit";s:15:"Ảnh: Minh Anh";s:8:"keywords";a:0:{}}s:14:"original_image";s:18:"le-hoi-cau-ngu.jpg";}`
	fixed := fixLengths(meta)
	got, err := readAttachmentMeta(fixed)
	if err != nil {
		t.Fatalf("%v\n%s", err, fixed)
	}
	want := attachmentMeta{file: "2023/11/le-hoi-cau-ngu-scaled.jpg", credit: "Ảnh: Minh Anh",
		sizes: []string{"le-hoi-cau-ngu-300x200.jpg", "le-hoi-cau-ngu-1024x683.jpg", "le-hoi-cau-ngu.jpg"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
	// Values PHP may write that the metadata does not use are read past.
	for _, ok := range []string{`a:2:{i:0;d:1.5;i:1;b:1;}`, `a:1:{s:1:"x";N;}`, `O:8:"stdClass":1:{s:4:"file";s:5:"a.jpg";}`, `s:0:"";`, `a:0:{}` + "\n"} {
		if _, err := parsePHP(ok); err != nil {
			t.Errorf("parsePHP(%q): %v", ok, err)
		}
	}
}

// fixLengths rewrites s:N:"..." counts in a test's hand-written value to
// the text's real length in bytes.
func fixLengths(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, `s:`)
		if i < 0 {
			return b.String() + s
		}
		b.WriteString(s[:i])
		s = s[i:]
		open := strings.Index(s, `:"`)
		end := strings.Index(s[open+2:], `";`)
		text := s[open+2 : open+2+end]
		b.WriteString("s:" + strconv.Itoa(len(text)) + `:"` + text + `";`)
		s = s[open+2+end+2:]
	}
}

func TestParsePHPRefusesWhatIsNotSerialized(t *testing.T) {
	deep := strings.Repeat("a:1:{i:0;", 40) + "i:1;" + strings.Repeat("}", 40)
	for name, bad := range map[string]string{
		"empty":                         "",
		"JSON":                          `{"file":"a.jpg"}`,
		"a string longer than said":     `s:3:"abcd";`,
		"a string shorter than said":    `s:9:"abc";`,
		"a count past the end":          `s:99999999999:"a";`,
		"an array count past the end":   `a:1000000:{}`,
		"an array key that is an array": `a:1:{a:0:{}i:1;}`,
		"cut short":                     `a:2:{s:4:"file";s:5:"a.jpg";`,
		"trailing text":                 `i:1;i:2;`,
		"nesting past the bound":        deep,
		"an unknown kind":               `x:1;`,
		"a negative length":             `s:-1:"";`,
	} {
		if _, err := parsePHP(bad); err == nil {
			t.Errorf("%s: %q accepted", name, bad)
		}
	}
}

func TestSerializePHPReadsBack(t *testing.T) {
	v := phpValue{pairs: []phpPair{
		{"width", phpValue{text: "640", number: true}},
		{"file", phpValue{text: "ab/0123456789abcdef0123456789abcdef.jpg"}},
		{"image_meta", phpValue{pairs: []phpPair{{"credit", phpValue{text: `Ảnh: "Quang Dũng"; a:1:{}`}}, {"keywords", phpValue{pairs: []phpPair{}}}}}},
	}}
	s := serializePHP(v)
	if !strings.HasPrefix(s, `a:3:{s:5:"width";i:640;s:4:"file";s:39:"ab/`) {
		t.Errorf("serialized as %s", s)
	}
	got, err := parsePHP(s)
	if err != nil {
		t.Fatalf("%v: %s", err, s)
	}
	if !reflect.DeepEqual(got, v) {
		t.Errorf("\n got %+v\nwant %+v", got, v)
	}
}
