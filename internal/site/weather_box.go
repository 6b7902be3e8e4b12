package site

import (
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/weather"
)

// readerBoxes gives reader templates the parts of a page that depend on
// the reader and change by the minute: the weather box (the chosen
// locality is a cookie) and the popup (closing one is a cookie). They are
// read when a template calls for them, so pages without them cost
// nothing, and a failure there leaves the box out instead of failing the
// page: the article matters more than the weather.
type readerBoxes struct {
	s   *Server
	r   *http.Request
	loc *time.Location
}

// weatherBox is the box's data: the report, the picker, and where the
// picker's choice returns to.
type weatherBox struct {
	weather.Box
	Loc     *time.Location
	Here    string
	Options []localityOption // the picker, made in Go: a paper may list dozens of communes
}

type localityOption struct {
	Value, Name string
	Selected    bool
}

// Weather reads the box from the database; pages never call the weather
// provider. It is nil when the paper has no localities.
func (b readerBoxes) Weather() *weatherBox {
	if b.s == nil || b.s.weather == nil {
		return nil
	}
	depend(b.r, news.WeatherKey)
	box, err := b.s.weather.Box(b.r.Context(), b.s.choicesOf(b.r).locality)
	if err != nil {
		b.s.log.Error("weather box", "err", err)
		return nil
	}
	if len(box.Localities) == 0 {
		return nil
	}
	options := make([]localityOption, len(box.Localities))
	for i, l := range box.Localities {
		options[i] = localityOption{Value: strconv.FormatInt(l.ID, 10), Name: l.Name, Selected: l.ID == box.Locality.ID}
	}
	return &weatherBox{Box: box, Loc: b.loc, Here: here(b.r), Options: options}
}

// here is the page a form on it should come back to; a page drawn in
// answer to a POST (a refused comment) has no address to come back to.
func here(r *http.Request) string {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return ""
	}
	return r.URL.RequestURI()
}
