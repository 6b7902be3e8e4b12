package server_test

import (
	"net/http"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

// The newsroom's pages and its menu follow news.Permissions' table (itself
// tested role by role in package news): each role opens exactly the pages
// it holds the permission for, and its menu links to exactly those.
func TestNewsroomFollowsThePermissionTable(t *testing.T) {
	t.Parallel()
	pages := map[string]news.Permission{
		"/toasoan/bai-viet/moi":      news.WriteArticles,
		"/toasoan/anh":               news.WriteArticles,
		"/toasoan/binh-luan":         news.ModerateComments,
		"/toasoan/binh-luan/cai-dat": news.EditCommentSettings,
		"/toasoan/trang-chu":         news.ArrangePages,
		"/toasoan/nguoi-dung":        news.ManageUsers,
		"/toasoan/chuyen-muc":        news.ManageSections,
		"/toasoan/thoi-tiet":         news.ManageSite,
		"/toasoan/thong-bao":         news.ManageSite,
		"/toasoan/chuyen-huong":      news.ManageRedirects,
		"/toasoan/nhat-ky":           news.ReadAuditLog,
		"/toasoan/thu-gui":           news.ReadAuditLog,
		"/toasoan/thong-ke":          news.ReadStatistics,
		"/toasoan/cai-dat":           news.EditSiteSettings,
		"/toasoan/trang":             news.ManagePages,
		"/toasoan/dong-su-kien":      news.ManageTopics,
		"/toasoan/phat-thanh":        news.ManagePrograms,
	}
	eachDesk(t, func(t *testing.T, d *desk) {
		for _, role := range news.Roles() {
			b := d.signIn(t, string(role))
			_, desk := b.get("/toasoan/tai-khoan") // any page has the menu; a moderator's desk is the queue
			for path, p := range pages {
				allowed := news.Can(d.users[string(role)], p)
				resp, _ := b.get(path)
				if want := map[bool]int{true: http.StatusOK, false: http.StatusForbidden}[allowed]; resp.StatusCode != want {
					t.Errorf("%s GET %s: %d, want %d", role, path, resp.StatusCode, want)
				}
				if linked := desk.Find(`.nr-menu a[href="`+path+`"]`).Length() == 1; linked != allowed {
					t.Errorf("%s: menu links to %s: %v, want %v", role, path, linked, allowed)
				}
			}
		}
	})
}
