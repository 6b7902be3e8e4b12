package media

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	xwebp "golang.org/x/image/webp"
)

// header is what an original's first bytes say about it.
type header struct {
	mime          string // as http.DetectContentType names it
	width, height int    // as stored, before orientation
	orientation   int    // EXIF orientation, 1 when none
}

// uprightSize is the size readers see: after orientation.
func (h header) uprightSize() (int, int) { return upright(h.width, h.height, h.orientation) }

// codec is how one accepted type is read. Each is called by name rather
// than through image.Decode's registry: the WebP encoder's package
// registers its own (WebAssembly) decoder there, and uploads are read by
// the pure Go one.
type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

func codecFor(mime string) (codec, bool) {
	switch mime {
	case "image/jpeg":
		return codec{jpeg.DecodeConfig, jpeg.Decode}, true
	case "image/png":
		return codec{png.DecodeConfig, png.Decode}, true
	case "image/webp":
		return codec{xwebp.DecodeConfig, xwebp.Decode}, true
	}
	return codec{}, false
}

// readHeader reads the size and orientation of an original of type mime
// without decoding its pixels.
func readHeader(data []byte, mime string) (header, error) {
	c, ok := codecFor(mime)
	if !ok {
		return header{}, errNoImage()
	}
	cfg, err := c.config(bytes.NewReader(data))
	if err != nil {
		return header{}, err
	}
	h := header{mime: mime, width: cfg.Width, height: cfg.Height, orientation: 1}
	if mime == "image/jpeg" {
		h.orientation = orientation(data)
	}
	return h, nil
}

// decode reads the pixels of an original whose header is h.
func decode(data []byte, h header) (image.Image, error) {
	c, ok := codecFor(h.mime)
	if !ok {
		return nil, errNoImage()
	}
	return c.decode(bytes.NewReader(data))
}
