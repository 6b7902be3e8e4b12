package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/store"
)

// statRows is a statistics table as "name=stories/views" lines.
func statRows(doc *goquery.Document, section string) []string {
	var rows []string
	doc.Find(`section[aria-labelledby="` + section + `"] tbody tr`).Each(func(_ int, tr *goquery.Selection) {
		cells := tr.Find("td").Map(func(_ int, td *goquery.Selection) string { return strings.TrimSpace(td.Text()) })
		if len(cells) == 3 {
			rows = append(rows, cells[0]+"="+cells[1]+"/"+cells[2])
		}
	})
	return rows
}

// Known counts added as the views counter adds them show on "Thống kê" by
// the paper's day: the day's most read, views by section and by author
// over today, 7 and 30 days (a story read yesterday is not read today;
// one read 10 days ago only in 30 days); the editor's page of a story and
// the API show its own numbers.
func TestStatisticsByThePapersDay(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		chief := d.signIn(t, "editor-in-chief")
		_, empty := chief.get("/toasoan/thong-ke")
		if got := text(empty, `section[aria-labelledby="top-hom-nay"] .nr-empty`); got != "Hôm nay chưa có lượt đọc nào được ghi nhận." {
			t.Errorf("empty top of the day: %q", got)
		}
		if got := text(empty, `section[aria-labelledby="theo-tac-gia"] .nr-empty`); got == "" {
			t.Error("no empty state by author")
		}
		reporter, editor := d.users["reporter"].AuthorID, d.users["editor"].AuthorID
		storm := d.story(t, "editor-in-chief", "Bão số 5 đổ bộ", d.section, []int64{reporter}, "submitted", "edited", "published")
		match := d.story(t, "editor-in-chief", "Chung kết bóng đá", d.other, []int64{reporter, editor}, "submitted", "edited", "published")
		flood := d.story(t, "editor-in-chief", "Lũ rút ở miền Trung", d.section, []int64{editor}, "submitted", "edited", "published")
		draft := d.story(t, "editor-in-chief", "Bản nháp", d.section, []int64{editor})

		site, err := d.store.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		today := store.DayStart(d.clock.now(), site.Location)
		err = d.store.AddViews(ctx, []store.ViewCount{
			{ArticleID: storm, Hour: today, N: 5},
			{ArticleID: storm, Hour: today.Add(-time.Hour), N: 7}, // 23:00 yesterday
			{ArticleID: match, Hour: today, N: 2},
			{ArticleID: match, Hour: today.AddDate(0, 0, -10), N: 100},
			{ArticleID: flood, Hour: today.AddDate(0, 0, -2), N: 4},
		})
		if err != nil {
			t.Fatal(err)
		}
		resp, doc := chief.get("/toasoan/thong-ke")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("statistics: %d", resp.StatusCode)
		}
		var top []string
		doc.Find(`section[aria-labelledby="top-hom-nay"] tbody tr`).Each(func(_ int, tr *goquery.Selection) {
			href, _ := tr.Find("a").Attr("href")
			top = append(top, tr.Find("a").Text()+"|"+href+"|"+strings.TrimSpace(tr.Find("td").Eq(2).Text())+"|"+strings.TrimSpace(tr.Find("td").Eq(3).Text()))
		})
		want := []string{"Bão số 5 đổ bộ|/toasoan/bai-viet/" + itoa(storm) + "|Thời sự|5", "Chung kết bóng đá|/toasoan/bai-viet/" + itoa(match) + "|Thể thao|2"}
		if strings.Join(top, "\n") != strings.Join(want, "\n") {
			t.Errorf("top of the day:\n%s\nwant\n%s", strings.Join(top, "\n"), strings.Join(want, "\n"))
		}
		au := func(role string) string { return d.mustAuthor(t, role).Name }
		for _, c := range []struct {
			period            string
			sections, authors []string
		}{
			{"", []string{"Thời sự=1/5", "Thể thao=1/2"}, []string{au("reporter") + "=2/7", au("editor") + "=1/2"}},
			{"7-ngay", []string{"Thời sự=2/16", "Thể thao=1/2"}, []string{au("reporter") + "=2/14", au("editor") + "=2/6"}},
			{"30-ngay", []string{"Thể thao=1/102", "Thời sự=2/16"}, []string{au("reporter") + "=2/114", au("editor") + "=2/106"}},
		} {
			_, doc := chief.get("/toasoan/thong-ke?ky=" + c.period)
			if got := statRows(doc, "theo-chuyen-muc"); strings.Join(got, ",") != strings.Join(c.sections, ",") {
				t.Errorf("%q by section: %q, want %q", c.period, got, c.sections)
			}
			if got := statRows(doc, "theo-tac-gia"); strings.Join(got, ",") != strings.Join(c.authors, ",") {
				t.Errorf("%q by author: %q, want %q", c.period, got, c.authors)
			}
		}
		resp, doc = chief.get("/toasoan/thong-ke?ky=1%27%20OR%201=1")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(doc.Text(), "Khoảng thời gian") {
			t.Errorf("a made-up period: %d", resp.StatusCode)
		}

		// The story's own page in the newsroom, and the API.
		_, form := chief.get("/toasoan/bai-viet/" + itoa(storm))
		if got := text(form, "#views-today") + "/" + text(form, "#views-week") + "/" + text(form, "#views-total"); got != "5/12/12" {
			t.Errorf("the story's views in the newsroom: %s", got)
		}
		if _, form := chief.get("/toasoan/bai-viet/" + itoa(draft)); form.Find(".nr-views").Length() != 0 {
			t.Error("a draft shows views")
		}
		token := apiToken(t, chief)
		views := func(id int64) map[string]any {
			req, _ := http.NewRequest(http.MethodGet, d.url+"/api/v1/articles/"+itoa(id), nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("GET article: %d %v", resp.StatusCode, err)
			}
			v, _ := body["views"].(map[string]any)
			return v
		}
		if v := views(match); v["today"] != 2.0 || v["week"] != 2.0 || v["total"] != 102.0 {
			t.Errorf("API views: %v", v)
		}
		if v := views(draft); v != nil {
			t.Errorf("a draft's API views: %v", v)
		}
	})
}

