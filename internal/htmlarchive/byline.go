package htmlarchive

import (
	"regexp"
	"strings"
)

var (
	// bylineNote is a note in brackets: "(tổng hợp)", "(TTXVN)".
	bylineNote = regexp.MustCompile(`\([^)]*\)`)
	// bylinePeople separates the people of a byline: " - ", dashes, ";",
	// "/", "|".
	bylinePeople = regexp.MustCompile(`\s+-\s+|\s*[–—;/|]\s*`)
	// bylineNames separates names after their label: ",", "&", "và".
	bylineNames = regexp.MustCompile(`\s*[,&+]\s*|\s+(?i:và|va)\s+`)
)

// A name is at most maxNameRunes letters and maxNameWords words: a
// selector that caught a paragraph is not a list of authors.
const (
	maxNameRunes = 60
	maxNameWords = 8
)

// splitAuthors reads a byline into names. "Nguyễn Văn A - Trần Thị B"
// is two people; "Bài, ảnh: Thu Hà" is one, after its label (whatever
// comes before a colon: "Bài và ảnh:", "Ảnh:", "Nhóm PV:"); "Theo TTXVN"
// is TTXVN; notes in brackets are dropped.
func splitAuthors(byline string) []string {
	byline = bylineNote.ReplaceAllString(cleanText(byline), " ")
	var names []string
	for _, person := range bylinePeople.Split(byline, -1) {
		if i := strings.LastIndex(person, ":"); i >= 0 {
			person = person[i+1:]
		}
		for _, name := range bylineNames.Split(person, -1) {
			name = strings.Trim(cleanText(name), " .,-")
			if strings.HasPrefix(strings.ToLower(name), "theo ") {
				name = strings.TrimSpace(name[len("theo "):])
			}
			if name != "" && len([]rune(name)) <= maxNameRunes && len(strings.Fields(name)) <= maxNameWords {
				names = appendUnique(names, name)
			}
		}
	}
	return names
}
