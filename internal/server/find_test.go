package server_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"
	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// findDesk is a desk with stories to find: two reporters' drafts, a
// submitted story in the other section, published and edited ones, two
// bylines.
type findDesk struct {
	*desk
	authorA, authorB news.Author
	ids              map[string]int64 // by title
}

const (
	titleMine   = "Đường về Hà Tĩnh mùa lũ"                 // the reporter's draft, byline A
	titleSecret = "Đường dây lừa đảo qua mạng bị triệt phá" // the second reporter's draft
	titleSport  = "Hà Tĩnh vô địch giải bóng đá thiếu niên" // the second reporter's, submitted, other section, byline B
	titlePub    = "Khánh thành cầu Thạch Đồng ở Hà Tĩnh"    // published, byline A
	titleWater  = "Thủy lợi Hoà Bình đón mùa mưa"           // edited
	titleRice   = "Giá lúa tăng nhẹ"                        // the reporter's, submitted
	reporterTwo = "reporter-2"
)

func startFindDesk(t *testing.T, d *desk) *findDesk {
	t.Helper()
	ctx := context.Background()
	f := &findDesk{desk: d, ids: map[string]int64{}}
	hash, err := auth.TestHasher().Hash(staffPassword)
	if err != nil {
		t.Fatal(err)
	}
	u, err := d.store.CreateUser(ctx, news.System(), news.User{Email: "pv2@bao.vn", Name: "Phóng viên hai", PasswordHash: hash, Roles: []news.Role{news.Reporter}})
	if err != nil {
		t.Fatal(err)
	}
	d.users[reporterTwo] = u
	if f.authorA, err = d.store.CreateAuthor(ctx, news.System(), news.Author{Slug: "thu-ha", Name: "Nguyễn Thu Hà"}); err != nil {
		t.Fatal(err)
	}
	if f.authorB, err = d.store.CreateAuthor(ctx, news.System(), news.Author{Slug: "minh-duc", Name: "Trần Minh Đức"}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		title, by string
		section   news.Section
		authors   []int64
		moves     []string
	}{
		{titleMine, "reporter", d.section, []int64{f.authorA.ID}, nil},
		{titleSecret, reporterTwo, d.section, nil, nil},
		{titleSport, reporterTwo, d.other, []int64{f.authorB.ID}, []string{"submitted"}},
		{titleWater, "editor-in-chief", d.section, nil, []string{"submitted", "edited"}},
		{titleRice, "reporter", d.section, nil, []string{"submitted"}},
	} {
		f.ids[s.title] = f.story(t, s.by, s.title, s.section, s.authors, s.moves...)
	}
	// Published just after midnight of 2 April 2025 in Hà Tĩnh, still
	// 1 April in UTC.
	pub, err := d.store.CreateArticle(ctx, news.System(), news.Article{Slug: "khanh-thanh-cau", Title: titlePub, Lead: "Sapô.",
		Body: "<p>Nội dung.</p>", SectionID: d.section.ID, Status: news.Published, Authors: []news.Author{f.authorA},
		PublishedAt: time.Date(2025, 4, 1, 17, 30, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	f.ids[titlePub] = pub.ID
	return f
}

// story writes an article as the member of role by and moves it on as
// the editor-in-chief.
func (d *desk) story(t *testing.T, by, title string, section news.Section, authors []int64, moves ...string) int64 {
	t.Helper()
	ctx := context.Background()
	a, err := d.service.Create(ctx, news.Actor{User: d.users[by]}, editorial.ArticleInput{Title: title, Lead: "Sapô.",
		Body: "<p>Nội dung.</p>", SectionID: section.ID, AuthorIDs: authors})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range moves {
		if _, err := d.service.Transition(ctx, news.Actor{User: d.users["editor-in-chief"]}, a.ID, statusOf(t, to), "", time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	return a.ID
}

// listed is the titles of the desk's searchable list, sorted, and the
// count it says it found.
func listed(t *testing.T, doc *goquery.Document) ([]string, string) {
	t.Helper()
	var titles []string
	doc.Find(`section[aria-labelledby="danh-sach"] .nr-table tbody a`).Each(func(_ int, a *goquery.Selection) {
		titles = append(titles, a.Text())
	})
	slices.Sort(titles)
	return titles, text(doc, ".nr-found")
}

func sorted(titles ...string) []string {
	out := slices.Clone(titles)
	slices.Sort(out)
	return out
}

// searchAs opens the desk's list with query as a member of role and
// checks it answers 200.
func searchAs(t *testing.T, b *browser, query url.Values) ([]string, string, *goquery.Document) {
	t.Helper()
	resp, doc := b.get("/toasoan/?" + query.Encode())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", query.Encode(), resp.StatusCode, errorText(doc))
	}
	titles, found := listed(t, doc)
	return titles, found, doc
}

// The desk's list finds titles without marks, with đ typed as d, in
// capitals or decomposed Unicode, by the start of each word in any order;
// each filter works alone and with the others; the form shows what was
// asked and the list says how many it found.
func TestFindArticlesInTheNewsroom(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		f := startFindDesk(t, d)
		b := d.signIn(t, "managing-editor")
		// The days the stories were started on, in Hà Tĩnh: the desk's
		// own clock, so read back.
		sport, err := d.store.Article(context.Background(), f.ids[titleSport])
		if err != nil {
			t.Fatal(err)
		}
		hanoi := time.FixedZone("GMT+7", 7*3600)
		today := sport.CreatedAt.In(hanoi)
		day := func(days int) string { return today.AddDate(0, 0, days).Format("2006-01-02") }

		a, bID := strconv.FormatInt(f.authorA.ID, 10), strconv.FormatInt(f.authorB.ID, 10)
		everything := sorted(titleMine, titleSecret, titleSport, titlePub, titleWater, titleRice)
		cases := []struct {
			name  string
			query url.Values
			want  []string
		}{
			{"nothing", url.Values{}, everything},
			{"no marks", url.Values{"tim": {"duong"}}, sorted(titleMine, titleSecret)},
			{"đ as d, words in any order", url.Values{"tim": {"tinh ha"}}, sorted(titleMine, titleSport, titlePub)},
			{"with marks", url.Values{"tim": {"Hà Tĩnh"}}, sorted(titleMine, titleSport, titlePub)},
			{"capitals", url.Values{"tim": {"ĐƯỜNG"}}, sorted(titleMine, titleSecret)},
			{"decomposed", url.Values{"tim": {norm.NFD.String("đường hà tĩnh")}}, []string{titleMine}},
			{"other tone placement", url.Values{"tim": {"hòa bình"}}, []string{titleWater}},
			{"start of a word", url.Values{"tim": {"thach d"}}, []string{titlePub}},
			{"not the middle of a word", url.Values{"tim": {"uong"}}, nil},
			{"state", url.Values{"trang-thai": {"draft"}}, sorted(titleMine, titleSecret)},
			{"section", url.Values{"chuyen-muc": {itoa(d.other.ID)}}, []string{titleSport}},
			{"author", url.Values{"tac-gia": {a}}, sorted(titleMine, titlePub)},
			{"created today", url.Values{"ngay": {"tao"}, "tu": {day(0)}, "den": {day(0)}}, everything},
			{"created since tomorrow", url.Values{"ngay": {"tao"}, "tu": {day(1)}}, nil},
			{"created up to yesterday", url.Values{"den": {day(-1)}}, nil},
			{"created, day first", url.Values{"tu": {today.Format("02-01-2006")}}, everything},
			{"published on a day of Hà Tĩnh", url.Values{"ngay": {"dang"}, "tu": {"2025-04-02"}, "den": {"2025-04-02"}}, []string{titlePub}},
			{"published up to the day before", url.Values{"ngay": {"dang"}, "den": {"2025-04-01"}}, nil},
			{"published in a year", url.Values{"ngay": {"dang"}, "tu": {"2025-01-01"}, "den": {"2025-12-31"}}, []string{titlePub}},
			{"title, state and section", url.Values{"tim": {"ha tinh"}, "trang-thai": {"published"}, "chuyen-muc": {itoa(d.section.ID)}}, []string{titlePub}},
			{"title and author", url.Values{"tim": {"ha tinh"}, "tac-gia": {a}}, sorted(titleMine, titlePub)},
			{"title, author and other section", url.Values{"tim": {"ha tinh"}, "tac-gia": {a}, "chuyen-muc": {itoa(d.other.ID)}}, nil},
			{"author and state", url.Values{"tac-gia": {bID}, "trang-thai": {"submitted"}}, []string{titleSport}},
			{"everything at once", url.Values{"tim": {"vo dich"}, "tac-gia": {bID}, "trang-thai": {"submitted"}, "chuyen-muc": {itoa(d.other.ID)},
				"ngay": {"tao"}, "tu": {day(-1)}, "den": {day(1)}}, []string{titleSport}},
			{"script", url.Values{"tim": {`<script>alert("x")</script>`}}, nil},
			{"SQL", url.Values{"tim": {`' OR 1=1; DROP TABLE articles; --`}}, nil},
			{"punctuation only", url.Values{"tim": {"%_!?"}}, nil},
			{"10 000 letters", url.Values{"tim": {strings.Repeat("a", 10_000)}}, nil},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, found, doc := searchAs(t, b, c.query)
				if !slices.Equal(got, c.want) {
					t.Errorf("found %q, want %q", got, c.want)
				}
				wantFound := strconv.Itoa(len(c.want)) + " bài"
				if len(c.query) > 0 {
					wantFound = "Tìm thấy " + wantFound
				}
				if found != wantFound {
					t.Errorf("the list says %q, want %q", found, wantFound)
				}
				// The form shows what was asked.
				form := doc.Find("form.nr-filters")
				if want := strings.TrimSpace(norm.NFC.String(c.query.Get("tim"))); len(want) <= 200 && form.Find(`input[name="tim"]`).AttrOr("value", "?") != want {
					t.Errorf("search box shows %q, want %q", form.Find(`input[name="tim"]`).AttrOr("value", ""), want)
				}
				for _, name := range []string{"trang-thai", "chuyen-muc", "tac-gia"} {
					if v := c.query.Get(name); form.Find(`select[name="`+name+`"] option[selected]`).AttrOr("value", "") != v {
						t.Errorf("%s shows %q, want %q", name, form.Find(`select[name="`+name+`"] option[selected]`).AttrOr("value", ""), v)
					}
				}
				for _, name := range []string{"tu", "den"} {
					if v := c.query.Get(name); form.Find(`input[name="`+name+`"]`).AttrOr("value", "") != v {
						t.Errorf("%s shows %q, want %q", name, form.Find(`input[name="`+name+`"]`).AttrOr("value", ""), v)
					}
				}
				doc.Find("script").Each(func(_ int, s *goquery.Selection) {
					if strings.Contains(s.Text(), "alert") {
						t.Error("the search text reached the page as a script")
					}
				})
			})
		}
		if _, _, doc := searchAs(t, b, url.Values{"tim": {strings.Repeat("á", 300)}}); len([]rune(doc.Find(`input[name="tim"]`).AttrOr("value", ""))) != 200 {
			t.Error("a 300-letter search is not cut to 200")
		}
	})
}

