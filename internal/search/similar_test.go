package search

import (
	"reflect"
	"strings"
	"testing"
)

func TestWordPairs(t *testing.T) {
	got := WordPairs("Bão số 5 đổ bộ vào Hà Tĩnh: bão số 5 mạnh")
	want := [][]string{{"bao", "so"}, {"so", "5"}, {"5", "do"}, {"do", "bo"}, {"bo", "vao"}, {"vao", "ha"}, {"ha", "tinh"}, {"tinh", "bao"}, {"5", "manh"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pairs %q, want %q", got, want)
	}
	// Decomposed marks fold the same; nothing but a–z and 0–9 reaches a
	// query, so no syntax slips in.
	if got := WordPairs("Ha\u0300 Ti\u0303nh \" * ( ) -- ; 北京 x"); !reflect.DeepEqual(got, [][]string{{"ha", "tinh"}, {"tinh", "x"}}) {
		t.Errorf("pairs of hostile text %q", got)
	}
	var long []string
	for i := range 40 {
		long = append(long, "từ"+strings.Repeat("a", i))
	}
	if got := WordPairs(strings.Join(long, " ")); len(got) != maxPairs {
		t.Errorf("%d pairs of a long text, want %d", len(got), maxPairs)
	}
	if got := WordPairs("Đà"); got != nil {
		t.Errorf("one word has pairs %q", got)
	}
}
