package site

import (
	"html/template"
	"strconv"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// writeWeatherBox is the weather box ("Thời tiết") of the home, section
// and article pages, written in Go like the frame (layout_html.go): the
// chosen locality's weather now, or word that there is no fresh data, and
// the picker of localities. Nothing without a box (a paper without
// localities). TestWeatherBoxMatchesTheTemplate keeps it the same as the
// template it replaced.
func (s *Server) writeWeatherBox(m *markup, b *weatherBox) error {
	if b == nil {
		return nil
	}
	m.WriteString("\n<section class=\"weather-box\" aria-labelledby=\"thoi-tiet-tieu-de\">\n  <h2 id=\"thoi-tiet-tieu-de\">Thời tiết</h2>\n  <p class=\"weather-place\">")
	m.text(b.Locality.Name)
	m.WriteString(`</p>`)
	if b.Fresh {
		icon, err := s.assets.URL(b.Now.Icon)
		if err != nil {
			return err
		}
		m.WriteString("\n  <div class=\"weather-now\">\n    <img src=\"")
		m.href(icon)
		m.WriteString(`" width="56" height="56" alt="`)
		m.text(b.Now.Words)
		m.WriteString("\">\n    <p><span class=\"weather-temp\">")
		m.text(b.Now.TemperatureText())
		m.WriteString(`</span> <span class="weather-words" aria-hidden="true">`)
		m.text(b.Now.Words)
		m.WriteString("</span></p>\n  </div>\n  <dl class=\"weather-facts\">\n    <div><dt>Cảm giác như</dt> <dd>")
		m.text(b.Now.ApparentText())
		m.WriteString("</dd></div>\n    <div><dt>Độ ẩm</dt> <dd>")
		m.WriteString(strconv.Itoa(b.Now.Humidity))
		m.WriteString("%</dd></div>\n    <div><dt>Gió</dt> <dd>")
		m.text(b.Now.WindText())
		m.WriteString("</dd></div>\n  </dl>\n  <p class=\"weather-updated\">Cập nhật ")
		m.text(vietnamese.Clock(b.UpdatedAt, b.Loc))
		m.WriteString(`</p>`)
	} else {
		m.WriteString("\n  <p class=\"weather-none\">Chưa có số liệu thời tiết mới</p>")
	}
	m.WriteString("\n  <form class=\"weather-picker\" method=\"get\" action=\"/thoi-tiet/chon\">")
	if b.Here != "" {
		m.WriteString("\n    <input type=\"hidden\" name=\"tiep\" value=\"")
		m.text(b.Here)
		m.WriteString(`">`)
	}
	m.WriteString("\n    <label for=\"dia-phuong\">Địa phương</label>\n    <select id=\"dia-phuong\" name=\"dia-phuong\">")
	m.localityOptions(b.Options)
	m.WriteString(`
    </select>
    <button type="submit">Xem</button>
  </form>
  <p class="weather-more"><a href="/thoi-tiet">Xem thêm</a></p>
  <p class="weather-credit"><a href="https://open-meteo.com/" rel="noopener">Dữ liệu thời tiết: Open-Meteo.com</a></p>
</section>`)
	return nil
}

// weatherBoxHTML is writeWeatherBox for a template.
func (s *Server) weatherBoxHTML(b *weatherBox) (template.HTML, error) {
	var m markup
	err := s.writeWeatherBox(&m, b)
	return m.html(), err
}
