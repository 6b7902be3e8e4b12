package demo

import (
	"image"
	"image/color"
	"math"
)

// Picture draws a landscape that stands in for a press photo: sky, sun, clouds,
// layered hills and a foreground of rice fields, sea with a beach, or mountain
// ridges in mist. Everything (scene, time of day, colours, shapes) follows from
// seed, so the same seed always gives the same pixels and the demo needs no image
// files. It uses only the standard library and returns a 4:2:0 YCbCr picture, the
// layout a JPEG stores, so that encoding it converts nothing. The scene is
// evaluated once per 2×2 block of pixels, which is exactly one chroma sample; the
// brightness is interpolated to full size and given a grain of its own per pixel.
// A first start draws 99 of them, and this keeps each to a few milliseconds.
func Picture(seed int64, width, height int) image.Image {
	if width <= 0 || height <= 0 {
		return image.NewYCbCr(image.Rectangle{}, image.YCbCrSubsampleRatio420)
	}
	img := image.NewYCbCr(image.Rect(0, 0, width, height), image.YCbCrSubsampleRatio420)
	s := newScene(seed, (width+1)/2, (height+1)/2)
	luma := s.paint(img)
	upsampleLuma(img, luma, s.w, s.h, s.seed)
	return img
}

// Scene kinds.
const (
	sceneFields = iota
	sceneSea
	sceneMountains
	sceneKinds
)

// rgb is a colour with float channels in 0..255, so that mixing does not round.
type rgb struct{ r, g, b float64 }

func fromRGBA(c color.RGBA) rgb { return rgb{float64(c.R), float64(c.G), float64(c.B)} }

func (c rgb) mix(o rgb, t float64) rgb {
	return rgb{c.r + (o.r-c.r)*t, c.g + (o.g-c.g)*t, c.b + (o.b-c.b)*t}
}

func (c rgb) scale(k float64) rgb { return rgb{c.r * k, c.g * k, c.b * k} }

// sky is one time of day.
type sky struct {
	top, horizon, sun color.RGBA
	sunlight          float64 // 0 overcast .. 1 bright
}

var skies = []sky{
	{top: color.RGBA{86, 146, 214, 255}, horizon: color.RGBA{232, 218, 192, 255}, sun: color.RGBA{255, 241, 204, 255}, sunlight: 0.8},  // morning
	{top: color.RGBA{38, 108, 198, 255}, horizon: color.RGBA{176, 210, 236, 255}, sun: color.RGBA{255, 253, 236, 255}, sunlight: 1},    // noon
	{top: color.RGBA{58, 66, 138, 255}, horizon: color.RGBA{250, 164, 96, 255}, sun: color.RGBA{255, 206, 128, 255}, sunlight: 0.9},    // sunset
	{top: color.RGBA{128, 142, 158, 255}, horizon: color.RGBA{208, 212, 212, 255}, sun: color.RGBA{242, 242, 232, 255}, sunlight: 0.2}, // overcast
	{top: color.RGBA{112, 160, 200, 255}, horizon: color.RGBA{222, 232, 226, 255}, sun: color.RGBA{255, 248, 222, 255}, sunlight: 0.6}, // hazy
}

// Greens for hills and fields, from young rice to forest; golds for ripe rice.
var (
	greens = []color.RGBA{{72, 128, 58, 255}, {52, 104, 62, 255}, {96, 140, 64, 255}, {58, 100, 52, 255}, {84, 118, 48, 255}}
	golds  = []color.RGBA{{196, 168, 72, 255}, {176, 160, 80, 255}, {210, 186, 96, 255}}
)

// layer is a band of land behind the foreground, its top edge given per column.
type layer struct {
	ridge     []float64 // y of the top edge for each column
	top, foot rgb       // colour at the ridge and colour at depth
	depth     float64   // pixels over which top turns into foot
}

type cloud struct {
	x0, x1, y0, y1 float64 // bounding box
	blobs          []blob
	opacity        float64
}

type blob struct{ cx, cy, rx2, ry2 float64 }

