package news

import "slices"

// Permission is something a newsroom member may do outside the article
// workflow (whose moves are the table in workflow.go).
type Permission string

// The permissions, one per part of the newsroom.
const (
	WriteArticles       Permission = "write-articles"        // start stories, upload and caption photos
	ReadCopy            Permission = "read-copy"             // open stories readers do not see yet, their revisions, previews
	SetCommentMode      Permission = "set-comment-mode"      // open, close or hide a story's comments
	ModerateComments    Permission = "moderate-comments"     // the comment queue, replies as the paper
	EditCommentSettings Permission = "edit-comment-settings" // refusal reasons and word lists
	ArrangePages        Permission = "arrange-pages"         // the lead and featured stories of home and section pages
	ManageUsers         Permission = "manage-users"          // accounts and their roles
	ManageSections      Permission = "manage-sections"       // the paper's sections
	ManageAuthors       Permission = "manage-authors"        // bylines: pen names, photos, bios
	ManageSite          Permission = "manage-site"           // the weather box's localities, announcements
	ReadAuditLog        Permission = "read-audit-log"        // who did what
	EditSiteSettings    Permission = "edit-site-settings"    // the paper's name, addresses, time zone, legal footer, correctors
	ImportArchives      Permission = "import-archives"       // bring stories in with their original dates and states (imports, the API's published_at)
	ManagePages         Permission = "manage-pages"          // the paper's own pages: Giới thiệu, Liên hệ, the footer's links
	ManageRedirects     Permission = "manage-redirects"      // the old addresses that answer 301 or 410
	ManageTopics        Permission = "manage-topics"         // the topic pages ("Dòng sự kiện"): their stories, cover, place in the menu
	ReadStatistics      Permission = "read-statistics"       // readers' views by story, section and author
	ManagePrograms      Permission = "manage-programs"       // radio programmes and podcasts ("Chương trình phát thanh")
)

// permissions is who may do what: the one table that guards the
// newsroom's pages, the API and the newsroom's menu alike.
var permissions = map[Permission][]Role{
	WriteArticles:       {Reporter, Editor, ManagingEditor, EditorInChief},
	ReadCopy:            {Reporter, Editor, ManagingEditor, EditorInChief},
	SetCommentMode:      {Editor, ManagingEditor, EditorInChief, Moderator},
	ModerateComments:    {Moderator, ManagingEditor, EditorInChief},
	EditCommentSettings: {Moderator, EditorInChief, Admin},
	ArrangePages:        {ManagingEditor, EditorInChief},
	ManageUsers:         {Admin},
	ManageSections:      {Admin},
	ManageAuthors:       {ManagingEditor, EditorInChief, Admin},
	ManageSite:          {Admin, EditorInChief},
	ReadAuditLog:        {Admin, EditorInChief, ManagingEditor},
	// The paper's identity and legal footer are set once, by whoever runs
	// its system, and are the law's business: administrators only, where
	// ManageSite (the day's weather box and announcements) is the
	// editor-in-chief's too.
	EditSiteSettings: {Admin},
	// Bringing an archive in writes published stories under past dates
	// without review: the editor-in-chief answers for what the paper
	// published, the administrator runs the move.
	ImportArchives: {EditorInChief, Admin},
	// The paper's own pages speak for the paper, as its editors do; the
	// administrator keeps them when they move the paper in (an import).
	ManagePages:     {ManagingEditor, EditorInChief, Admin},
	ManageRedirects: {ManagingEditor, EditorInChief, Admin},
	// A topic page is the paper's front on one event, as the home page's
	// pins are, and may go in the menu: those who arrange the pages, and
	// the administrator who keeps the menu. Section editors and reporters
	// feed it by tagging their stories.
	ManageTopics: {ManagingEditor, EditorInChief, Admin},
	// What readers read steers the desk's choices and, by author, is a
	// judgement of colleagues: editors and up, not reporters.
	ReadStatistics: {Editor, ManagingEditor, EditorInChief, Admin},
	// A programme speaks for the paper in podcast apps, under its name
	// and cover, as a topic page does on the site: those who arrange the
	// pages and the administrator. Reporters give stories their audio.
	ManagePrograms: {ManagingEditor, EditorInChief, Admin},
}

