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

// coverSpec is an article's cover, 800 pixels wide: about as wide as the
// home's lead photo and an article's cover on a desktop screen.
func coverSpec(article int) photoSpec { return photoSpec{int64(article+1) * 7919, 800, 450} }

// figureSpec is a photo in an article's text, 672 pixels wide: the text's
// column (42rem) never shows it wider, and a first start encodes a seventh
// fewer pixels than with figures as wide as covers.
func figureSpec(article, block int) photoSpec {
	return photoSpec{int64(article+1)*104729 + int64(block), 672, 448}
}

// photoBook is the demo's pictures, drawn and encoded on all cores while
// the loader stores the articles before them: drawing is most of a first
// start's work, and the database's writes overlap it instead of waiting
// for the last picture.
type photoBook struct {
	ready map[photoSpec]chan struct{}
	mu    sync.Mutex
	jpegs map[photoSpec][]byte
}

// drawPhotos starts drawing every picture the articles need, in the
// order the loader asks for them.
func drawPhotos(articles []ArticleSeed) *photoBook {
	var specs []photoSpec
	for i, a := range articles {
		specs = append(specs, coverSpec(i))
		for j, b := range a.Blocks {
			if b.Kind == "figure" {
				specs = append(specs, figureSpec(i, j))
			}
		}
	}
	book := &photoBook{ready: make(map[photoSpec]chan struct{}, len(specs)), jpegs: make(map[photoSpec][]byte, len(specs))}
	for _, sp := range specs {
		book.ready[sp] = make(chan struct{})
	}
	jobs := make(chan photoSpec, len(specs))
	for _, sp := range specs {
		jobs <- sp
	}
	close(jobs)
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for sp := range jobs {
				var buf bytes.Buffer
				// Encoding an in-memory RGBA image into a buffer cannot
				// fail; if it ever did, the photo would be refused as
				// empty when stored.
				if err := jpeg.Encode(&buf, Picture(sp.seed, sp.width, sp.height), &jpeg.Options{Quality: 78}); err != nil {
					buf.Reset()
				}
				book.mu.Lock()
				book.jpegs[sp] = buf.Bytes()
				book.mu.Unlock()
				close(book.ready[sp])
			}
		}()
	}
	return book
}

// get waits for a picture and returns its JPEG; nil for one not asked
// for when drawing started.
func (b *photoBook) get(sp photoSpec) []byte {
	ch, ok := b.ready[sp]
	if !ok {
		return nil
	}
	<-ch
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.jpegs[sp]
}