type scene struct {
	w, h                  int
	kind                  int
	seed                  uint64
	skyTop, skyHorizon    rgb
	sunCol                rgb
	sunlight              float64
	horizon               float64 // y where the foreground begins
	sunX, sunY, sunR, glo float64
	layers                []layer // far to near
	clouds                []cloud
	cloudLit, cloudShade  rgb
	field                 []rgb   // field palette
	fieldCols             float64 // field columns across the width at depth 1
	fieldBands            float64 // field rows per unit of log depth
	vanishX               float64
	seaFar, seaNear       rgb
	waveFreq              float64
	sand                  rgb
	shore                 []float64 // y of the water line per column
	vignette              float64
}

func newScene(seed int64, w, h int) *scene {
	r := &prng{state: uint64(seed)}
	s := &scene{w: w, h: h, seed: r.next()}
	s.kind = r.intn(sceneKinds)
	sk := skies[r.intn(len(skies))]
	// Jitter the sky a little so that two pictures with the same palette still differ.
	tint := rgb{r.between(-14, 14), r.between(-14, 14), r.between(-14, 14)}
	s.skyTop = add(fromRGBA(sk.top), tint)
	s.skyHorizon = add(fromRGBA(sk.horizon), tint.scale(0.5))
	s.sunCol = fromRGBA(sk.sun)
	s.sunlight = sk.sunlight
	fw, fh := float64(w), float64(h)

	switch s.kind {
	case sceneFields:
		s.horizon = fh * r.between(0.50, 0.62)
	case sceneSea:
		s.horizon = fh * r.between(0.45, 0.58)
	default:
		s.horizon = fh // the mountains come down to the bottom edge
	}
	skyBottom := math.Min(s.horizon, fh*0.62)
	s.sunX = fw * r.between(0.12, 0.88)
	s.sunY = skyBottom * r.between(0.18, 0.7)
	s.sunR = math.Min(fw, fh) * r.between(0.035, 0.06)
	s.glo = s.sunR * r.between(2.5, 5)

	land := fromRGBA(greens[r.intn(len(greens))])
	dark := land.scale(0.55)
	switch s.kind {
	case sceneFields:
		// Far hills, then a line of bamboo and trees at the edge of the fields.
		s.layers = append(s.layers,
			s.hillLayer(r, s.horizon-fh*r.between(0.12, 0.2), fh*0.08, 0.55, land, false),
			s.hillLayer(r, s.horizon-fh*r.between(0.05, 0.09), fh*0.04, 0.3, land.scale(0.8), false),
			s.treeLayer(r, s.horizon, fh*r.between(0.03, 0.06), dark),
		)
		s.fieldCols = r.between(3, 7)
		s.fieldBands = r.between(5, 9)
		s.vanishX = fw * r.between(0.25, 0.75)
		ripe := r.float() < 0.5
		for i := 0; i < 5; i++ {
			c := fromRGBA(greens[r.intn(len(greens))])
			if ripe && r.float() < 0.6 {
				c = fromRGBA(golds[r.intn(len(golds))])
			}
			s.field = append(s.field, c.scale(r.between(0.9, 1.15)))
		}
	case sceneSea:
		s.layers = append(s.layers,
			s.headland(r, land.mix(s.skyHorizon, 0.45), fh*r.between(0.06, 0.14)),
			s.headland(r, land.scale(0.75), fh*r.between(0.08, 0.2)),
		)
		s.seaFar = rgb{r.between(90, 140), r.between(150, 185), r.between(185, 215)}.mix(s.skyHorizon, 0.35)
		s.seaNear = rgb{r.between(20, 45), r.between(80, 115), r.between(120, 150)}
		s.waveFreq = r.between(40, 96) / fw // radians a pixel: 0.05..0.12 at 800 wide
		s.sand = rgb{r.between(215, 235), r.between(196, 214), r.between(150, 175)}
		shoreY := fh * r.between(0.8, 0.9)
		shoreAmp := fh * r.between(0.01, 0.04)
		shoreFreq := r.between(1, 3) * 2 * math.Pi / fw
		shorePh := r.between(0, 2*math.Pi)
		s.shore = make([]float64, w)
		for x := range s.shore {
			s.shore[x] = shoreY + shoreAmp*math.Sin((float64(x)+0.5)*shoreFreq+shorePh)
		}
	default:
		n := 3 + r.intn(3)
		mist := s.skyHorizon.mix(s.skyTop, 0.35)
		for i := 0; i < n; i++ {
			t := float64(i) / float64(n-1) // 0 far .. 1 near
			base := fh * (0.42 + 0.4*t + r.between(-0.03, 0.03))
			haze := 0.6 * (1 - t)
			col := land.mix(dark, t).mix(mist, haze)
			s.layers = append(s.layers, s.hillLayer(r, base, fh*r.between(0.08, 0.16), haze, col, true))
		}
	}

	s.cloudLit = rgb{250, 250, 248}.mix(s.sunCol, 0.25)
	s.cloudShade = s.skyHorizon.mix(rgb{150, 156, 168}, 0.5)
	nClouds := 1 + r.intn(4)
	if sk.sunlight < 0.3 {
		nClouds += 3
	}
	for i := 0; i < nClouds; i++ {
		s.clouds = append(s.clouds, s.newCloud(r, skyBottom))
	}
	s.vignette = r.between(0.12, 0.28)
	return s
}

