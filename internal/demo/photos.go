package demo

import (
	"bytes"
	"image/jpeg"
	"runtime"
	"sync"
)

// photoSpec is one demo picture to draw: its seed and size.
type photoSpec struct {
	seed          int64
	width, height int
}

func coverSpec(article int) photoSpec { return photoSpec{int64(article+1) * 7919, 800, 450} }

func figureSpec(article, block int) photoSpec {
	return photoSpec{int64(article+1)*104729 + int64(block), 800, 534}
}

// renderPhotos draws and encodes every picture the demo articles need on
// all cores: drawing is most of the demo's first start.
func renderPhotos(articles []ArticleSeed) map[photoSpec][]byte {
	var specs []photoSpec
	for i, a := range articles {
		specs = append(specs, coverSpec(i))
		for j, b := range a.Blocks {
			if b.Kind == "figure" {
				specs = append(specs, figureSpec(i, j))
			}
		}
	}
	out := make(map[photoSpec][]byte, len(specs))
	var mu sync.Mutex
	var wg sync.WaitGroup
	jobs := make(chan photoSpec)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for sp := range jobs {
				var buf bytes.Buffer
				// Encoding an in-memory RGBA image into a buffer cannot
				// fail; if it ever did, the photo would be refused as
				// empty when stored.
				if err := jpeg.Encode(&buf, Picture(sp.seed, sp.width, sp.height), &jpeg.Options{Quality: 78}); err != nil {
					buf.Reset()
				}
				mu.Lock()
				out[sp] = buf.Bytes()
				mu.Unlock()
			}
		})
	}
	for _, sp := range specs {
		jobs <- sp
	}
	close(jobs)
	wg.Wait()
	return out
}
