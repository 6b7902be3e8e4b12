package media

import "image"

// swapsAxes reports whether orientation o turns the picture a quarter
// turn, so that its upright width is the stored height.
func swapsAxes(o int) bool { return o >= 5 && o <= 8 }

// upright returns the size of a w×h stored picture once turned by o.
func upright(w, h, o int) (int, int) {
	if swapsAxes(o) {
		return h, w
	}
	return w, h
}

// orient returns src turned upright according to EXIF orientation o. Each
// case names, for a pixel (x, y) of the result, the stored pixel it comes
// from; 1 and unknown values return src itself.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := upright(w, h, o)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch o {
			case 2: // mirrored left to right
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored top to bottom
				sx, sy = x, h-1-y
			case 5: // mirrored along the main diagonal
				sx, sy = y, x
			case 6: // needs a quarter turn clockwise
				sx, sy = y, h-1-x
			case 7: // mirrored along the other diagonal
				sx, sy = w-1-y, h-1-x
			case 8: // needs a quarter turn anticlockwise
				sx, sy = w-1-y, x
			}
			si := src.PixOffset(b.Min.X+sx, b.Min.Y+sy)
			di := dst.PixOffset(x, y)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}