func add(a, b rgb) rgb { return rgb{a.r + b.r, a.g + b.g, a.b + b.b} }

// hillLayer makes a ridge around base from a few sines. Mountains use ridged
// sines (1-|sin|) for sharper peaks; mist lightens the foot of each layer.
func (s *scene) hillLayer(r *prng, base, amp, haze float64, col rgb, peaks bool) layer {
	// Octaves: each doubles the frequency and halves the height, so that the
	// outline reads as a large shape with smaller detail, not as noise.
	type wave struct{ f, ph, a float64 }
	var waves [5]wave
	f := r.between(0.8, 2.2) * 2 * math.Pi / float64(s.w)
	for i := range waves {
		waves[i] = wave{f: f * r.between(0.85, 1.15), ph: r.between(0, 2*math.Pi), a: math.Pow(0.48, float64(i))}
		f *= 2
	}
	l := layer{ridge: make([]float64, s.w), depth: amp * 2.5}
	for x := range l.ridge {
		v := 0.0
		for _, w := range waves {
			sv := math.Sin(float64(x)*w.f + w.ph)
			if peaks && w.a > 0.4 {
				sv = 1 - 2*math.Abs(sv) // sharp crests on the large shapes only
			}
			v += w.a * sv
		}
		l.ridge[x] = base - amp*v/1.9
	}
	lit := col.mix(s.sunCol, 0.12*s.sunlight).mix(s.skyHorizon, haze*0.6)
	l.top = lit
	l.foot = col.scale(0.85).mix(s.skyHorizon, math.Min(1, haze+0.25))
	if !peaks {
		l.foot = col.scale(0.8).mix(s.skyHorizon, haze*0.5)
	}
	return l
}

// treeLayer is a line of round tree crowns and bamboo clumps standing on base.
func (s *scene) treeLayer(r *prng, base, size float64, col rgb) layer {
	l := layer{ridge: make([]float64, s.w), depth: size * 1.5}
	for x := range l.ridge {
		l.ridge[x] = base + 1 // nothing above the fields by default
	}
	for x := -size; x < float64(s.w)+size; {
		rad := size * r.between(0.4, 1)
		lift := size * r.between(0.1, 0.9)
		cx := x + rad
		for px := int(math.Max(0, cx-rad)); px < s.w && float64(px) < cx+rad; px++ {
			dx := (float64(px) + 0.5 - cx) / rad
			if dx*dx >= 1 {
				continue
			}
			y := base - lift - rad*math.Sqrt(1-dx*dx)
			if y < l.ridge[px] {
				l.ridge[px] = y
			}
		}
		x += rad * r.between(0.6, 2.2)
		if r.float() < 0.15 {
			x += size * r.between(1, 4) // a gap between clumps
		}
	}
	l.top = col.mix(s.sunCol, 0.08*s.sunlight)
	l.foot = col.scale(0.75)
	return l
}

// headland is a hill that rises from the sea over part of the width only.
func (s *scene) headland(r *prng, col rgb, height float64) layer {
	fw := float64(s.w)
	l := layer{ridge: make([]float64, s.w), depth: height}
	x0 := fw * r.between(-0.3, 0.7)
	x1 := x0 + fw*r.between(0.25, 0.6)
	f1, p1 := r.between(2, 6)*2*math.Pi/fw, r.between(0, 2*math.Pi)
	for x := range l.ridge {
		t := (float64(x) - x0) / (x1 - x0)
		if t <= 0 || t >= 1 {
			l.ridge[x] = s.horizon + 1
			continue
		}
		env := math.Pow(math.Sin(math.Pi*t), 0.6)
		l.ridge[x] = s.horizon - height*env*(0.85+0.15*math.Sin(float64(x)*f1+p1))
	}
	l.top = col.mix(s.sunCol, 0.1*s.sunlight)
	l.foot = col.scale(0.85).mix(s.skyHorizon, 0.2)
	return l
}

