package newsroom

import (
	"fmt"
	"html/template"
	"strings"

	qrcode "github.com/yeqown/go-qrcode/v2"
)

// quietZone is the light margin a QR code needs around it to be read, in
// modules (ISO/IEC 18004 asks for four).
const quietZone = 4

// qrModules is text encoded as a QR code (byte mode, error correction
// level M, the smallest version that holds it): modules[y][x] is true
// for a dark module.
func qrModules(text string) ([][]bool, error) {
	code, err := qrcode.NewWith(text, qrcode.WithEncodingMode(qrcode.EncModeByte),
		qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	var m matrixKeeper
	if err := code.Save(&m); err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	return m.modules, nil
}

// matrixKeeper is the qrcode.Writer that keeps the modules, for an SVG
// drawn here: no image file, nothing fetched, and an inline <svg> element
// needs no change to the content-security policy.
type matrixKeeper struct{ modules [][]bool }

func (m *matrixKeeper) Write(mat qrcode.Matrix) error { m.modules = mat.Bitmap(); return nil }
func (m *matrixKeeper) Close() error                  { return nil }

// qrSVG draws text as a QR code in an inline SVG: one path of unit
// squares on a white square with the quiet zone, scaled by the browser
// without blur (shape-rendering crispEdges). label is what screen readers
// say instead.
func qrSVG(text, label string) (template.HTML, error) {
	modules, err := qrModules(text)
	if err != nil {
		return "", err
	}
	size := len(modules) + 2*quietZone
	var path strings.Builder
	for y, row := range modules {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&path, "M%d %dh1v1h-1z", x+quietZone, y+quietZone)
			}
		}
	}
	return template.HTML(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" class="nr-qr" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`,
		size, size, size*5, size*5, template.HTMLEscapeString(label), size, size, path.String())), nil
}