// Permissions lists every permission, for the tests and the menu.
func Permissions() []Permission {
	return []Permission{WriteArticles, ReadCopy, SetCommentMode, ModerateComments, EditCommentSettings,
		ArrangePages, ManageUsers, ManageSections, ManageAuthors, ManageSite, ReadAuditLog,
		EditSiteSettings, ImportArchives, ManagePages, ManageRedirects, ManageTopics, ReadStatistics, ManagePrograms}
}

// Can reports whether u holds a role that grants p. A disabled account
// can do nothing.
func Can(u User, p Permission) bool {
	return !u.Disabled && slices.ContainsFunc(permissions[p], u.Has)
}

// Require is Can as an error: nil, or Forbidden with a Vietnamese reason.
func Require(u User, p Permission) error {
	if Can(u, p) {
		return nil
	}
	return Errorf(Forbidden, "%s", refusals[p])
}

// refusals say, in the newsroom's words, what a member lacks the right to.
var refusals = map[Permission]string{
	WriteArticles:       "Bạn không có quyền viết bài hoặc tải ảnh lên",
	ReadCopy:            "Bạn không có quyền xem bài trong tòa soạn",
	SetCommentMode:      "Bạn không có quyền đổi chế độ bình luận",
	ModerateComments:    "Bạn không có quyền kiểm duyệt bình luận",
	EditCommentSettings: "Bạn không có quyền sửa cài đặt bình luận",
	ArrangePages:        "Bạn không có quyền sửa bố cục trang",
	ManageUsers:         "Bạn không có quyền quản lý người dùng",
	ManageSections:      "Bạn không có quyền quản lý chuyên mục",
	ManageAuthors:       "Bạn không có quyền quản lý tác giả",
	ManageSite:          "Bạn không có quyền sửa thời tiết và thông báo của báo",
	ReadAuditLog:        "Bạn không có quyền xem nhật ký",
	EditSiteSettings:    "Bạn không có quyền sửa cài đặt của báo (tên, địa chỉ, chân trang pháp lý)",
	ImportArchives:      "Bạn không có quyền nhập bài từ hệ thống cũ hay đặt ngày đăng",
	ManagePages:         "Bạn không có quyền quản lý các trang giới thiệu, liên hệ của báo",
	ManageRedirects:     "Bạn không có quyền quản lý chuyển hướng địa chỉ cũ",
	ManageTopics:        "Bạn không có quyền quản lý dòng sự kiện",
	ReadStatistics:      "Bạn không có quyền xem thống kê lượt đọc",
	ManagePrograms:      "Bạn không có quyền quản lý chương trình phát thanh",
}

// SeesAllPhotos reports whether u may pick any photo of the library: the
// editors who handle others' copy and its photos, and the administrators
// who give bylines their photos. Others pick among CanUseImage's.
func SeesAllPhotos(u User) bool {
	return !u.Disabled && u.HasAny(Editor, ManagingEditor, EditorInChief, Admin)
}

// CanUseImage decides whether u may put photo im on a story or a byline:
// their own uploads, the photos the paper shares (no uploader), those a
// published story shows (published), and for SeesAllPhotos every photo.
// A colleague's photo that readers have not seen yet stays theirs.
func CanUseImage(u User, im Image, published bool) error {
	if SeesAllPhotos(u) || im.UploadedBy == 0 || im.UploadedBy == u.ID || published {
		return nil
	}
	return Errorf(Forbidden, "Ảnh số %d là ảnh chưa đăng của một thành viên khác; hãy chọn ảnh của bạn hoặc ảnh đã đăng", im.ID)
}