func (s *scene) newCloud(r *prng, skyBottom float64) cloud {
	fw := float64(s.w)
	cw := fw * r.between(0.12, 0.35)
	ch := cw * r.between(0.12, 0.22)
	cx := r.between(-0.1, 1.1) * fw
	cy := skyBottom * r.between(0.1, 0.65)
	c := cloud{opacity: r.between(0.55, 0.95), x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
	n := 4 + r.intn(4)
	for i := 0; i < n; i++ {
		rx := cw * r.between(0.18, 0.35)
		ry := ch * r.between(0.5, 1)
		b := blob{cx: cx + cw*r.between(-0.5, 0.5), cy: cy + ch*r.between(-0.35, 0.25), rx2: rx * rx, ry2: ry * ry}
		c.blobs = append(c.blobs, b)
		c.x0, c.x1 = math.Min(c.x0, b.cx-rx), math.Max(c.x1, b.cx+rx)
		c.y0, c.y1 = math.Min(c.y0, b.cy-ry), math.Max(c.y1, b.cy+ry)
	}
	return c
}

// paint evaluates the scene once per chroma sample of img, stores Cb and Cr
// and returns the brightness of each sample in 1/16 steps, to be interpolated
// to full size.
// Values that depend only on the row or only on the column are computed outside
// the inner loop.
func (s *scene) paint(img *image.YCbCr) []int32 {
	fw, fh := float64(s.w), float64(s.h)
	vigCol := make([]float64, s.w)
	for x := range vigCol {
		d := (float64(x)+0.5)/fw - 0.5
		vigCol[x] = d * d
	}
	luma := make([]int32, s.w*s.h)
	for y := 0; y < s.h; y++ {
		fy := float64(y) + 0.5
		t := math.Min(1, fy/math.Min(s.horizon, fh))
		skyRow := s.skyTop.mix(s.skyHorizon, math.Pow(t, 1.6))
		dy := fy/fh - 0.5
		vigRow := dy * dy
		g := s.groundRow(fy)
		cb := img.Cb[y*img.CStride : y*img.CStride+s.w]
		cr := img.Cr[y*img.CStride : y*img.CStride+s.w]
		row := luma[y*s.w : (y+1)*s.w]
		for x := 0; x < s.w; x++ {
			fx := float64(x) + 0.5
			var c rgb
			switch {
			case fy >= s.horizon:
				c = s.ground(&g, x, fx)
			default:
				c = s.landOrSky(x, fx, fy, skyRow)
			}
			// JFIF's conversion, with the vignette's darkening applied to
			// the colour before it.
			k := 1 - s.vignette*2*(vigCol[x]+vigRow)
			row[x] = int32(16*k*(0.299*c.r+0.587*c.g+0.114*c.b) + 0.5)
			cb[x] = clamp8(128 + k*(-0.168736*c.r-0.331264*c.g+0.5*c.b))
			cr[x] = clamp8(128 + k*(0.5*c.r-0.418688*c.g-0.081312*c.b))
		}
	}
	return luma
}

// upsampleLuma fills img's brightness, twice the size of luma (w×h samples,
// in 1/16 steps) in each direction, by bilinear interpolation (each pixel
// weighs the four samples around its centre 9:3:3:1, in integers), plus a
// grain.
func upsampleLuma(img *image.YCbCr, luma []int32, w, h int, seed uint64) {
	b := img.Bounds()
	grain := grainTable(seed)
	col := make([]int32, w+2) // one row of luma interpolated vertically (×4), padded at both ends
	for y := 0; y < b.Dy(); y++ {
		near, far := y/2, y/2-1 // an even row lies a quarter sample above its own
		if y%2 == 1 {
			far = y/2 + 1
		}
		far = max(0, min(h-1, far))
		rn, rf := luma[near*w:(near+1)*w], luma[far*w:(far+1)*w]
		for x := range w {
			col[x+1] = 3*rn[x] + rf[x]
		}
		col[0], col[w+1] = col[1], col[w]
		out := img.Y[y*img.YStride : y*img.YStride+b.Dx()]
		noise := grain[hash(seed, -1, y)%grainRows:]
		for x := range out {
			k := x/2 + 1
			v := (3*col[k]+col[k-1+2*(x%2)]+128)>>8 + int32(noise[x%grainWidth])
			out[x] = uint8(max(0, min(255, v)))
		}
	}
}

// The grain is a table of small brightness offsets (-3..3), read from a
// different place for each row: a hash per pixel would cost more than
// drawing the scene.
const (
	grainWidth = 1024
	grainRows  = 4096
)

func grainTable(seed uint64) []int8 {
	t := make([]int8, grainRows+grainWidth)
	for i := range t {
		t[i] = int8(hash(seed, i, -2)%7) - 3
	}
	return t
}

func (s *scene) landOrSky(x int, fx, fy float64, skyRow rgb) rgb {
	for i := len(s.layers) - 1; i >= 0; i-- {
		l := &s.layers[i]
		if d := fy - l.ridge[x]; d >= 0 {
			t := math.Min(1, d/l.depth)
			c := l.top.mix(l.foot, t)
			if d < 1.5 { // soften the ridge line against what lies behind
				behind := s.landOrSkyBehind(i, x, fx, fy, skyRow)
				c = behind.mix(c, d/1.5)
			}
			return c
		}
	}
	return s.skyAt(fx, fy, skyRow)
}

func (s *scene) landOrSkyBehind(i, x int, fx, fy float64, skyRow rgb) rgb {
	for j := i - 1; j >= 0; j-- {
		l := &s.layers[j]
		if d := fy - l.ridge[x]; d >= 0 {
			return l.top.mix(l.foot, math.Min(1, d/l.depth))
		}
	}
	return s.skyAt(fx, fy, skyRow)
}

func (s *scene) skyAt(fx, fy float64, c rgb) rgb {
	dx, dy := fx-s.sunX, fy-s.sunY
	d := math.Sqrt(dx*dx + dy*dy)
	q := math.Max(0, d-s.sunR) / s.glo
	c = c.mix(s.sunCol, s.sunlight*0.85/(1+q*q))
	if disc := coverage(s.sunR - d); disc > 0 {
		c = c.mix(s.sunCol.mix(rgb{255, 255, 255}, 0.3*s.sunlight).mix(c, 1-0.25-0.75*s.sunlight), disc)
	}
	for i := range s.clouds {
		cl := &s.clouds[i]
		if fx < cl.x0 || fx > cl.x1 || fy < cl.y0 || fy > cl.y1 {
			continue
		}
		dens := 0.0
		for _, b := range cl.blobs {
			bx, by := fx-b.cx, fy-b.cy
			if v := 1 - (bx*bx/b.rx2 + by*by/b.ry2); v > dens {
				dens = v
			}
		}
		if dens <= 0 {
			continue
		}
		a := smoothstep(0, 0.45, dens) * cl.opacity
		shade := s.cloudLit.mix(s.cloudShade, smoothstep(cl.y0, cl.y1, fy))
		c = c.mix(shade, a)
	}
	return c
}

// groundRowData holds what the foreground needs for one row.
type groundRowData struct {
	d        float64 // depth 0 at the horizon .. 1 at the bottom edge
	band     int     // field row
	uScale   float64 // field width factor of this row
	uOffset  float64 // shift of the field borders of this row
	onDike   bool    // row lies on a dike between two field rows
	dikeW    float64 // dike width in u units at this depth
	haze     float64
	sea      rgb
	wavePh   float64
	waveF    float64
	glitterW float64
}

func (s *scene) groundRow(fy float64) groundRowData {
	var g groundRowData
	if fy < s.horizon {
		return g
	}
	g.d = (fy - s.horizon) / (float64(s.h) - s.horizon)
	g.haze = math.Pow(1-g.d, 6) * 0.6
	switch s.kind {
	case sceneFields:
		lg := math.Log(g.d+0.02) * s.fieldBands
		g.band = int(math.Floor(lg))
		frac := lg - math.Floor(lg)
		perPixel := s.fieldBands / (fy - s.horizon + 2) // change of lg per pixel
		g.onDike = frac < 1.6*perPixel
		// Each row of fields has its own widths and borders, so that the
		// foreground reads as a patchwork and not as a grid of tiles.
		h := hash(s.seed, g.band, -1)
		g.uScale = 0.6 + float64(h&1023)/1023
		g.uOffset = float64((h>>10)&1023) / 1023
		g.dikeW = 1.6 * s.fieldCols * g.uScale / ((g.d + 0.02) * float64(s.w))
	case sceneSea:
		g.sea = s.seaFar.mix(s.seaNear, math.Pow(g.d, 0.6))
		band := math.Floor(math.Log(g.d+0.01) * 22)
		g.wavePh = float64(hash(s.seed, int(band), 7)%6283) / 1000
		g.waveF = s.waveFreq / (g.d + 0.06)
		g.glitterW = float64(s.w) * (0.03 + 0.12*g.d)
	}
	return g
}

func (s *scene) ground(g *groundRowData, x int, fx float64) rgb {
	switch s.kind {
	case sceneFields:
		u := (fx-s.vanishX)/((g.d+0.02)*float64(s.w))*s.fieldCols*g.uScale + g.uOffset
		cell := math.Floor(u)
		c := s.field[hash(s.seed, g.band, int(cell))%uint64(len(s.field))]
		// Rows of rice plants: fine stripes that converge with the fields.
		stripe := (u - cell) * 10
		stripe -= math.Floor(stripe)
		c = c.scale(0.94 + 0.12*math.Abs(stripe-0.5))
		if g.onDike || u-cell < g.dikeW {
			c = c.mix(rgb{150, 150, 96}, 0.55)
		}
		return c.mix(s.skyHorizon, g.haze)
	case sceneSea:
		c := g.sea
		w := math.Sin(fx*g.waveF + g.wavePh)
		c = c.scale(0.96 + 0.05*w)
		if w > 0.85 {
			c = c.mix(rgb{235, 242, 245}, (w-0.85)*2*s.sunlight)
		}
		if dx := math.Abs(fx - s.sunX); dx < g.glitterW && w > 0.3 {
			c = c.mix(s.sunCol, (1-dx/g.glitterW)*(w-0.3)*0.9*s.sunlight)
		}
		c = c.mix(s.skyHorizon, g.haze)
		// The beach, its edges mixed over a pixel: a picture drawn at half
		// size would show a hard edge as steps.
		fh := float64(s.h)
		fy := s.horizon + g.d*(fh-s.horizon)
		below := fy - s.shore[x]
		if onSand := coverage(below); onSand > 0 {
			t := math.Min(1, below/(fh-s.shore[x]+1))
			sand := s.sand.scale(0.82).mix(s.sand, math.Min(1, t*4))
			foam := fh * (0.0067 + 0.0133*g.d)
			sand = sand.mix(rgb{246, 248, 246}, 0.7*coverage(foam-below))
			c = c.mix(sand, onSand)
		}
		return c
	}
	return s.skyHorizon
}

// coverage is how much of a pixel lies on the inner side of an edge, given
// how far (in pixels) its centre lies inside it: 0 beyond half a pixel out,
// 1 beyond half a pixel in, and in between a straight ramp that keeps the
// edge from showing steps.
func coverage(inside float64) float64 { return math.Max(0, math.Min(1, inside+0.5)) }

func hash(seed uint64, a, b int) uint64 {
	z := seed ^ uint64(int64(a))*0x9E3779B97F4A7C15 ^ uint64(int64(b))*0xC2B2AE3D27D4EB4F
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func clamp8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

func smoothstep(e0, e1, x float64) float64 {
	t := math.Max(0, math.Min(1, (x-e0)/(e1-e0)))
	return t * t * (3 - 2*t)
}

// prng is SplitMix64: tiny, fast and the same on every platform, unlike the
// sequence of math/rand, which the Go team may change between releases.
type prng struct{ state uint64 }

func (r *prng) next() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func (r *prng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

func (r *prng) between(a, b float64) float64 { return a + (b-a)*r.float() }

func (r *prng) intn(n int) int { return int(r.next() % uint64(n)) }
