package newsroom

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/auth"
)

// The QR code drawn for a two-factor link reads back, module for module
// from the SVG, as the link itself: decoded here by a reader written from
// ISO/IEC 18004 for what qrSVG makes (byte mode, level M, versions 1-15),
// independent of the library that encoded it.
func TestQRCodeReadsBack(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"a",
		auth.TOTPURI(auth.NewTOTPSecret(), "Tòa soạn toasoan", "admin@localhost"),
		auth.TOTPURI(auth.NewTOTPSecret(), "Tòa soạn Báo Hà Tĩnh điện tử", "nguyen.thu.ha@baohatinh.vn"),
		auth.TOTPURI(auth.NewTOTPSecret(), "Tòa soạn "+strings.Repeat("Đ", 20), "pv@bao.vn"),
	} {
		svg, err := qrSVG(text, `Mã QR "<script>"`)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if strings.Contains(string(svg), "<script") || strings.Contains(strings.ToLower(string(svg)), " on") {
			t.Errorf("the SVG carries script: %s", svg)
		}
		modules, err := modulesOfSVG(string(svg))
		if err != nil {
			t.Fatal(err)
		}
		got, err := readQR(modules)
		if err != nil || got != text {
			t.Errorf("%d bytes in a %d-module code read back as %q, %v; want %q", len(text), len(modules), got, err, text)
		}
		t.Logf("%d bytes: %d modules", len(text), len(modules))
		// The reader is no echo: one module of the mode indicator flipped
		// (the bottom-right corner), and the code no longer reads.
		n := len(modules) - 1
		modules[n][n] = !modules[n][n]
		if got, err := readQR(modules); err == nil && got == text {
			t.Errorf("a damaged code read back as %q", got)
		}
	}
}

// A text too long for any QR code is an error, not a panic or a blank.
func TestQRCodeTooLong(t *testing.T) {
	t.Parallel()
	if _, err := qrSVG(strings.Repeat("x", 5000), "Mã QR"); err == nil {
		t.Error("5000 bytes made a QR code")
	}
}

// modulesOfSVG reads back the dark modules of qrSVG's path, without the
// quiet zone.
func modulesOfSVG(svg string) ([][]bool, error) {
	box := regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`).FindStringSubmatch(svg)
	if box == nil || box[1] != box[2] {
		return nil, errors.New("no square viewBox")
	}
	size, _ := strconv.Atoi(box[1])
	n := size - 2*quietZone
	modules := make([][]bool, n)
	for y := range modules {
		modules[y] = make([]bool, n)
	}
	path := regexp.MustCompile(` d="([^"]*)"`).FindStringSubmatch(svg)
	if path == nil {
		return nil, errors.New("no path")
	}
	for _, m := range regexp.MustCompile(`M(\d+) (\d+)h1v1h-1z`).FindAllStringSubmatch(path[1], -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		x, y = x-quietZone, y-quietZone
		if x < 0 || y < 0 || x >= n || y >= n {
			return nil, fmt.Errorf("a module at %d,%d in the quiet zone", x, y)
		}
		modules[y][x] = true
	}
	return modules, nil
}

// Level M's error correction blocks by version: data codewords of each
// block (ISO/IEC 18004 table 9).
var levelMBlocks = [][]int{
	1: {16}, 2: {28}, 3: {44}, 4: {32, 32}, 5: {43, 43}, 6: {27, 27, 27, 27}, 7: {31, 31, 31, 31},
	8: {38, 38, 39, 39}, 9: {36, 36, 36, 37, 37}, 10: {43, 43, 43, 43, 44}, 11: {50, 51, 51, 51, 51},
	12: {36, 36, 36, 36, 36, 36, 37, 37}, 13: {37, 37, 37, 37, 37, 37, 37, 37, 38},
	14: {40, 40, 40, 40, 41, 41, 41, 41, 41}, 15: {41, 41, 41, 41, 41, 42, 42, 42, 42, 42},
}

// alignmentCenters are the rows and columns of the alignment patterns'
// centres by version (annex E).
var alignmentCenters = [][]int{
	2: {6, 18}, 3: {6, 22}, 4: {6, 26}, 5: {6, 30}, 6: {6, 34}, 7: {6, 22, 38}, 8: {6, 24, 42}, 9: {6, 26, 46},
	10: {6, 28, 50}, 11: {6, 30, 54}, 12: {6, 32, 58}, 13: {6, 34, 62}, 14: {6, 26, 46, 66}, 15: {6, 26, 48, 70},
}

