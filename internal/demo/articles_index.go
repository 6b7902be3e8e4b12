package demo

// Articles returns every demo article, grouped by section as they are written in
// the articles_*.go files. The order carries no meaning: the loader sorts by the
// publication time it computes from DaysAgo, Hour and Minute.
func Articles() []ArticleSeed {
	groups := [][]ArticleSeed{
		thoiSuArticles(),
		kinhTeArticles(),
		nongNghiepArticles(),
		xaHoiArticles(),
		yTeArticles(),
		nongThonMoiArticles(),
		vanHoaArticles(),
		theThaoArticles(),
		giaoDucArticles(),
		phapLuatArticles(),
		giaoThongArticles(),
	}
	var all []ArticleSeed
	for _, g := range groups {
		all = append(all, g...)
	}
	return all
}

// para, subhead, pullQuote and photo keep the article files readable: one body
// block per line.
func para(text string) Block { return Block{Kind: "p", Text: text} }

func subhead(text string) Block { return Block{Kind: "h2", Text: text} }

func pullQuote(text string) Block { return Block{Kind: "quote", Text: text} }

func photo(caption, credit, alt string) Block {
	return Block{Kind: "figure", Caption: caption, Credit: credit, Alt: alt}
}