// Each list and count of the desk keeps to the read rule: a reporter
// finds their own draft and published stories, never another reporter's
// draft or submitted story; an editor finds submitted copy of their
// sections only; the queues count only what the member may open. (A
// moderator has no desk: /toasoan/ sends them to the comment queue.)
func TestFindKeepsTheReadRule(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		startFindDesk(t, d)
		for _, c := range []struct {
			role, search string
			want         []string
			drafts       string // the draft queue's count
		}{
			{"reporter", "duong", []string{titleMine}, "1"},
			{"reporter", "ha tinh", sorted(titleMine, titlePub), "1"},
			{"reporter", "", sorted(titleMine, titlePub, titleRice), "1"},
			{reporterTwo, "duong", []string{titleSecret}, "1"},
			{reporterTwo, "ha tinh", sorted(titleSport, titlePub), "1"},
			{"editor", "ha tinh", []string{titlePub}, "0"},
			{"editor", "", sorted(titlePub, titleWater, titleRice), "0"},
			{"managing-editor", "duong", sorted(titleMine, titleSecret), "2"},
		} {
			b := d.signIn(t, c.role)
			got, _, doc := searchAs(t, b, url.Values{"tim": {c.search}})
			if !slices.Equal(got, c.want) {
				t.Errorf("%s searching %q finds %q, want %q", c.role, c.search, got, c.want)
			}
			if n := text(doc, `a.nr-queue[href$="=draft"] .nr-count`); n != c.drafts {
				t.Errorf("%s counts %s drafts, want %s", c.role, n, c.drafts)
			}
			drafts, _, _ := searchAs(t, b, url.Values{"trang-thai": {"draft"}, "tim": {c.search}})
			for _, title := range drafts {
				if title == titleSecret && c.role != reporterTwo && c.role != "managing-editor" || title == titleMine && c.role != "reporter" && c.role != "managing-editor" {
					t.Errorf("%s found someone else's draft %q", c.role, title)
				}
			}
		}
	})
}

