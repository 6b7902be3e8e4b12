package vietnamese

// isCommonPlain reports whether the folded word s is a Vietnamese syllable
// that readers write correctly without any mark, often enough that seeing it
// bare says nothing about the keyboard: "anh", "em", "cho", "con", "hay",
// "theo", "trong", the numbers hai and ba, and syllables of names and places
// of Hà Tĩnh (Vinh, Thành Sen, Can Lộc, Nghi Xuân, Cầu Treo). A bare
// syllable not in this list ("toi", "khong", "nguoi", "duoc") is one whose
// marked spellings are the common ones, which is the evidence
// CheckDiacritics counts.
//
// The list was drawn up by hand and completed with the bare syllables the
// accented corpus in testdata/diacritics turned up ("sen", "trung", "ngon",
// "uy"): a syllable belongs here when its bare spelling is ordinary
// Vietnamese in comments and news, even if a marked spelling is more
// frequent ("tin", "thi", "di" for di tích). Syllables whose bare spelling
// is rare next to a very common marked one ("la" for là, "va" for và, "co"
// for có, "da" for đã, "lam" for làm) are left out on purpose: in text
// typed without marks they are the commonest evidence. A word missing from
// the list costs little, since it can only cause a refusal together with
// other bare words in a text where most Vietnamese words lack marks.
func isCommonPlain(s string) bool {
	switch s {
	case "a", "ai", "an", "anh", "ao",
		"ba", "ban", "bao", "bay", "bi", "bia", "binh",
		"ca", "cam", "can", "canh", "cao", "cay", "cha", "chanh", "che", "chi",
		"chia", "chim", "cho", "chu", "chung", "coi", "con", "cung",
		"danh", "dao", "di", "dinh", "doanh", "du", "dung", "duy",
		"em", "ga", "ghi", "gia", "giam", "gian", "giang", "giao", "gom",
		"hai", "hang", "hay", "hoa", "hoan", "hoang", "huy", "huynh", "hy",
		"in", "khai", "khan", "khang", "khen", "khi", "khoa", "khoan", "khu",
		"kia", "kim", "kinh",
		"lai", "lan", "lao", "linh", "lo",
		"ma", "mai", "mang", "may", "minh", "mong", "mua",
		"nam", "nay", "neo", "ngang", "ngay", "nghe", "nghi", "ngon", "nguy",
		"nhanh", "nhau", "ninh",
		"phan", "phi", "phim", "phong", "qua", "quan", "quang", "quanh", "quen", "quy",
		"ra", "rau", "sai", "sang", "sao", "sau", "sen", "sinh", "so", "song", "suy",
		"ta", "tai", "tan", "tay", "tham", "than", "thanh", "thao", "thay", "theo",
		"thi", "thu", "tim", "tin", "tinh", "to", "tra", "trai", "trang", "tranh",
		"trao", "treo", "trong", "trung", "truy", "tuy", "ty",
		"uy", "vi", "vinh", "vui", "xa", "xanh", "xe", "xem", "xin", "xinh", "xong",
		"y":
		return true
	}
	return false
}

// isEnglishLookalike reports whether the lower-case word s is an English word
// that reads as a sure Telex leftover (see keysSure): a vowel key together
// with a tone letter ("beer" decodes to bể, "towns" to tớn), aw for ă
// ("lawn" is lăn), or f or j as a tone ("chef" is chè, "sofa" sòa). In a
// comment they are quoted English, so they must not trigger a refusal on
// their own. English words that decode with s, r or x alone ("bus", "is",
// "box") or with ee, oo or ow alone ("see", "moon", "now") are weak
// evidence anyway and only count in text with fewer than accentedMarks
// marked words, so they need not be here.
func isEnglishLookalike(s string) bool {
	switch s {
	case "beer", "beers", "deer", "peer", "seer", "veer", "cheer", "cheers",
		"door", "doors", "poor", "moor",
		"sees", "trees", "teens", "queens", "keeps", "meets", "seems", "deeps",
		"rooms", "moons", "boots", "roots", "loops", "hoops", "toons", "noons",
		"towns", "downs", "gowns", "owns", "rows", "cows", "bows", "lows",
		"hows", "vows", "tows", "mows", "sows",
		"lawn", "lawns", "dawn", "dawns", "pawn", "pawns",
		"if", "of", "chef", "beef", "reef", "roof", "hoof", "goof", "poof", "loaf",
		"sofa", "ufo", "taj", "raj", "haj":
		return true
	}
	return false
}
