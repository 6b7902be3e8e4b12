package newsroom

import (
	"context"
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
)

// route is one line of the newsroom's route table: what a member needs to
// hold (news.Permissions' table; "" for any signed-in member, whose page
// checks finer rules itself, such as the workflow's) and the handler.
type route struct {
	pattern    string
	permission news.Permission
	handle     memberHandler
}

// routes is the newsroom's route table under /toasoan/.
func (s *Server) routes() []route {
	return []route{
		{"POST /toasoan/dang-xuat", "", s.logout},
		{"POST /toasoan/dang-xuat-tat-ca", "", s.logoutEverywhere},

		{"GET /toasoan/{$}", "", s.showDashboard},
		{"GET /toasoan/bai-viet/moi", news.WriteArticles, s.showNewArticle},
		{"POST /toasoan/bai-viet", news.WriteArticles, s.createArticle},
		{"GET /toasoan/bai-viet/tim", news.WriteArticles, s.findStories},
		{"GET /toasoan/bai-viet/{id}", "", s.showArticleForm},
		{"POST /toasoan/bai-viet/{id}", "", s.saveArticle},
		{"POST /toasoan/bai-viet/{id}/chuyen", "", s.transitionArticle},
		{"POST /toasoan/bai-viet/{id}/tu-luu", "", s.autosaveArticle},
		{"POST /toasoan/bai-viet/{id}/bo-tu-luu", "", s.dropAutosave},
		{"POST /toasoan/bai-viet/{id}/dang-sua", "", s.keepEditLock},
		{"POST /toasoan/bai-viet/{id}/roi-di", "", s.releaseEditLock},
		{"GET /toasoan/bai-viet/{id}/xem-truoc", "", s.previewArticle},
		{"POST /toasoan/bai-viet/{id}/lien-ket-xem-truoc", news.ReadCopy, s.createPreviewLink},
		{"POST /toasoan/bai-viet/{id}/lien-ket-xem-truoc/thu-hoi", news.ReadCopy, s.revokePreviewLinks},
		{"GET /toasoan/bai-viet/{id}/phien-ban", "", s.showRevisions},
		{"GET /toasoan/bai-viet/{id}/so-sanh", "", s.compareRevisions},
		{"POST /toasoan/bai-viet/{id}/khoi-phuc", "", s.restoreRevision},
		{"POST /toasoan/bai-viet/{id}/binh-luan", news.SetCommentMode, s.setCommentMode},
		{"POST /toasoan/bai-viet/{id}/truc-tiep", "", s.setLiveCoverage},
		{"POST /toasoan/bai-viet/{id}/truc-tiep/dien-bien", "", s.addLiveEntry},
		{"POST /toasoan/bai-viet/{id}/truc-tiep/dien-bien/{entry}", "", s.editLiveEntry},
		{"POST /toasoan/bai-viet/{id}/truc-tiep/dien-bien/{entry}/xoa", "", s.deleteLiveEntry},

		{"GET /toasoan/anh", news.WriteArticles, s.showMediaLibrary},
		{"GET /toasoan/anh/chon", "", s.pickImages},
		{"POST /toasoan/anh", news.WriteArticles, s.uploadMediaForm},
		{"POST /toasoan/anh/{id}", news.WriteArticles, s.updateMedia},
		{"POST /toasoan/media", news.WriteArticles, s.uploadMediaJSON},
		{"GET /toasoan/video", news.WriteArticles, s.showAVLibrary},
		{"POST /toasoan/video", news.WriteArticles, s.uploadAV},
		{"GET /toasoan/video/trang-thai", news.WriteArticles, s.avStatuses},
		{"POST /toasoan/tai-len", news.WriteArticles, s.resumableUpload},
		{"HEAD /toasoan/tai-len/{id}", news.WriteArticles, s.resumableUpload},
		{"PATCH /toasoan/tai-len/{id}", news.WriteArticles, s.resumableUpload},
		{"DELETE /toasoan/tai-len/{id}", news.WriteArticles, s.resumableUpload},
		{"GET /toasoan/video/chon", news.WriteArticles, s.pickVideos},
		{"POST /toasoan/video/{id}/thu-lai", news.WriteArticles, s.retryAV},
		{"POST /toasoan/video/{id}/anh-dai-dien", news.WriteArticles, s.chooseAVPoster},
		{"POST /toasoan/video/{id}/phu-de", news.WriteArticles, s.uploadAVCaptions},

		{"GET /toasoan/binh-luan", news.ModerateComments, s.showModeration},
		{"GET /toasoan/binh-luan/{id}", news.ModerateComments, s.openComment},
		{"POST /toasoan/binh-luan/{id}", news.ModerateComments, s.moderateComment},
		{"POST /toasoan/binh-luan/{id}/tra-loi", news.ModerateComments, s.replyAsPaper},
		{"GET /toasoan/binh-luan/{id}/tren-bao", news.ModerateComments, s.showCommentOnSite},
		{"POST /toasoan/binh-luan/hang-loat", news.ModerateComments, s.moderateMany},
		{"GET /toasoan/binh-luan/cai-dat", news.EditCommentSettings, s.showCommentSettings},
		{"POST /toasoan/binh-luan/cai-dat", news.EditCommentSettings, s.saveCommentSettings},

		{"GET /toasoan/trang-chu", news.ArrangePages, s.showPins},
		{"POST /toasoan/trang-chu", news.ArrangePages, s.savePins},
		{"GET /toasoan/nguoi-dung", news.ManageUsers, s.showUsers},
		{"POST /toasoan/nguoi-dung", news.ManageUsers, s.saveUser},
		{"POST /toasoan/nguoi-dung/{id}/mat-khau", news.ManageUsers, s.resetPassword},
		{"POST /toasoan/nguoi-dung/{id}/hai-buoc", news.ManageUsers, s.resetSecondFactor},
		{"POST /toasoan/nguoi-dung/{id}/email", news.ManageUsers, s.changeUserEmail},
		{"GET /toasoan/chuyen-muc", news.ManageSections, s.showSections},
		{"POST /toasoan/chuyen-muc", news.ManageSections, s.saveSection},
		{"GET /toasoan/tac-gia", news.ManageAuthors, s.showAuthors},
		{"POST /toasoan/tac-gia", news.ManageAuthors, s.createAuthor},
		{"GET /toasoan/tac-gia/{id}", "", s.showAuthor},
		{"POST /toasoan/tac-gia/{id}", "", s.saveAuthor},
		{"GET /toasoan/nhat-ky", news.ReadAuditLog, s.showAuditLog},
		{"GET /toasoan/thu-gui", news.ReadAuditLog, s.showOutbox},
		{"GET /toasoan/thong-ke", news.ReadStatistics, s.showStatistics},
		{"GET /toasoan/tai-khoan", "", s.showAccount},
		{"POST /toasoan/tai-khoan/mat-khau", "", s.changePassword},
		{"POST /toasoan/tai-khoan/email", "", s.changeOwnEmail},
		{"POST /toasoan/tai-khoan/hai-buoc", "", s.setSecondFactor},
		{"POST /toasoan/tai-khoan/khoa-api", "", s.createAPIToken},
		{"POST /toasoan/tai-khoan/khoa-api/{id}/thu-hoi", "", s.revokeAPIToken},

		{"GET /toasoan/thoi-tiet", news.ManageSite, s.showLocalities},
		{"POST /toasoan/thoi-tiet", news.ManageSite, s.saveLocality},
		{"POST /toasoan/thoi-tiet/{id}/xoa", news.ManageSite, s.deleteLocality},
		{"POST /toasoan/thoi-tiet/{id}/thu-tu", news.ManageSite, s.moveLocality},
		{"POST /toasoan/thoi-tiet/{id}/mac-dinh", news.ManageSite, s.setDefaultLocality},
		{"GET /toasoan/thong-bao", news.ManageSite, s.showPopups},
		{"POST /toasoan/thong-bao", news.ManageSite, s.savePopup},
		{"GET /toasoan/thong-bao/{id}", news.ManageSite, s.showPopupForm},
		{"POST /toasoan/thong-bao/{id}/xoa", news.ManageSite, s.deletePopup},
		{"GET /toasoan/trang", news.ManagePages, s.showPages},
		{"GET /toasoan/trang/moi", news.ManagePages, s.showNewPage},
		{"POST /toasoan/trang", news.ManagePages, s.createPage},
		{"GET /toasoan/trang/{id}", news.ManagePages, s.showPageForm},
		{"POST /toasoan/trang/{id}", news.ManagePages, s.savePage},
		{"GET /toasoan/trang/{id}/xoa", news.ManagePages, s.confirmDeletePage},
		{"POST /toasoan/trang/{id}/xoa", news.ManagePages, s.deletePage},
		{"GET /toasoan/dong-su-kien", news.ManageTopics, s.showTopics},
		{"GET /toasoan/dong-su-kien/moi", news.ManageTopics, s.showNewTopic},
		{"POST /toasoan/dong-su-kien", news.ManageTopics, s.createTopic},
		{"GET /toasoan/dong-su-kien/{id}", news.ManageTopics, s.showTopicForm},
		{"POST /toasoan/dong-su-kien/{id}", news.ManageTopics, s.saveTopic},
		{"GET /toasoan/dong-su-kien/{id}/xoa", news.ManageTopics, s.confirmDeleteTopic},
		{"POST /toasoan/dong-su-kien/{id}/xoa", news.ManageTopics, s.deleteTopic},
		{"GET /toasoan/phat-thanh", news.ManagePrograms, s.showProgrammes},
		{"GET /toasoan/phat-thanh/moi", news.ManagePrograms, s.showNewProgramme},
		{"POST /toasoan/phat-thanh", news.ManagePrograms, s.createProgramme},
		{"GET /toasoan/phat-thanh/{id}", news.ManagePrograms, s.showProgrammeForm},
		{"POST /toasoan/phat-thanh/{id}", news.ManagePrograms, s.saveProgramme},
		{"GET /toasoan/phat-thanh/{id}/xoa", news.ManagePrograms, s.confirmDeleteProgramme},
		{"POST /toasoan/phat-thanh/{id}/xoa", news.ManagePrograms, s.deleteProgramme},
		{"GET /toasoan/chuyen-huong", news.ManageRedirects, s.showRedirects},
		{"POST /toasoan/chuyen-huong", news.ManageRedirects, s.addRedirect},
		{"POST /toasoan/chuyen-huong/nhap", news.ManageRedirects, s.importRedirects},
		{"POST /toasoan/chuyen-huong/{id}/xoa", news.ManageRedirects, s.removeRedirect},
		{"GET /toasoan/cai-dat", news.EditSiteSettings, s.showSettings},
		{"POST /toasoan/cai-dat", news.EditSiteSettings, s.saveSettings},
	}
}

