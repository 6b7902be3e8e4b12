package web

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"testing"

	"github.com/toasoan/toasoan/internal/weather"
)

// Every icon the weather package names is a static file, an SVG that
// parses, with the size the pages give it room for.
func TestWeatherIconsExist(t *testing.T) {
	t.Parallel()
	as, err := LoadAssets()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range weather.Icons() {
		u, err := as.URL(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		a := as.byHashed[u[len("/static/"):]]
		if a.mime != "image/svg+xml" || !bytes.Contains(a.plain.data, []byte(`viewBox="0 0 64 64"`)) {
			t.Errorf("%s: %s, not a 64×64 SVG", name, a.mime)
		}
		d := xml.NewDecoder(bytes.NewReader(a.plain.data))
		for {
			if _, err := d.Token(); err != nil {
				if !errors.Is(err, io.EOF) {
					t.Errorf("%s: %v", name, err)
				}
				break
			}
		}
	}
}
