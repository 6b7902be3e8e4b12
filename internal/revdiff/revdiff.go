// Package revdiff compares two revisions of an article for the newsroom's
// "so sánh phiên bản" page: a side-by-side view where each row holds one
// block (paragraph, sub-heading, caption, line of the sapô) of the old and
// the new version, and changed words are marked inside changed blocks.
//
// Blocks are aligned first (a Myers diff over whole blocks), so an edit in
// one paragraph never disturbs the alignment of the rest; words are diffed
// only inside a pair of blocks that are recognisably the same paragraph.
// Text is compared in NFC, so a version typed on a Mac (often NFD) is not a
// change. All output is escaped; the only markup is <del> and <ins>.
package revdiff

import (
	"html"
	"html/template"
	"strings"
)

// Field is one part of an article to compare.
type Field struct {
	Name     string // shown as the section title: "Tiêu đề", "Sapô", "Nội dung"
	Old, New string
	HTML     bool // Old and New are article body HTML rather than plain lines
}

// Row kinds.
const (
	KindSame    = "same"
	KindChanged = "changed"
	KindAdded   = "added"
	KindRemoved = "removed"
)

// Row is one aligned line of the side-by-side view.
type Row struct {
	Kind  string        // KindSame, KindChanged, KindAdded or KindRemoved
	Left  template.HTML // old text, escaped, with <del>…</del> around removed words (empty for "added")
	Right template.HTML // new text, escaped, with <ins>…</ins> around added words (empty for "removed")
}

// FieldDiff is the comparison of one field.
type FieldDiff struct {
	Name    string
	Rows    []Row
	Changed bool // whether any row is not "same"; lets the page fold unchanged fields
}

// pairSimilarity is the share of words (Dice coefficient over the word
// multisets) a removed and an added block need in common to be shown as one
// changed block. Below it, word marks would cover most of both sides and
// read worse than a plain "removed" and "added".
const pairSimilarity = 0.4

// pairWindow is how many added blocks past the current position a removed
// block looks at for its counterpart. It lets "new paragraph inserted just
// before an edited one" pair the edited one correctly, while keeping a
// wholesale rewrite from costing removed×added comparisons.
const pairWindow = 8

// Compare diffs each field's old and new text. It never fails: any string,
// including broken HTML, gives a result.
func Compare(fields []Field) []FieldDiff {
	out := make([]FieldDiff, 0, len(fields))
	for _, f := range fields {
		split := plainBlocks
		if f.HTML {
			split = htmlBlocks
		}
		rows := compareBlocks(split(f.Old), split(f.New))
		changed := false
		for _, r := range rows {
			if r.Kind != KindSame {
				changed = true
				break
			}
		}
		out = append(out, FieldDiff{Name: f.Name, Rows: rows, Changed: changed})
	}
	return out
}

// compareBlocks aligns two block lists and renders one row per aligned
// block. Each run of deletions and insertions between equal blocks (a hunk)
// is handed to hunkRows, which decides which blocks are edits of each other.
func compareBlocks(before, after []string) []Row {
	var rows []Row
	var dels, ins []string
	endHunk := func() {
		if len(dels)+len(ins) > 0 {
			rows = append(rows, hunkRows(dels, ins)...)
			dels, ins = dels[:0], ins[:0]
		}
	}
	for _, e := range diffBlocks(before, after) {
		switch e.kind {
		case opEqual:
			endHunk()
			text := template.HTML(html.EscapeString(before[e.a]))
			rows = append(rows, Row{Kind: KindSame, Left: text, Right: text})
		case opDelete:
			dels = append(dels, before[e.a])
		case opInsert:
			ins = append(ins, after[e.b])
		}
	}
	endHunk()
	return rows
}

// hunkRows pairs removed blocks with added ones in order: each removed block
// takes the first similar added block at or shortly after the current
// position, the added blocks it skips are shown as added, and a removed
// block with no counterpart is shown as removed. A moved paragraph lands in
// two different hunks and so shows as removed plus added, which is what
// editors expect.
func hunkRows(dels, ins []string) []Row {
	rows := make([]Row, 0, max(len(dels), len(ins)))
	insWords := make([][]string, len(ins))
	for j, s := range ins {
		insWords[j] = strings.Fields(s)
	}
	next := 0
	for _, d := range dels {
		dw := strings.Fields(d)
		match := -1
		for j := next; j < len(ins) && j < next+pairWindow; j++ {
			if similar(dw, insWords[j]) {
				match = j
				break
			}
		}
		if match < 0 {
			rows = append(rows, Row{Kind: KindRemoved, Left: wrap("del", d)})
			continue
		}
		for _, s := range ins[next:match] {
			rows = append(rows, Row{Kind: KindAdded, Right: wrap("ins", s)})
		}
		rows = append(rows, changedRow(dw, insWords[match]))
		next = match + 1
	}
	for _, s := range ins[next:] {
		rows = append(rows, Row{Kind: KindAdded, Right: wrap("ins", s)})
	}
	return rows
}

// similar reports whether two blocks share at least pairSimilarity of their
// words, counting repeated words as often as both sides have them.
func similar(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	count := make(map[string]int, len(a))
	for _, w := range a {
		count[w]++
	}
	common := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return float64(2*common) >= pairSimilarity*float64(len(a)+len(b))
}

// changedRow renders a pair of blocks with the changed words marked.
func changedRow(before, after []string) Row {
	edits := diffWords(before, after)
	return Row{
		Kind:  KindChanged,
		Left:  markWords(before, edits, opDelete, "del"),
		Right: markWords(after, edits, opInsert, "ins"),
	}
}

// markWords renders one side of a changed pair: words, escaped, with each run
// of consecutive changed words in a single <tag> span, so a rewritten phrase
// reads as one mark rather than a mark per word.
func markWords(words []string, edits []edit, changed opKind, tag string) template.HTML {
	var b strings.Builder
	open := false
	for _, e := range edits {
		if e.kind != opEqual && e.kind != changed {
			continue // the other side's word
		}
		i := e.a
		if changed == opInsert {
			i = e.b
		}
		switch {
		case e.kind == opEqual && open:
			b.WriteString("</" + tag + "> ")
			open = false
		case e.kind == changed && !open:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("<" + tag + ">")
			open = true
		case b.Len() > 0:
			b.WriteByte(' ')
		}
		b.WriteString(html.EscapeString(words[i]))
	}
	if open {
		b.WriteString("</" + tag + ">")
	}
	return template.HTML(b.String())
}

// wrap renders a whole block that exists on one side only, marked as a whole.
func wrap(tag, text string) template.HTML {
	return template.HTML("<" + tag + ">" + html.EscapeString(text) + "</" + tag + ">")
}