// The related-stories field of the editor's form: picks are kept in
// order by a save and shown with their titles; bad picks are refused with
// the form as typed and nothing written.
func TestRelatedPicksInTheForm(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		main := d.publishedArticle(t, "Bão số 5 đổ bộ")
		first := d.publishedArticle(t, "Di dời dân trước bão")
		second := d.publishedArticle(t, "Sửa đê sau bão")
		draft := d.story(t, "editor-in-chief", "Bản nháp về bão", d.section, nil)
		chief := d.signIn(t, "editor-in-chief")
		a, err := d.store.Article(ctx, main)
		if err != nil {
			t.Fatal(err)
		}
		form := func(related ...string) url.Values {
			f := url.Values{"title": {a.Title}, "lead": {a.Lead}, "body": {a.Body}, "section_id": {itoa(a.SectionID)}, "related": related}
			stored, err := d.store.Article(ctx, main)
			if err != nil {
				t.Fatal(err)
			}
			f.Set("revision", itoa(int64(stored.Revision)))
			return f
		}
		for _, c := range []struct {
			name, field, message string
		}{
			{"unknown", "999999", "không tồn tại"},
			{"draft", itoa(draft), "chưa đăng"},
			{"itself", itoa(main), "chính bài này"},
			{"seven", "1,2,3,4,5,6,7", "tối đa 6"},
			{"not a number", "bài hay", "không phải số bài"},
			{"SQL", "1); DROP TABLE article_related; --", "không phải số bài"},
		} {
			resp, doc := chief.post("/toasoan/bai-viet/"+itoa(main), form(c.field))
			if resp.StatusCode < 400 || resp.StatusCode >= 500 || !strings.Contains(errorText(doc), c.message) {
				t.Errorf("%s: %d %q", c.name, resp.StatusCode, errorText(doc))
			}
			if v, _ := doc.Find("#related").Attr("value"); v != c.field {
				t.Errorf("%s: the field lost what was typed: %q", c.name, v)
			}
			if stored, _ := d.store.Article(ctx, main); len(stored.RelatedIDs) != 0 || stored.Revision != a.Revision {
				t.Errorf("%s: written anyway: %v, revision %d", c.name, stored.RelatedIDs, stored.Revision)
			}
		}
		// Without the script: numbers and a reader's address in one field.
		resp, _ := chief.post("/toasoan/bai-viet/"+itoa(main), form(itoa(second)+", http://bao.example"+d.articlePath(t, first)))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save with picks: %d", resp.StatusCode)
		}
		stored, err := d.store.Article(ctx, main)
		if err != nil || len(stored.RelatedIDs) != 2 || stored.RelatedIDs[0] != second || stored.RelatedIDs[1] != first {
			t.Fatalf("picks: %v %v", stored.RelatedIDs, err)
		}
		_, doc := chief.get("/toasoan/bai-viet/" + itoa(main))
		if got := doc.Find(".nr-related-picked li").Map(func(_ int, li *goquery.Selection) string { return li.Text() }); strings.Join(got, "|") != "Sửa đê sau bão|Di dời dân trước bão" {
			t.Errorf("the form's picks: %q", got)
		}
		// A save that does not touch the field (the picker's hidden inputs) keeps them.
		if resp, _ := chief.post("/toasoan/bai-viet/"+itoa(main), form(itoa(second), itoa(first))); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save again: %d", resp.StatusCode)
		}
		if stored, _ := d.store.Article(ctx, main); len(stored.RelatedIDs) != 2 {
			t.Errorf("picks after a second save: %v", stored.RelatedIDs)
		}
		// The picker's search: published stories by title, as JSON.
		resp, body := chief.getJSON("/toasoan/bai-viet/tim?q=" + url.QueryEscape("de bao"))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"title":"Sửa đê sau bão"`) || strings.Contains(body, "Bản nháp") {
			t.Errorf("search: %d %s", resp.StatusCode, body)
		}
		if resp, _ := d.signIn(t, "moderator").getJSON("/toasoan/bai-viet/tim?q=bao"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a moderator searches stories to pick: %d", resp.StatusCode)
		}
	})
}

// getJSON is a GET asking for JSON, with the body as text.
func (b *browser) getJSON(path string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.base+path, nil)
	req.Header.Set("Accept", "application/json")
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp, sb.String()
}