// Paging keeps the search and the filters, page after page, and the form
// on the next page still shows them.
func TestFindPagingKeepsTheFilters(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		f := startFindDesk(t, d)
		for i := range 17 {
			d.story(t, "editor-in-chief", "Bản tin Hà Tĩnh số "+strconv.Itoa(i+1), d.other, []int64{f.authorB.ID})
		}
		d.story(t, "editor-in-chief", "Bản tin thời tiết", d.other, []int64{f.authorB.ID}) // not "ha tinh"
		d.story(t, "editor-in-chief", "Bản tin Hà Tĩnh trong mục khác", d.section, nil)    // not this section
		b := d.signIn(t, "managing-editor")
		query := url.Values{"tim": {"ban tin ha tinh"}, "trang-thai": {"draft"}, "chuyen-muc": {itoa(d.other.ID)}, "tac-gia": {itoa(f.authorB.ID)}}
		first, found, doc := searchAs(t, b, query)
		if len(first) != 15 || found != "Tìm thấy 17 bài · trang 1/2" {
			t.Fatalf("page 1: %d stories, %q", len(first), found)
		}
		next, ok := doc.Find(`.pager a[rel="next"]`).Attr("href")
		if !ok {
			t.Fatal("no link to page 2")
		}
		u, err := url.Parse(next)
		if err != nil {
			t.Fatal(err)
		}
		for name := range query {
			if u.Query().Get(name) != query.Get(name) {
				t.Errorf("page 2's link drops %s: %q", name, next)
			}
		}
		resp, doc := b.get(next)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("page 2: %d", resp.StatusCode)
		}
		second, found := listed(t, doc)
		if len(second) != 2 || found != "Tìm thấy 17 bài · trang 2/2" {
			t.Fatalf("page 2: %q, %q", second, found)
		}
		for _, title := range second {
			if slices.Contains(first, title) {
				t.Errorf("%q is on both pages", title)
			}
		}
		if v := doc.Find(`input[name="tim"]`).AttrOr("value", ""); v != "ban tin ha tinh" {
			t.Errorf("page 2's form shows %q", v)
		}
		if prev := doc.Find(`.pager a[rel="prev"]`).AttrOr("href", ""); !strings.Contains(prev, "tim=ban+tin+ha+tinh") || strings.Contains(prev, "trang=") {
			t.Errorf("page 2 links back to %q", prev)
		}
	})
}

