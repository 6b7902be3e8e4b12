package media

import "testing"

func TestAVURL(t *testing.T) {
	for in, want := range map[string]string{
		"": "",
		"ab/0123456789abcdef0123456789abcdef/master.m3u8": "/media/av/ab/0123456789abcdef0123456789abcdef/master.m3u8",
	} {
		if got := AVURL(in); got != want {
			t.Errorf("AVURL(%q) = %q, want %q", in, got, want)
		}
	}
}