// readQR decodes a clean QR code (no damage, so no error correction is
// needed) in byte mode at level M.
func readQR(m [][]bool) (string, error) {
	n := len(m)
	version := (n - 17) / 4
	if n < 21 || (n-17)%4 != 0 || version >= len(levelMBlocks) {
		return "", fmt.Errorf("%d modules is not a version 1-15 code", n)
	}
	// Format information, first copy: row 8 left to right, then column 8
	// bottom to top, skipping the timing pattern.
	var format int
	for _, p := range [][2]int{{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8}, {7, 8}, {5, 8}, {4, 8}, {3, 8}, {2, 8}, {1, 8}, {0, 8}} {
		format <<= 1
		if m[p[0]][p[1]] {
			format |= 1
		}
	}
	data := -1
	for d := range 32 {
		v := d << 10
		for i := 14; i >= 10; i-- {
			if v&(1<<i) != 0 {
				v ^= 0x537 << (i - 10)
			}
		}
		if (d<<10|v)^0x5412 == format {
			data = d
		}
	}
	if data < 0 {
		return "", fmt.Errorf("format bits %015b are no valid format", format)
	}
	if data>>3 != 0 {
		return "", fmt.Errorf("error correction level bits %02b, want M (00)", data>>3)
	}
	mask := maskFunc(data & 7)

	reserved := make([][]bool, n)
	for i := range reserved {
		reserved[i] = make([]bool, n)
	}
	fill := func(r0, c0, r1, c1 int) {
		for r := max(r0, 0); r <= min(r1, n-1); r++ {
			for c := max(c0, 0); c <= min(c1, n-1); c++ {
				reserved[r][c] = true
			}
		}
	}
	fill(0, 0, 8, 8)     // finder, separator, format
	fill(0, n-8, 8, n-1) // finder, separator, format
	fill(n-8, 0, n-1, 8) // finder, separator, format, dark module
	fill(6, 0, 6, n-1)   // timing
	fill(0, 6, n-1, 6)   // timing
	centers := alignmentCenters[version]
	for _, r := range centers {
		for _, c := range centers {
			if (r == 6 && c == 6) || (r == 6 && c == centers[len(centers)-1]) || (r == centers[len(centers)-1] && c == 6) {
				continue
			}
			fill(r-2, c-2, r+2, c+2)
		}
	}
	if version >= 7 {
		fill(0, n-11, 5, n-9)
		fill(n-11, 0, n-9, 5)
	}

	var bits []bool
	up := true
	for col := n - 1; col > 0; col -= 2 {
		if col == 6 {
			col--
		}
		for i := range n {
			row := i
			if up {
				row = n - 1 - i
			}
			for _, c := range []int{col, col - 1} {
				if !reserved[row][c] {
					bits = append(bits, m[row][c] != mask(row, c))
				}
			}
		}
		up = !up
	}
	codewords := make([]byte, len(bits)/8)
	for i := range codewords {
		for b := range 8 {
			if bits[i*8+b] {
				codewords[i] |= 1 << (7 - b)
			}
		}
	}

	// Data codewords are interleaved block by block.
	blocks := levelMBlocks[version]
	split := make([][]byte, len(blocks))
	k := 0
	for i := 0; ; i++ {
		took := false
		for b, size := range blocks {
			if i < size {
				split[b] = append(split[b], codewords[k])
				k++
				took = true
			}
		}
		if !took {
			break
		}
	}
	var stream []byte
	for _, b := range split {
		stream = append(stream, b...)
	}

	r := bitReader{data: stream}
	if mode := r.read(4); mode != 0b0100 {
		return "", fmt.Errorf("mode %04b, want byte mode", mode)
	}
	countBits := 8
	if version >= 10 {
		countBits = 16
	}
	count := r.read(countBits)
	out := make([]byte, count)
	for i := range out {
		out[i] = byte(r.read(8))
	}
	if r.overrun {
		return "", errors.New("the count runs past the data")
	}
	return string(out), nil
}

func maskFunc(pattern int) func(i, j int) bool {
	return [8]func(i, j int) bool{
		func(i, j int) bool { return (i+j)%2 == 0 },
		func(i, j int) bool { return i%2 == 0 },
		func(i, j int) bool { return j%3 == 0 },
		func(i, j int) bool { return (i+j)%3 == 0 },
		func(i, j int) bool { return (i/2+j/3)%2 == 0 },
		func(i, j int) bool { return (i*j)%2+(i*j)%3 == 0 },
		func(i, j int) bool { return ((i*j)%2+(i*j)%3)%2 == 0 },
		func(i, j int) bool { return ((i+j)%2+(i*j)%3)%2 == 0 },
	}[pattern]
}

type bitReader struct {
	data    []byte
	pos     int
	overrun bool
}

func (r *bitReader) read(n int) int {
	v := 0
	for range n {
		if r.pos/8 >= len(r.data) {
			r.overrun = true
			return v
		}
		v = v<<1 | int(r.data[r.pos/8]>>(7-r.pos%8)&1)
		r.pos++
	}
	return v
}
