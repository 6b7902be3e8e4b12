package avmedia

import (
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

func TestCheckCaptions(t *testing.T) {
	good := "\ufeffWEBVTT - Bản tin\r\n\r\nNOTE người dịch\r\n\r\n1\r\n00:00:01.000 --> 00:00:04.000 line:90%\r\nLũ về Hương Khê\r\n\r\n01:02.500 --> 01:05.000\r\nNgười dân sơ tán\r\n"
	if _, err := CheckCaptions([]byte(good)); err != nil {
		t.Errorf("good captions: %v", err)
	}
	for name, bad := range map[string]string{
		"not WebVTT":       "1\n00:00:01,000 --> 00:00:04,000\nSRT\n",
		"no cue":           "WEBVTT\n\nNOTE chỉ có ghi chú\n",
		"bad timing":       "WEBVTT\n\n00:00:01 --> 00:00:04\nthiếu mili giây\n",
		"not UTF-8":        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xff\xfe\n",
		"a playlist":       "#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n",
		"WEBVTTX header":   "WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nx\n",
		"too large":        "WEBVTT\n\n" + strings.Repeat("00:00:01.000 --> 00:00:02.000\nx\n\n", MaxCaptionBytes/30),
		"text where a cue": "WEBVTT\n\n<script>alert(1)</script>\n",
	} {
		_, err := CheckCaptions([]byte(bad))
		if c := news.ErrorCode(err); c != news.Invalid && c != news.TooLarge {
			t.Errorf("%s: %v", name, err)
		}
	}
}
