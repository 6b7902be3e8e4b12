package vietnamese

// isCommonPlain reports whether the folded word s is a Vietnamese syllable
// that readers write correctly without any mark, often enough that seeing it
// bare says nothing about the keyboard: "anh", "em", "cho", "con", "hay",
// "theo", "trong", the numbers hai and ba, and syllables of names and places
// of Hà Tĩnh (Vinh, Can Lộc, Nghi Xuân, Cầu Treo). A bare syllable not in
// this list ("toi", "khong", "nguoi", "duoc") is one whose marked spellings
// are the common ones, which is the evidence CheckDiacritics counts.
//
// The list was drawn up by hand and trimmed against the comment corpus in
// testdata/diacritics: a syllable belongs here when its bare spelling is
// ordinary Vietnamese in comments and news, even if a marked spelling is
// more frequent ("tin", "thi", "di" for di tích). Syllables whose bare
// spelling is rare next to a very common marked one ("la" for là, "va" for
// và, "co" for có, "da" for đã) are left out on purpose. A word missing
// from the list can only cause a refusal together with other bare words in
// a text where most Vietnamese words lack marks, so the list errs on the
// side of being short.
func isCommonPlain(s string) bool {
	switch s {
	case "a", "ai", "an", "anh", "ao",
		"ba", "ban", "bao", "bay", "bi", "binh",
		"ca", "cam", "can", "canh", "cao", "cay", "cha", "chanh", "che", "chi",
		"chia", "chim", "cho", "chu", "chung", "coi", "con", "cung",
		"danh", "dao", "di", "dinh", "du", "dung",
		"em", "gia", "giam", "gian", "giang", "giao",
		"hai", "hang", "hay", "hoa", "hoang", "huy",
		"in", "khai", "khan", "khi", "khoa", "khoan", "khu", "kia", "kim", "kinh",
		"lai", "lan", "lao", "linh", "lo",
		"ma", "mai", "mang", "may", "minh", "mong", "mua",
		"nam", "nay", "ngang", "ngay", "nghe", "nghi", "nhanh", "nhau", "ninh",
		"phi", "phong", "qua", "quan", "quang", "quy",
		"ra", "sai", "sang", "sao", "sau", "sinh", "song",
		"ta", "tai", "tan", "tay", "tham", "than", "thanh", "thay", "theo",
		"thi", "thu", "tim", "tin", "tinh", "to", "trai", "trang", "tranh",
		"trao", "treo", "trong", "tuy",
		"vi", "vinh", "vui", "xa", "xanh", "xe", "xem", "xin", "xinh", "xong",
		"y":
		return true
	}
	return false
}

// isEnglishLookalike reports whether the lower-case word s is an English word
// that reads as unconverted Telex: a doubled vowel or w (ê, ô, ơ) together
// with a letter Telex uses for a tone (s f r x j). "beer" decodes to "bể" and
// "towns" to "tớn", yet in a comment they are quoted English, so they must
// not trigger a refusal on their own. Only words that would otherwise count
// as a sure Telex leftover need to be here; English words that decode with a
// tone letter alone ("bus", "gas", "is") or a doubled vowel alone ("see",
// "moon", "now") are weak evidence anyway and only count in text that lacks
// marks throughout.
func isEnglishLookalike(s string) bool {
	switch s {
	case "beer", "beers", "deer", "peer", "seer", "veer", "cheer", "cheers",
		"beef", "reef", "roof", "hoof", "goof", "poof",
		"door", "doors", "poor", "moor",
		"sees", "trees", "teens", "queens", "keeps", "meets", "seems", "deeps",
		"rooms", "moons", "boots", "roots", "loops", "hoops", "toons", "noons",
		"towns", "downs", "gowns", "owns", "rows", "cows", "bows", "lows",
		"hows", "vows", "dawns", "lawns", "pawns", "tows", "mows", "sows":
		return true
	}
	return false
}