// Filters that mean nothing answer 400 with a Vietnamese reason and the
// form as typed, never a 500 and never a list that ignored them.
func TestFindRefusesFiltersThatMeanNothing(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		startFindDesk(t, d)
		b := d.signIn(t, "managing-editor")
		for _, bad := range []url.Values{
			{"trang-thai": {`<script>alert("x")</script>`}},
			{"trang-thai": {"published' OR '1'='1"}},
			{"trang-thai": {strings.Repeat("x", 5000)}},
			{"chuyen-muc": {"abc"}},
			{"chuyen-muc": {"-1"}},
			{"chuyen-muc": {"1 OR 1=1"}},
			{"chuyen-muc": {"99999999999999999999999"}},
			{"tac-gia": {"<b>1</b>"}},
			{"tu": {"2026-02-30"}},
			{"tu": {"31/12/2026"}},
			{"den": {"2026-13-01"}},
			{"den": {"２０２６-０１-０１"}},
			{"tu": {`<script>alert("x")</script>`}},
			{"tu": {"2026-05-02"}, "den": {"2026-05-01"}},
			{"tu": {"0001-01-01"}},
			{"ngay": {"cap-nhat"}, "tu": {"2026-01-01"}},
		} {
			bad.Set("tim", "hà tĩnh")
			resp, doc := b.get("/toasoan/?" + bad.Encode())
			msg := errorText(doc)
			if resp.StatusCode != http.StatusBadRequest || msg == "" {
				t.Errorf("%s: %d %q", bad.Encode(), resp.StatusCode, msg)
				continue
			}
			if !strings.ContainsAny(msg, "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ") || len(msg) > 300 {
				t.Errorf("%s: the reason %q is not a short Vietnamese sentence", bad.Encode(), msg)
			}
			if v := doc.Find(`input[name="tim"]`).AttrOr("value", ""); v != "hà tĩnh" {
				t.Errorf("%s: the form lost the search, shows %q", bad.Encode(), v)
			}
			if doc.Find(`section[aria-labelledby="danh-sach"] .nr-table`).Length() != 0 {
				t.Errorf("%s: a list was shown anyway", bad.Encode())
			}
			doc.Find("script").Each(func(_ int, s *goquery.Selection) {
				if strings.Contains(s.Text(), "alert") {
					t.Errorf("%s: the value reached the page as a script", bad.Encode())
				}
			})
		}
		for path, want := range map[string]int{
			"/toasoan/?trang=abc":                             http.StatusBadRequest,
			"/toasoan/?tim=ha+tinh&trang=99":                  http.StatusNotFound,
			"/toasoan/?tim=" + strings.Repeat("%C4%91", 6000): http.StatusBadRequest, // past the URL limit
		} {
			if resp, doc := b.get(path); resp.StatusCode != want {
				t.Errorf("%.60s: %d %q, want %d", path, resp.StatusCode, text(doc, "main"), want)
			}
		}
	})
}

