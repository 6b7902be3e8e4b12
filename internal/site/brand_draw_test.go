package site

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"
)

// decodePNG decodes a drawn picture and checks its size.
func decodePNG(t *testing.T, data []byte, width, height int) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != width || b.Dy() != height {
		t.Fatalf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), width, height)
	}
	return img
}

// differingPixels counts the pixels where a and b differ.
func differingPixels(a, b image.Image) int {
	n := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

// TestBrandPictures: the share picture is 1200×630 and the logo 600×60
// PNG, whatever the name's length; each shows the name, so two names
// draw two pictures, and a name with every Vietnamese mark has its
// letters drawn (none falls back to the font's empty box, which would
// draw the same as an unknown letter).
func TestBrandPictures(t *testing.T) {
	f, err := newBrandFont()
	if err != nil {
		t.Fatal(err)
	}
	draw := func(name string) (share, logo image.Image) {
		t.Helper()
		s, err := f.drawShare(name)
		if err != nil {
			t.Fatal(err)
		}
		l, err := f.drawLogo(name)
		if err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("BRAND_PICTURES_DIR"); dir != "" { // to look at them
			_ = os.WriteFile(dir+"/"+name+"-share.png", s, 0o600)
			_ = os.WriteFile(dir+"/"+name+"-logo.png", l, 0o600)
		}
		return decodePNG(t, s, shareWidth, shareHeight), decodePNG(t, l, logoWidth, logoHeight)
	}
	haTinhShare, haTinhLogo := draw("Báo Hà Tĩnh")
	ngheAnShare, ngheAnLogo := draw("Báo Nghệ An")
	if differingPixels(haTinhShare, ngheAnShare) == 0 || differingPixels(haTinhLogo, ngheAnLogo) == 0 {
		t.Error("two names drew the same picture")
	}
	long := "Tạp chí Điện tử Người Việt Hướng Về Những Đổi Mới Của Quê Hương Trên Mọi Miền Tổ Quốc Từ Bắc Vào Nam Và Khắp Thế Giới"
	draw(long)

	// Each marked letter draws differently from its base letter and from
	// a letter the font lacks.
	missing, _ := draw("\U0001F600") // no glyph in the font
	for _, pair := range [][2]string{{"ạ", "a"}, {"ậ", "â"}, {"ơ", "o"}, {"ự", "ư"}, {"đ", "d"}, {"ỹ", "y"}, {"Ở", "O"}} {
		marked, _ := draw(pair[0])
		plain, _ := draw(pair[1])
		if differingPixels(marked, plain) == 0 || differingPixels(marked, missing) == 0 {
			t.Errorf("%s is not drawn as its own letter", pair[0])
		}
	}
}
