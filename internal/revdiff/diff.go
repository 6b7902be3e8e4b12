package revdiff

// opKind says what one step of an edit script does.
type opKind uint8

const (
	opEqual  opKind = iota // a[i] and b[j] are the same element
	opDelete               // a[i] is only in the old version
	opInsert               // b[j] is only in the new version
)

// edit is one step of an edit script turning a into b. a is the index in the
// old sequence (for opEqual and opDelete), b the index in the new sequence
// (for opEqual and opInsert).
type edit struct {
	kind opKind
	a, b int
}

// maxWordCells bounds the dynamic-programming table of one word-level diff.
// Past it (two long paragraphs rewritten in many places) the table would
// cost tens of megabytes and noticeable time per pair, so the differing
// middle is marked as one deletion and one insertion instead: the editor
// still sees exactly which stretch changed, only not word by word.
const maxWordCells = 4_000_000

// intern maps equal strings to equal small integers, so the diffs compare
// ints instead of strings in their inner loops.
func intern(a, b []string) (ia, ib []int) {
	ids := make(map[string]int, len(a)+len(b))
	conv := func(ss []string) []int {
		out := make([]int, len(ss))
		for i, s := range ss {
			id, ok := ids[s]
			if !ok {
				id = len(ids)
				ids[s] = id
			}
			out[i] = id
		}
		return out
	}
	return conv(a), conv(b)
}

// diffBlocks returns a shortest edit script from a to b using Myers' O(ND)
// algorithm in its linear-space form (divide at the middle snake). A long
// article has a few hundred blocks and a revision touches few of them, so D
// is small; the linear-space form keeps a complete rewrite from needing a
// D×D trace in memory.
func diffBlocks(a, b []string) []edit {
	ia, ib := intern(a, b)
	m := myers{a: ia, b: ib, edits: make([]edit, 0, max(len(a), len(b)))}
	m.diff(0, len(ia), 0, len(ib))
	return m.edits
}

// myers holds the sequences being compared and the script built so far.
type myers struct {
	a, b  []int
	edits []edit
}

// diff appends the script for a[a0:a1] → b[b0:b1].
func (m *myers) diff(a0, a1, b0, b1 int) {
	for a0 < a1 && b0 < b1 && m.a[a0] == m.b[b0] {
		m.edits = append(m.edits, edit{opEqual, a0, b0})
		a0, b0 = a0+1, b0+1
	}
	suffix := 0
	for a1-suffix > a0 && b1-suffix > b0 && m.a[a1-suffix-1] == m.b[b1-suffix-1] {
		suffix++
	}
	a1, b1 = a1-suffix, b1-suffix

	switch x, y, ok := m.bisect(a0, a1, b0, b1); {
	case a0 == a1 || b0 == b1 || !ok:
		m.replace(a0, a1, b0, b1)
	default:
		m.diff(a0, x, b0, y)
		m.diff(x, a1, y, b1)
	}

	for i := range suffix {
		m.edits = append(m.edits, edit{opEqual, a1 + i, b1 + i})
	}
}

// replace appends "delete all of a[a0:a1], insert all of b[b0:b1]".
func (m *myers) replace(a0, a1, b0, b1 int) {
	for i := a0; i < a1; i++ {
		m.edits = append(m.edits, edit{opDelete, i, b0})
	}
	for j := b0; j < b1; j++ {
		m.edits = append(m.edits, edit{opInsert, a1, j})
	}
}

