package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
)

// addMember gives the desk another member, signed in under key.
func (d *desk) addMember(t *testing.T, key string, role news.Role) *browser {
	t.Helper()
	hash, err := auth.TestHasher().Hash(d.password)
	if err != nil {
		t.Fatal(err)
	}
	u, err := d.store.CreateUser(context.Background(), news.System(), news.User{Email: key + "@bao.vn", Name: "Người " + key,
		PasswordHash: hash, Roles: []news.Role{role}})
	if err != nil {
		t.Fatal(err)
	}
	d.users[key] = u
	return d.signIn(t, key)
}

// uploadPhoto uploads a photo as b through the editor's door, returning
// its id.
func uploadPhoto(t *testing.T, b *browser, shade uint8) int64 {
	t.Helper()
	resp, body := b.upload("/toasoan/media", "anh.png", pngPhoto(t, shade), nil, true)
	var im struct{ ID int64 }
	if err := json.Unmarshal(body, &im); resp.StatusCode != http.StatusCreated || err != nil {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	return im.ID
}

// pickerIDs is what the photo picker offers b.
func pickerIDs(t *testing.T, b *browser, query string) (ids []int64, status int) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.base+"/toasoan/anh/chon"+query, nil)
	req.Header.Set("Accept", "application/json")
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Images []struct{ ID int64 }
		Error  struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("picker %s: %d, not JSON: %v", query, resp.StatusCode, err)
	}
	if resp.StatusCode >= 400 && !strings.ContainsFunc(out.Error.Message, func(r rune) bool { return r > 0x7f }) {
		t.Fatalf("picker %s: %d without a Vietnamese message", query, resp.StatusCode)
	}
	for _, im := range out.Images {
		ids = append(ids, im.ID)
	}
	return ids, resp.StatusCode
}