// Routes registers the newsroom on mux: signing in, then the route table,
// every line of which runs through member.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.Handle("GET /toasoan/dang-nhap", s.handle(s.showLogin))
	mux.Handle("POST /toasoan/dang-nhap", s.handle(s.login))
	mux.Handle("GET /toasoan/xac-thuc", s.handle(s.showSecondFactor))
	mux.Handle("POST /toasoan/xac-thuc", s.handle(s.secondFactor))
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.member(rt.permission, rt.handle))
	}
}

// menuItem is one link of the newsroom's menu.
type menuItem struct {
	Label, Path string
	permission  news.Permission
}

// menu is the newsroom's menu: each link shows to the members who hold
// its permission, the same table the routes are guarded by.
var menu = []menuItem{
	{"Bàn làm việc", "/toasoan/", ""},
	{"Viết bài", "/toasoan/bai-viet/moi", news.WriteArticles},
	{"Thư viện ảnh", "/toasoan/anh", news.WriteArticles},
	{"Video và âm thanh", "/toasoan/video", news.WriteArticles},
	{"Bình luận", "/toasoan/binh-luan", news.ModerateComments},
	{"Cài đặt bình luận", "/toasoan/binh-luan/cai-dat", news.EditCommentSettings},
	{"Trang chủ", "/toasoan/trang-chu", news.ArrangePages},
	{"Dòng sự kiện", "/toasoan/dong-su-kien", news.ManageTopics},
	{"Phát thanh", "/toasoan/phat-thanh", news.ManagePrograms},
	{"Người dùng", "/toasoan/nguoi-dung", news.ManageUsers},
	{"Chuyên mục", "/toasoan/chuyen-muc", news.ManageSections},
	{"Tác giả", "/toasoan/tac-gia", news.ManageAuthors},
	{"Thời tiết", "/toasoan/thoi-tiet", news.ManageSite},
	{"Thông báo", "/toasoan/thong-bao", news.ManageSite},
	{"Trang của báo", "/toasoan/trang", news.ManagePages},
	{"Chuyển hướng", "/toasoan/chuyen-huong", news.ManageRedirects},
	{"Cài đặt báo", "/toasoan/cai-dat", news.EditSiteSettings},
	{"Thống kê", "/toasoan/thong-ke", news.ReadStatistics},
	{"Nhật ký", "/toasoan/nhat-ky", news.ReadAuditLog},
	{"Thư chưa gửi", "/toasoan/thu-gui", news.ReadAuditLog},
	{"Tài khoản", "/toasoan/tai-khoan", ""},
}

// menuFor is the links u may follow.
func menuFor(u news.User) []menuItem {
	var out []menuItem
	for _, m := range menu {
		if m.permission == "" || news.Can(u, m.permission) {
			out = append(out, m)
		}
	}
	return out
}

// menuCounts count the work waiting behind a menu link, shown beside it
// to the members who see the link: one indexed COUNT each.
func (s *Server) menuCounts() map[string]func(context.Context) (int, error) {
	return map[string]func(context.Context) (int, error){
		"/toasoan/binh-luan": s.store.WaitingComments,
	}
}

// Route is a line of the newsroom's route table, as the tests read it.
type Route struct {
	Pattern    string // "POST /toasoan/bai-viet/{id}/chuyen"
	Permission news.Permission
}

// Routes is the newsroom's route table without its handlers: what the
// tests check every role against.
func Routes() []Route {
	var out []Route
	for _, rt := range (*Server)(nil).routes() {
		out = append(out, Route{rt.pattern, rt.permission})
	}
	return out
}
