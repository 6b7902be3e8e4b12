package web

import (
	"strconv"
	"strings"
)

// EncodingQuality is the weight the Accept-Encoding header gives coding
// ("gzip", "br"), between 0 and 1: 0 when the client does not take it,
// either because it is not named (and no "*" names it) or because it is
// named with q=0. An unreadable weight counts as 0: the plain body is
// always a safe answer. It allocates nothing, being on every cache hit.
func EncodingQuality(header, coding string) float64 {
	star := -1.0
	for header != "" {
		var item string
		item, header, _ = strings.Cut(header, ",")
		name, params, _ := strings.Cut(item, ";")
		name = strings.TrimSpace(name)
		q := qValue(params)
		switch {
		case strings.EqualFold(name, coding), coding == "gzip" && strings.EqualFold(name, "x-gzip"):
			return q
		case name == "*":
			star = q
		}
	}
	return max(star, 0)
}

// qValue reads "q=0.5" among an item's parameters; 1 when there is none.
func qValue(params string) float64 {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, v, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || q < 0 || q > 1 {
			return 0
		}
		return q
	}
	return 1
}

// PreferredEncoding picks, among offered (in the server's order of
// preference, "br" before "gzip"), the coding the client weighs most; ""
// (the plain body) when it takes none of them.
func PreferredEncoding(header string, offered ...string) string {
	best, bestQ := "", 0.0
	if header == "" {
		return ""
	}
	for _, coding := range offered {
		if q := EncodingQuality(header, coding); q > bestQ {
			best, bestQ = coding, q
		}
	}
	return best
}