// A cover is a photo the writer may use: their own, a shared one, or one
// readers already see; a colleague's unpublished upload is refused with
// nothing saved. A story saved without a cover takes the first photo of
// its body, which feeds the section page's thumbnail; the story's page
// does not show that photo twice.
func TestCoverRules(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		lan := d.signIn(t, "reporter")
		minh := d.addMember(t, "minh", news.Reporter)
		lans := uploadPhoto(t, lan, 10)
		minhs := uploadPhoto(t, minh, 200)

		if ids, _ := pickerIDs(t, minh, ""); !contains(ids, minhs) || contains(ids, lans) {
			t.Fatalf("Minh's picker offers %v: his %d, not Lan's unpublished %d", ids, minhs, lans)
		}
		if ids, _ := pickerIDs(t, d.signIn(t, "editor"), ""); !contains(ids, minhs) || !contains(ids, lans) {
			t.Fatalf("an editor's picker offers %v, want every photo", ids)
		}
		if ids, _ := pickerIDs(t, minh, "?id="+itoa(minhs)); len(ids) != 1 || ids[0] != minhs {
			t.Fatalf("the picker's current photo: %v", ids)
		}
		for query, status := range map[string]int{"?q=" + strings.Repeat("ả", 120): 400, "?id=abc": 400, "?id=0": 400, "?trang=0": 400, "?id=987654": 404} {
			if _, got := pickerIDs(t, minh, query); got != status {
				t.Errorf("picker %.30s: %d, want %d", query, got, status)
			}
		}
		if _, got := pickerIDs(t, d.signIn(t, "moderator"), ""); got != http.StatusForbidden {
			t.Errorf("a moderator's picker: %d", got)
		}

		// Minh's story with Lan's unpublished photo as its cover.
		resp, _ := minh.post("/toasoan/bai-viet", articleForm(d.section.ID, "Mùa gặt ở Đức Thọ"))
		id := mustID(t, resp.Header.Get("Location"))
		form := articleForm(d.section.ID, "Mùa gặt ở Đức Thọ")
		form.Set("revision", "1")
		form.Set("cover_image_id", itoa(lans))
		resp, doc := minh.post("/toasoan/bai-viet/"+itoa(id), form)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(doc), "chưa đăng của một thành viên khác") {
			t.Fatalf("a colleague's unpublished photo as cover: %d %q", resp.StatusCode, errorText(doc))
		}
		if a, _ := d.store.Article(ctx, id); a.Revision != 1 || a.CoverImageID != 0 {
			t.Fatalf("the refused save was written: revision %d, cover %d", a.Revision, a.CoverImageID)
		}

		// Without a cover, the first photo of the body.
		form.Set("cover_image_id", "")
		form.Set("body", `<p>Lúa chín vàng.</p><figure data-image-id="`+itoa(minhs)+`"><img src="/media/x.png" alt="Đồng lúa"><figcaption>Đồng lúa</figcaption></figure>`)
		if resp, doc := minh.post("/toasoan/bai-viet/"+itoa(id), form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save with a body photo: %d %q", resp.StatusCode, errorText(doc))
		}
		chief := news.Actor{User: d.users["editor-in-chief"]}
		for _, to := range []news.Status{news.Submitted, news.Edited, news.Published} {
			if _, err := d.service.Transition(ctx, chief, id, to, "", d.clock.now()); err != nil {
				t.Fatal(err)
			}
		}
		a, err := d.store.Article(ctx, id)
		if err != nil || a.CoverImageID != minhs {
			t.Fatalf("cover %d (%v), want the body's first photo %d", a.CoverImageID, err, minhs)
		}
		reader := d.browser(t)
		_, section := reader.get(d.section.Path())
		if section.Find(`.row-photo[href="`+a.Path()+`"] img`).Length() != 1 {
			t.Fatal("the section page shows no thumbnail for the story")
		}
		_, page := reader.get(a.Path())
		if page.Find(".story-cover").Length() != 0 || page.Find(".story-body figure").Length() != 1 {
			t.Fatalf("the story shows its photo %d times above the body", page.Find(".story-cover").Length())
		}

		// Readers see Minh's photo now: Lan may use it.
		resp, _ = lan.post("/toasoan/bai-viet", articleForm(d.section.ID, "Gạo mới"))
		mine := mustID(t, resp.Header.Get("Location"))
		form = articleForm(d.section.ID, "Gạo mới")
		form.Set("revision", "1")
		form.Set("cover_image_id", itoa(minhs))
		if resp, doc := lan.post("/toasoan/bai-viet/"+itoa(mine), form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a published photo as cover: %d %q", resp.StatusCode, errorText(doc))
		}
	})
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// The open editor's autosave keeps text aside without a revision, offers
// it back on the next visit, and is dropped by a save; its refusals are
// clear. The edit lock follows the open editor and is given back when it
// closes.
func TestAutosaveAndEditLock(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		reporter := d.signIn(t, "reporter")
		resp, _ := reporter.post("/toasoan/bai-viet", articleForm(d.section.ID, "Lễ hội cầu ngư"))
		id := mustID(t, resp.Header.Get("Location"))
		path := "/toasoan/bai-viet/" + itoa(id)
		reporter.get(path)
		keep := url.Values{"revision": {"1"}, "title": {norm.NFD.String("Lễ hội cầu ngư ở Thạch Kim")}, "lead": {"Sapô."},
			"body": {`<p>Đoàn thuyền rước kiệu.</p><script>alert(1)</script>`}}
		resp, doc := reporter.post(path+"/tu-luu", keep)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("autosave: %d %q", resp.StatusCode, doc.Text())
		}
		saved, ok, err := d.store.LastAutosave(ctx, id, d.users["reporter"].ID)
		if err != nil || !ok || saved.Title != "Lễ hội cầu ngư ở Thạch Kim" || strings.Contains(saved.Body, "script") {
			t.Fatalf("autosave kept %+v (%v, %v): NFC title, sanitized body", saved, ok, err)
		}
		if revs, _ := d.store.Revisions(ctx, id); len(revs) != 1 {
			t.Fatalf("%d revisions after autosaving, want 1", len(revs))
		}
		_, page := reporter.get(path)
		if !strings.Contains(page.Find(".nr-warning").Text(), "nội dung chưa lưu") {
			t.Fatal("the editor does not offer the unsaved text back")
		}
		_, page = reporter.get(path + "?tu-luu=1")
		if got := page.Find("#title").AttrOr("value", ""); got != "Lễ hội cầu ngư ở Thạch Kim" {
			t.Fatalf("the restored form shows %q", got)
		}

		refusals := []struct {
			who  *browser
			form url.Values
			want int
		}{
			{reporter, url.Values{"title": {"Thiếu phiên bản"}}, http.StatusBadRequest},
			{reporter, url.Values{"revision": {"99"}, "title": {"Phiên bản lạ"}}, http.StatusBadRequest},
			{reporter, url.Values{"revision": {"1"}, "title": {strings.Repeat("Dài ", 100)}}, http.StatusBadRequest},
			{reporter, url.Values{"revision": {"1"}, "csrf": {"gia-mao"}, "title": {"Giả mạo"}}, http.StatusForbidden},
			{d.signIn(t, "moderator"), url.Values{"revision": {"1"}, "title": {"Không phải bài của tôi"}}, http.StatusForbidden},
			{d.addMember(t, "khac", news.Reporter), url.Values{"revision": {"1"}, "title": {"Bài người khác"}}, http.StatusForbidden},
		}
		for i, r := range refusals {
			if resp, _ := r.who.post(path+"/tu-luu", r.form); resp.StatusCode != r.want {
				t.Errorf("refusal %d: %d, want %d", i, resp.StatusCode, r.want)
			}
		}
		big := url.Values{"revision": {"1"}, "title": {"Lớn"}, "body": {strings.Repeat("<p>chữ</p>", 200000)}}
		if resp, _ := reporter.post(path+"/tu-luu", big); resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("a body over the limit: %d", resp.StatusCode)
		}
		if again, _, _ := d.store.LastAutosave(ctx, id, d.users["reporter"].ID); again.Title != saved.Title {
			t.Fatalf("a refused autosave replaced the kept one: %q", again.Title)
		}

		// A save drops the autosave.
		form := articleForm(d.section.ID, "Lễ hội cầu ngư ở Thạch Kim")
		form.Set("revision", "1")
		reporter.post(path, form)
		if _, ok, _ := d.store.LastAutosave(ctx, id, d.users["reporter"].ID); ok {
			t.Fatal("the autosave outlived the save")
		}

		// The edit lock: held while the reporter's editor is open, free
		// once it closes.
		managing := d.signIn(t, "managing-editor")
		holder := func() string {
			resp, body := postJSON(t, managing, path+"/dang-sua")
			var lock struct{ Holder, Message string }
			if err := json.Unmarshal(body, &lock); resp.StatusCode != http.StatusOK || err != nil {
				t.Fatalf("heartbeat: %d %s", resp.StatusCode, body)
			}
			return lock.Holder
		}
		reporter.get(path)
		if h := holder(); h != d.users["reporter"].Name {
			t.Fatalf("held by %q, want the reporter", h)
		}
		if resp, _ := reporter.post(path+"/roi-di", nil); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("release: %d", resp.StatusCode)
		}
		if h := holder(); h != "" {
			t.Fatalf("after the reporter closed the editor the story is held by %q", h)
		}
		_, page = reporter.get(path)
		if !strings.Contains(page.Find("#edit-lock").Text(), d.users["managing-editor"].Name) {
			t.Fatalf("the reporter is not told the managing editor has the story open: %q", page.Find("#edit-lock").Text())
		}
	})
}

