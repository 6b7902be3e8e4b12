package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

func (d *desk) localities(t *testing.T) []news.Locality {
	t.Helper()
	locs, err := d.store.Localities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return locs
}

func TestLocalitiesInTheNewsroom(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		path := d.articlePath(t, d.publishedArticle(t, "Nắng nóng kéo dài"))
		admin := d.signIn(t, "admin")
		_, doc := admin.get("/toasoan/thoi-tiet")
		if n := doc.Find(".nr-table tbody tr").Length(); n != 11 || text(doc, ".nr-table tbody tr td strong") != "(mặc định)" {
			t.Fatalf("%d rows; first %q", n, text(doc, ".nr-table tbody tr"))
		}
		resp, _ := admin.post("/toasoan/thoi-tiet", url.Values{"name": {"Vũng Áng"}, "latitude": {"18,10"}, "longitude": {" 106.40 "}})
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/toasoan/thoi-tiet?ok=") {
			t.Fatalf("adding: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		locs := d.localities(t)
		added := locs[len(locs)-1]
		if added.Name != "Vũng Áng" || added.Latitude != 18.10 || added.Longitude != 106.40 || added.Position != 12 {
			t.Fatalf("added %+v", added)
		}
		if _, doc := admin.get("/toasoan/thoi-tiet?ok=dia-phuong"); text(doc, ".nr-notice") != "Đã lưu địa phương." {
			t.Errorf("notice %q", text(doc, ".nr-notice"))
		}
		id := itoa(added.ID)
		for i := range 11 {
			if resp, _ := admin.post("/toasoan/thoi-tiet/"+id+"/thu-tu", url.Values{"huong": {"len"}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("move %d: %d", i, resp.StatusCode)
			}
		}
		if resp, _ := admin.post("/toasoan/thoi-tiet/"+id+"/mac-dinh", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("default: %d", resp.StatusCode)
		}
		if got := d.localities(t); got[0].ID != added.ID || !got[0].Default || got[1].Default {
			t.Fatalf("after moving up and choosing the default: %+v", got[:2])
		}
		_, page := d.browser(t).get(path)
		if text(page, ".weather-place") != "Vũng Áng" || text(page, ".weather-picker option") != "Vũng Áng" {
			t.Fatalf("the reader's box: %q", text(page, ".weather-box"))
		}
		first := d.localities(t)[1]
		f := url.Values{"id": {itoa(first.ID)}, "name": {"Phường Thành Sen"}, "latitude": {"18.343"}, "longitude": {"105.906"}}
		if resp, _ := admin.post("/toasoan/thoi-tiet", f); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("renaming: %d", resp.StatusCode)
		}
		if resp, _ := admin.post("/toasoan/thoi-tiet/"+id+"/xoa", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("deleting: %d", resp.StatusCode)
		}
		if got := d.localities(t); got[0].Name != "Phường Thành Sen" || !got[0].Default || len(got) != 11 {
			t.Fatalf("after deleting the default: %+v", got[0])
		}
		log, _ := d.store.AuditLog(context.Background(), store.AuditFilter{ObjectType: "locality"})
		if len(log) != 15 {
			t.Errorf("%d audit entries for 1 add, 11 moves, 1 default, 1 rename, 1 delete", len(log))
		}
	})
}

func TestLocalityRefusals(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		chief := d.signIn(t, "editor-in-chief")
		chief.get("/toasoan/thoi-tiet")
		before := d.localities(t)
		tests := []struct {
			name   string
			form   url.Values
			status int
			want   string
		}{
			{"no name", url.Values{"name": {" "}, "latitude": {"18"}, "longitude": {"105"}}, 400, "tên địa phương"},
			{"latitude past the pole", url.Values{"name": {"A"}, "latitude": {"95"}, "longitude": {"105"}}, 400, "Vĩ độ"},
			{"longitude not a number", url.Values{"name": {"A"}, "latitude": {"18"}, "longitude": {"một trăm lẻ năm"}}, 400, "Kinh độ"},
			{"NaN", url.Values{"name": {"A"}, "latitude": {"NaN"}, "longitude": {"105"}}, 400, "Vĩ độ"},
			{"id not a number", url.Values{"id": {"abc"}, "name": {"A"}, "latitude": {"18"}, "longitude": {"105"}}, 400, "không hợp lệ"},
			{"missing locality", url.Values{"id": {"999999"}, "name": {"A"}, "latitude": {"18"}, "longitude": {"105"}}, 404, "Không tìm thấy"},
			{"script in the name", url.Values{"name": {"<script>x</script>"}, "latitude": {"18"}, "longitude": {"200"}}, 400, "Kinh độ"},
		}
		for _, tt := range tests {
			resp, doc := chief.post("/toasoan/thoi-tiet", tt.form)
			msg := errorText(doc)
			if msg == "" {
				msg = text(doc, "main")
			}
			if resp.StatusCode != tt.status || !strings.Contains(msg, tt.want) {
				t.Errorf("%s: %d %q", tt.name, resp.StatusCode, msg)
			}
			if tt.status == 400 && tt.form.Get("id") == "" && doc.Find("#dp-name").AttrOr("value", "") != tt.form.Get("name") {
				t.Errorf("%s: the form lost what was typed", tt.name)
			}
			if doc.Find("script:not([src])").Length() != 0 {
				t.Errorf("%s: a script got into the page", tt.name)
			}
		}
		for path, want := range map[string]int{
			"/toasoan/thoi-tiet/abc/xoa": 400, "/toasoan/thoi-tiet/0/mac-dinh": 400, "/toasoan/thoi-tiet/999999/xoa": 404,
			"/toasoan/thoi-tiet/999999/thu-tu": 404,
		} {
			if resp, _ := chief.post(path, url.Values{"huong": {"len"}}); resp.StatusCode != want {
				t.Errorf("POST %s: %d, want %d", path, resp.StatusCode, want)
			}
		}
		if resp, _ := chief.post("/toasoan/thoi-tiet/"+itoa(before[0].ID)+"/thu-tu", url.Values{"huong": {"ngang"}}); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("moving sideways: %d", resp.StatusCode)
		}
		after := d.localities(t)
		if len(after) != len(before) {
			t.Fatalf("refusals changed the list: %d → %d", len(before), len(after))
		}
		for i := range after {
			if after[i] != before[i] {
				t.Fatalf("refusals changed %+v into %+v", before[i], after[i])
			}
		}
	})
}
