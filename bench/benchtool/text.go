package main

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// wordSource draws the syllables of generated text.
type wordSource interface{ next() string }

// uniformWords draws every syllable of vocabulary as often as any other:
// each is in nearly every story, so every search of the mix matches the
// whole archive (the worst case of a walk that stops at its count).
type uniformWords struct{ rng *rand.Rand }

func (u uniformWords) next() string { return vocabulary[u.rng.IntN(len(vocabulary))] }

// naturalWords draws syllables by Zipf's law, as in running text: a few
// in every story, most in few. The commonest function words come first,
// then the paper's own words, some of them moved down the ranks so that
// the search mix meets common, middling and rare words (placed), then
// made-up syllables for the long tail. Search folds marks and tones away,
// so no made-up syllable folds to a real word's form: a real word is as
// common as its rank says.
type naturalWords struct {
	zipf  *rand.Zipf
	words []string
}

// placed are ranks for words of the search mix (bench/render_test.go's
// searchMix): "bệnh viện" in a few percent of stories, "kẹo cu đơ" in
// few, each word of a phrase rarer than the last.
var placed = map[string]int{
	"thôn": 400, "Kỳ": 450, "Anh": 480, "bệnh": 600, "viện": 650, "bão": 800, "lũ": 850,
	"dục": 900, "Vũng": 3000, "Áng": 3500, "kẹo": 6000, "cu": 7000, "đơ": 8000,
}

func newNaturalWords(rng *rand.Rand) naturalWords {
	real := append(strings.Fields(`của và các có được trong là cho với người năm đã những một này tại về
		đến từ theo khi để đó cũng như trên sẽ nhiều`), vocabulary...)
	realForms := map[string]bool{}
	var words []string
	for _, w := range real {
		form := vietnamese.Fold(w)
		if realForms[form] && placed[w] == 0 {
			continue
		}
		realForms[form] = true
		if placed[w] == 0 {
			words = append(words, w)
		}
	}
	for _, syl := range madeUpSyllables() {
		if form := vietnamese.Fold(syl); !realForms[form] {
			realForms[form] = true // one spelling per form: the tail stays long
			words = append(words, syl)
		}
	}
	// Numbers (years, counts, amounts) make most of a paper's rare words.
	for i := range 10000 {
		words = append(words, strconv.Itoa(i))
	}
	for _, w := range slices.SortedFunc(maps.Keys(placed), func(a, b string) int { return placed[a] - placed[b] }) {
		words = slices.Insert(words, min(placed[w], len(words)), w)
	}
	// s = 1.07: close to the exponent measured on news text.
	return naturalWords{zipf: rand.NewZipf(rng, 1.07, 1, uint64(len(words)-1)), words: words}
}

func (n naturalWords) next() string { return n.words[n.zipf.Uint64()] }

// madeUpSyllables are onset, rhyme and tone put together: Vietnamese in
// form, mostly not in meaning, for the long tail.
func madeUpSyllables() []string {
	onsets := strings.Fields("b c ch d đ g gi h k kh l m n ng nh p ph qu r s t th tr v x")
	rhymes := strings.Fields(`a ai am an ang anh ao au ay ăm ăn ăng âm ân âng âu ây e em en eng eo ê êm ên ênh êu
		i im in inh iu iêm iên iêng iêu o oa oai oan oang oanh oe oi om on ong ô ôi ôm ôn ông ơ ơi ơm ơn
		u ui um un ung uôi uôn uông uy uyên ư ưa ưi ưng ươi ươn ương ưu ach ich êch oc ôc uc ưc at ăt ât
		et êt it ot ôt ơt ut ưt ap ăp âp ep êp ip op ôp ơp up iêt uôt ươt ươc uât uyêt`)
	// A tone as a combining mark after the rhyme's first letter; NFC
	// composes it. (Not always where the spelling rules put it: search
	// folds tones away, and the page only needs to look like Vietnamese.)
	tones := []string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}
	var out []string
	for _, tone := range tones {
		for _, r := range rhymes {
			_, size := utf8.DecodeRuneInString(r)
			toned := r[:size] + tone + r[size:]
			for _, o := range onsets {
				out = append(out, norm.NFC.String(o+toned))
			}
		}
	}
	return out
}