// A workflow button in the editor saves the text on screen first; when
// that save conflicts with someone else's, nothing moves and the
// writer's text is kept and shown.
func TestWorkflowButtonsSaveFirst(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		reporter := d.signIn(t, "reporter")
		resp, _ := reporter.post("/toasoan/bai-viet", articleForm(d.section.ID, "Đua thuyền trên sông La"))
		id := mustID(t, resp.Header.Get("Location"))
		path := "/toasoan/bai-viet/" + itoa(id)

		// The managing editor saves while the reporter types.
		a, _ := d.store.Article(ctx, id)
		in := editorial.InputOf(a)
		in.Lead = "Sapô do thư ký tòa soạn sửa."
		if _, err := d.service.Save(ctx, news.Actor{User: d.users["managing-editor"]}, id, 1, in); err != nil {
			t.Fatal(err)
		}
		typed := articleForm(d.section.ID, "Đua thuyền trên sông La thu hút vạn người")
		typed.Set("revision", "1")
		typed.Set("to", "submitted")
		resp, doc := reporter.post(path+"/chuyen", typed)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(errorText(doc), "Bài chưa được chuyển sang “Chờ biên tập”") {
			t.Fatalf("a conflicting save-and-submit: %d %q", resp.StatusCode, errorText(doc))
		}
		if got := doc.Find("#title").AttrOr("value", ""); got != "Đua thuyền trên sông La thu hút vạn người" {
			t.Fatalf("the writer's text was not kept on the form: %q", got)
		}
		a, _ = d.store.Article(ctx, id)
		revs, _ := d.store.Revisions(ctx, id)
		if a.Status != news.Draft || revs[0].Kind != news.RevisionConflict {
			t.Fatalf("after the conflict: %s, newest revision %s", a.Status, revs[0].Kind)
		}

		// From the current revision it saves, then moves.
		typed.Set("revision", itoa(int64(a.Revision)))
		if resp, doc := reporter.post(path+"/chuyen", typed); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save-and-submit: %d %q", resp.StatusCode, errorText(doc))
		}
		a, _ = d.store.Article(ctx, id)
		if a.Status != news.Submitted || a.Title != "Đua thuyền trên sông La thu hút vạn người" {
			t.Fatalf("submitted %q in %s", a.Title, a.Status)
		}

		// Text unchanged: only the move, no empty save.
		before, _ := d.store.Revisions(ctx, id)
		editor := d.signIn(t, "editor")
		same := articleForm(d.section.ID, a.Title)
		same.Set("lead", a.Lead)
		same.Set("body", a.Body)
		same.Set("tags", "Giao thông, Nông thôn mới")
		for _, au := range a.Authors {
			same.Add("author_ids", itoa(au.ID))
		}
		same.Set("revision", itoa(int64(a.Revision)))
		same.Set("to", "edited")
		if resp, doc := editor.post(path+"/chuyen", same); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("pass on unchanged: %d %q", resp.StatusCode, errorText(doc))
		}
		after, _ := d.store.Revisions(ctx, id)
		if len(after) != len(before)+1 || after[0].Kind != news.RevisionTransition {
			t.Fatalf("%d revisions → %d (newest %s), want only the move", len(before), len(after), after[0].Kind)
		}
	})
}
