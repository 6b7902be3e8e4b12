package web

import "net/http"

// newsroomRoutes is the newsroom's route table, under /toasoan/. Every
// page but sign-in runs through member (session and CSRF checks).
func (s *Server) newsroomRoutes(mux *http.ServeMux) {
	mux.Handle("GET /toasoan/dang-nhap", s.handle(s.showLogin))
	mux.Handle("POST /toasoan/dang-nhap", s.handle(s.login))
	mux.Handle("GET /toasoan/xac-thuc", s.handle(s.showSecondFactor))
	mux.Handle("POST /toasoan/xac-thuc", s.handle(s.secondFactor))
	mux.Handle("POST /toasoan/dang-xuat", s.member(s.logout))
	mux.Handle("POST /toasoan/dang-xuat-tat-ca", s.member(s.logoutEverywhere))

	mux.Handle("GET /toasoan/{$}", s.member(s.showDashboard))
	mux.Handle("GET /toasoan/bai-viet/moi", s.member(s.showNewArticle))
	mux.Handle("POST /toasoan/bai-viet", s.member(s.createArticle))
	mux.Handle("GET /toasoan/bai-viet/{id}", s.member(s.showArticleForm))
	mux.Handle("POST /toasoan/bai-viet/{id}", s.member(s.saveArticle))
	mux.Handle("POST /toasoan/bai-viet/{id}/chuyen", s.member(s.transitionArticle))
	mux.Handle("GET /toasoan/bai-viet/{id}/xem-truoc", s.member(s.previewArticle))
	mux.Handle("GET /toasoan/bai-viet/{id}/phien-ban", s.member(s.showRevisions))
	mux.Handle("GET /toasoan/bai-viet/{id}/so-sanh", s.member(s.compareRevisions))
	mux.Handle("POST /toasoan/bai-viet/{id}/khoi-phuc", s.member(s.restoreRevision))

	mux.Handle("GET /toasoan/anh", s.member(s.showMediaLibrary))
	mux.Handle("POST /toasoan/anh", s.member(s.uploadMediaForm))
	mux.Handle("POST /toasoan/anh/{id}", s.member(s.updateMedia))
	mux.Handle("POST /toasoan/media", s.member(s.uploadMediaJSON))

	mux.Handle("GET /toasoan/binh-luan", s.member(s.showModeration))
	mux.Handle("GET /toasoan/binh-luan/{id}", s.member(s.openComment))
	mux.Handle("POST /toasoan/binh-luan/{id}", s.member(s.moderateComment))
	mux.Handle("POST /toasoan/binh-luan/{id}/tra-loi", s.member(s.replyAsPaper))
	mux.Handle("POST /toasoan/binh-luan/hang-loat", s.member(s.moderateMany))
	mux.Handle("GET /toasoan/binh-luan/cai-dat", s.member(s.showCommentSettings))
	mux.Handle("POST /toasoan/binh-luan/cai-dat", s.member(s.saveCommentSettings))
	mux.Handle("POST /toasoan/bai-viet/{id}/binh-luan", s.member(s.setCommentMode))

	mux.Handle("GET /toasoan/trang-chu", s.member(s.showPins))
	mux.Handle("POST /toasoan/trang-chu", s.member(s.savePins))
	mux.Handle("GET /toasoan/nguoi-dung", s.member(s.showUsers))
	mux.Handle("POST /toasoan/nguoi-dung", s.member(s.saveUser))
	mux.Handle("GET /toasoan/chuyen-muc", s.member(s.showSections))
	mux.Handle("POST /toasoan/chuyen-muc", s.member(s.saveSection))
	mux.Handle("GET /toasoan/nhat-ky", s.member(s.showAuditLog))
	mux.Handle("GET /toasoan/tai-khoan", s.member(s.showAccount))
	mux.Handle("POST /toasoan/tai-khoan/mat-khau", s.member(s.changePassword))
	mux.Handle("POST /toasoan/tai-khoan/hai-buoc", s.member(s.setSecondFactor))
	mux.Handle("POST /toasoan/tai-khoan/khoa-api", s.member(s.createAPIToken))
	mux.Handle("POST /toasoan/tai-khoan/khoa-api/{id}/thu-hoi", s.member(s.revokeAPIToken))

	mux.Handle("GET /toasoan/thoi-tiet", s.member(s.showLocalities))
	mux.Handle("POST /toasoan/thoi-tiet", s.member(s.saveLocality))
	mux.Handle("POST /toasoan/thoi-tiet/{id}/xoa", s.member(s.changeLocality(s.deleteLocality, "weather.locality_delete", "xoa-dia-phuong")))
	mux.Handle("POST /toasoan/thoi-tiet/{id}/thu-tu", s.member(s.changeLocality(s.moveLocality, "weather.locality_move", "thu-tu-dia-phuong")))
	mux.Handle("POST /toasoan/thoi-tiet/{id}/mac-dinh", s.member(s.changeLocality(s.setDefaultLocality, "weather.locality_default", "mac-dinh-dia-phuong")))
	mux.Handle("GET /toasoan/thong-bao", s.member(s.showPopups))
	mux.Handle("POST /toasoan/thong-bao", s.member(s.savePopup))
	mux.Handle("GET /toasoan/thong-bao/{id}", s.member(s.showPopupForm))
	mux.Handle("POST /toasoan/thong-bao/{id}/xoa", s.member(s.deletePopup))
}