// bisect finds the middle snake of a[a0:a1] → b[b0:b1] by running the
// forward and reverse searches until they overlap, and returns the point
// (x, y) where the problem splits in two. ok is false when either side is
// empty or the two sequences share nothing, where the answer is a plain
// replacement. The prefix and suffix are already stripped, so a split is
// never at either corner; the check is kept so recursion always shrinks.
func (m *myers) bisect(a0, a1, b0, b1 int) (x, y int, ok bool) {
	n, k := a1-a0, b1-b0
	if n == 0 || k == 0 {
		return 0, 0, false
	}
	a, b := m.a[a0:a1], m.b[b0:b1]
	maxD := (n + k + 1) / 2
	off := maxD
	vf := make([]int, 2*maxD+2)
	vr := make([]int, 2*maxD+2)
	for i := range vf {
		vf[i], vr[i] = -1, -1
	}
	vf[off+1], vr[off+1] = 0, 0
	delta := n - k
	front := delta%2 != 0
	// Diagonals that ran off the edges of the grid are skipped from then on.
	k1lo, k1hi, k2lo, k2hi := 0, 0, 0, 0

	split := func(x, y int) (int, int, bool) {
		if (x == 0 && y == 0) || (x == n && y == k) {
			return 0, 0, false
		}
		return a0 + x, b0 + y, true
	}

	for d := 0; d < maxD; d++ {
		for k1 := -d + k1lo; k1 <= d-k1hi; k1 += 2 {
			i := off + k1
			var x1 int
			if k1 == -d || (k1 != d && vf[i-1] < vf[i+1]) {
				x1 = vf[i+1]
			} else {
				x1 = vf[i-1] + 1
			}
			y1 := x1 - k1
			for x1 < n && y1 < k && a[x1] == b[y1] {
				x1, y1 = x1+1, y1+1
			}
			vf[i] = x1
			switch {
			case x1 > n:
				k1hi += 2
			case y1 > k:
				k1lo += 2
			case front:
				j := off + delta - k1
				if j >= 0 && j < len(vr) && vr[j] != -1 && x1 >= n-vr[j] {
					return split(x1, y1)
				}
			}
		}
		for k2 := -d + k2lo; k2 <= d-k2hi; k2 += 2 {
			i := off + k2
			var x2 int
			if k2 == -d || (k2 != d && vr[i-1] < vr[i+1]) {
				x2 = vr[i+1]
			} else {
				x2 = vr[i-1] + 1
			}
			y2 := x2 - k2
			for x2 < n && y2 < k && a[n-x2-1] == b[k-y2-1] {
				x2, y2 = x2+1, y2+1
			}
			vr[i] = x2
			switch {
			case x2 > n:
				k2hi += 2
			case y2 > k:
				k2lo += 2
			case !front:
				j := off + delta - k2
				if j >= 0 && j < len(vf) && vf[j] != -1 {
					x1 := vf[j]
					y1 := off + x1 - j
					if x1 >= n-x2 {
						return split(x1, y1)
					}
				}
			}
		}
	}
	return 0, 0, false
}

// diffWords returns an edit script from the words of an old block to the
// words of a new one: a longest common subsequence by dynamic programming,
// which is exact and simple for paragraph-sized inputs. The common prefix and
// suffix are stripped first, so a single edit in a very long paragraph stays
// cheap; if the rest would still need more than maxWordCells table cells,
// the middle is reported as one replacement.
func diffWords(a, b []string) []edit {
	ia, ib := intern(a, b)
	pre := 0
	for pre < len(ia) && pre < len(ib) && ia[pre] == ib[pre] {
		pre++
	}
	suf := 0
	for suf < len(ia)-pre && suf < len(ib)-pre && ia[len(ia)-suf-1] == ib[len(ib)-suf-1] {
		suf++
	}
	edits := make([]edit, 0, len(a)+len(b))
	for i := range pre {
		edits = append(edits, edit{opEqual, i, i})
	}
	ma, mb := ia[pre:len(ia)-suf], ib[pre:len(ib)-suf]
	if len(ma)*len(mb) > maxWordCells {
		m := myers{edits: edits}
		m.replace(pre, pre+len(ma), pre, pre+len(mb))
		edits = m.edits
	} else {
		edits = appendLCS(edits, ma, mb, pre)
	}
	for i := range suf {
		edits = append(edits, edit{opEqual, len(a) - suf + i, len(b) - suf + i})
	}
	return edits
}

// appendLCS appends the LCS edit script of a → b, whose indexes are shifted
// by base. The table holds uint16: with at most maxWordCells cells the
// shorter side, and so any LCS length, is at most 2000.
func appendLCS(edits []edit, a, b []int, base int) []edit {
	n, k := len(a), len(b)
	w := k + 1
	// lcs[i*w+j] is the LCS length of a[i:] and b[j:].
	lcs := make([]uint16, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := k - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	i, j := 0, 0
	for i < n || j < k {
		switch {
		case i < n && j < k && a[i] == b[j]:
			edits = append(edits, edit{opEqual, base + i, base + j})
			i, j = i+1, j+1
		case j == k || (i < n && lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			edits = append(edits, edit{opDelete, base + i, base + j})
			i++
		default:
			edits = append(edits, edit{opInsert, base + i, base + j})
			j++
		}
	}
	return edits
}
