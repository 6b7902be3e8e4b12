package news

import "time"

// RevisionKind says why a revision was recorded.
type RevisionKind string

// The revision kinds. A conflict revision keeps text whose save was
// refused because someone else saved first: it is never lost.
const (
	RevisionSave       RevisionKind = "save"
	RevisionTransition RevisionKind = "transition"
	RevisionRestore    RevisionKind = "restore"
	RevisionConflict   RevisionKind = "conflict"
	RevisionImport     RevisionKind = "import"
)

// Label is the kind's Vietnamese name.
func (k RevisionKind) Label() string {
	switch k {
	case RevisionSave:
		return "Lưu"
	case RevisionTransition:
		return "Chuyển trạng thái"
	case RevisionRestore:
		return "Khôi phục"
	case RevisionConflict:
		return "Bản lưu bị từ chối (trùng lúc)"
	case RevisionImport:
		return "Nhập từ hệ thống cũ"
	}
	return string(k)
}

// Revision is a snapshot of an article's text at one save.
type Revision struct {
	ID        int64
	ArticleID int64
	Number    int // 1, 2, 3... per article; conflict revisions get 0
	Kind      RevisionKind
	Status    Status
	Note      string
	UserID    int64
	UserName  string
	Title     string
	Lead      string
	Body      string
	SectionID int64
	Tags      string // names, comma separated
	CreatedAt time.Time
	// MainMediaID, AudioMediaID and ProgrammeID are the story's main
	// video, audio version and radio programme at that save (0: none), so
	// a restore brings them back.
	MainMediaID, AudioMediaID, ProgrammeID int64
}

// AuditEntry is one line of the audit log: who did what, when, from where.
type AuditEntry struct {
	ID         int64
	At         time.Time
	UserID     int64 // 0 for the system (the scheduler)
	UserName   string
	Action     string // "article.transition", "user.create", "session.login", ...
	ObjectType string
	ObjectID   int64
	Detail     string
	IP         string
}

// EditLock says who has an article open in the editor, and since when.
type EditLock struct {
	ArticleID int64
	UserID    int64
	UserName  string
	Since     time.Time
	Seen      time.Time
}

// Autosave is what a member's open editor holds of a story but has not
// saved: kept aside so that a closed tab or a crash loses nothing, and
// never in the revision list.
type Autosave struct {
	ArticleID, UserID int64
	Base              int // the revision the editor was opened at
	Title, Lead, Body string
	SavedAt           time.Time
}
