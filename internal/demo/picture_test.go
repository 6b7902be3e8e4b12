package demo

import (
	"image"
	"image/draw"
	"math"
	"testing"
)

// rgbaOf converts a picture to the RGBA a browser shows from it.
func rgbaOf(t testing.TB, img image.Image) *image.RGBA {
	t.Helper()
	if _, ok := img.(*image.YCbCr); !ok {
		t.Fatalf("Picture returned %T, want *image.YCbCr, the layout a JPEG stores", img)
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba
}

func TestPictureBounds(t *testing.T) {
	tests := []struct {
		name          string
		width, height int
		want          image.Rectangle
	}{
		{"cover", 1200, 675, image.Rect(0, 0, 1200, 675)},
		{"thumbnail", 320, 180, image.Rect(0, 0, 320, 180)},
		{"portrait", 90, 160, image.Rect(0, 0, 90, 160)},
		{"one pixel", 1, 1, image.Rect(0, 0, 1, 1)},
		{"one row", 50, 1, image.Rect(0, 0, 50, 1)},
		{"empty", 0, 0, image.Rectangle{}},
		{"negative", -4, 10, image.Rectangle{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seeds := int64(12)
			if tt.width*tt.height > 500_000 {
				seeds = 3 // enough for the full size; the small sizes try every scene
			}
			for seed := int64(0); seed < seeds; seed++ {
				img := rgbaOf(t, Picture(seed, tt.width, tt.height))
				if got := img.Bounds(); got != tt.want {
					t.Fatalf("seed %d: bounds %v, want %v", seed, got, tt.want)
				}
				for i := 3; i < len(img.Pix); i += 4 {
					if img.Pix[i] != 255 {
						t.Fatalf("seed %d: pixel %d is not opaque", seed, i/4)
					}
				}
			}
		})
	}
}

func TestPictureIsDeterministic(t *testing.T) {
	for _, seed := range []int64{0, 1, 42, -7, math.MaxInt64, math.MinInt64} {
		a := rgbaOf(t, Picture(seed, 320, 180))
		b := rgbaOf(t, Picture(seed, 320, 180))
		for i := range a.Pix {
			if a.Pix[i] != b.Pix[i] {
				t.Fatalf("seed %d: byte %d differs between two calls (%d, %d)", seed, i, a.Pix[i], b.Pix[i])
			}
		}
	}
}

// meanAbsDiff is the mean difference per channel, 0..255.
func meanAbsDiff(a, b *image.RGBA) float64 {
	sum := 0
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		if d < 0 {
			d = -d
		}
		sum += d
	}
	return float64(sum) / float64(len(a.Pix))
}

func TestPictureSeedsDiffer(t *testing.T) {
	const n = 16
	imgs := make([]*image.RGBA, n)
	for i := range imgs {
		imgs[i] = rgbaOf(t, Picture(int64(i), 160, 90))
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			// Grain alone gives about 2; a different scene gives far more.
			if d := meanAbsDiff(imgs[i], imgs[j]); d < 6 {
				t.Errorf("seeds %d and %d look alike: mean difference %.1f", i, j, d)
			}
		}
	}
}

// TestPictureHasContent guards against a picture that is a flat colour or a bare
// gradient: it wants contrast and many distinct colours.
func TestPictureHasContent(t *testing.T) {
	for seed := int64(0); seed < 24; seed++ {
		img := rgbaOf(t, Picture(seed, 320, 180))
		colours := map[[3]uint8]bool{}
		var sum, sum2 float64
		for i := 0; i < len(img.Pix); i += 4 {
			colours[[3]uint8{img.Pix[i], img.Pix[i+1], img.Pix[i+2]}] = true
			l := 0.3*float64(img.Pix[i]) + 0.59*float64(img.Pix[i+1]) + 0.11*float64(img.Pix[i+2])
			sum += l
			sum2 += l * l
		}
		n := float64(len(img.Pix) / 4)
		mean := sum / n
		sd := math.Sqrt(sum2/n - mean*mean)
		if sd < 15 {
			t.Errorf("seed %d: luminance standard deviation %.1f, want a picture with contrast", seed, sd)
		}
		if mean < 40 || mean > 225 {
			t.Errorf("seed %d: mean luminance %.0f, want neither black nor white", seed, mean)
		}
		if len(colours) < 2000 {
			t.Errorf("seed %d: only %d distinct colours", seed, len(colours))
		}
	}
}

func TestPictureCoversEveryScene(t *testing.T) {
	seen := map[int]bool{}
	for seed := int64(0); seed < 30; seed++ {
		seen[newScene(seed, 64, 36).kind] = true
	}
	for k := 0; k < sceneKinds; k++ {
		if !seen[k] {
			t.Errorf("no seed in 0..29 draws scene kind %d", k)
		}
	}
}

func BenchmarkPicture(b *testing.B) {
	seed := int64(0)
	for b.Loop() {
		Picture(seed, 1200, 675)
		seed++
	}
}
