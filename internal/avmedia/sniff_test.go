package avmedia

import "testing"

func TestSniff(t *testing.T) {
	for _, c := range []struct {
		head string
		ext  string
	}{
		{"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", ".mp4"},
		{"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", ".mp4"},
		{"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00", ".mp4"},
		{"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", ""},
		{"\x1a\x45\xdf\xa3\x9f\x42\x86\x81", ".webm"},
		{"ID3\x04\x00\x00\x00\x00\x00\x00", ".mp3"},
		{"\xff\xfb\x90\x64\x00", ".mp3"},
		{"\xff\xd8\xff\xe0\x00\x10JFIF", ""},
		{"RIFF\x24\x00\x00\x00WAVEfmt ", ".wav"},
		{"RIFF\x24\x00\x00\x00WEBPVP8 ", ""},
		{"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n", ""},
		{"", ""},
	} {
		ext, ok := Sniff([]byte(c.head))
		if ext != c.ext || ok != (c.ext != "") {
			t.Errorf("Sniff(%q) = %q, %v; want %q", c.head, ext, ok, c.ext)
		}
	}
}