// In Chromium: the managing editor searches the desk without diacritics,
// opens the story found, makes a preview link, signs out, and the link
// shows the story as a preview to a browser with no session.
func TestFindAndShareInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	f := startFindDesk(t, d)
	signInAs(t, ctx, d, "managing-editor")
	run(t, ctx, "search the desk",
		chromedp.Navigate(d.url+"/toasoan/"),
		chromedp.SendKeys(chromedp.CSS(`input[name="tim"]`), "thuy loi hoa binh"),
		// .nr-found is on the desk before the search too: mark the desk's
		// page and wait for a page without the mark.
		chromedp.Evaluate[chromedp.Void](`document.body.dataset.before = "1"`),
		chromedp.Click(chromedp.CSS(".nr-filters button")),
		chromedp.WaitNotPresent(chromedp.CSS("body[data-before]")),
		chromedp.WaitVisible(chromedp.CSS(".nr-found")),
	)
	if found := read(t, ctx, "count", chromedp.Text(chromedp.CSS(".nr-found"))); found != "Tìm thấy 1 bài" {
		t.Fatalf("the desk says %q", found)
	}
	if loc := read(t, ctx, "address", chromedp.Location()); !strings.Contains(loc, "tim=thuy+loi+hoa+binh") {
		t.Errorf("the search is not in the address: %q", loc)
	}
	run(t, ctx, "make a preview link",
		chromedp.Click(chromedp.CSS(`section[aria-labelledby="danh-sach"] a[href="/toasoan/bai-viet/`+itoa(f.ids[titleWater])+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("section.nr-share-preview")),
		chromedp.SetValue(chromedp.CSS(`select[name="han"]`), "1h"),
		chromedp.Click(chromedp.CSS(`section.nr-share-preview form[action$="/lien-ket-xem-truoc"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#lien-ket-xem-truoc")),
	)
	link := read(t, ctx, "the link", chromedp.Value(chromedp.CSS("#lien-ket-xem-truoc")))
	signOut(t, ctx)
	run(t, ctx, "open the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(".preview-banner")))
	if got := read(t, ctx, "title", chromedp.Text(chromedp.CSS("h1.story-title"))); got != titleWater {
		t.Errorf("the preview shows %q", got)
	}
}
