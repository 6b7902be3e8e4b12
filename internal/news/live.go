package news

import "time"

// Live is a story's live coverage ("Trực tiếp"): editors turn it on when
// an event unfolds (a typhoon reaching the coast) and add short,
// timestamped entries under the story's body; ending it keeps the entries
// and says when the paper stopped ("Đã kết thúc tường thuật").
type Live struct {
	ArticleID int64
	StartedAt time.Time // zero: the story is not live
	EndedAt   time.Time // zero while the coverage goes on
}

// On reports whether the story is live at all, running or ended.
func (l Live) On() bool { return !l.StartedAt.IsZero() }

// Running reports whether entries are still being added.
func (l Live) Running() bool { return l.On() && l.EndedAt.IsZero() }

// LiveEntry is one entry of a live story; Body is sanitized HTML.
type LiveEntry struct {
	ID        int64
	ArticleID int64
	Body      string
	CreatedAt time.Time
	CreatedBy int64
	UpdatedAt time.Time
}

// CanCoverLive decides whether u may run a's live coverage (turn it on
// or off, end it, add, edit and delete entries): the editors of the
// story's section, the managing editor and the editor-in-chief. Entries
// go out at once without review, so reporters send theirs through an
// editor.
func CanCoverLive(u User, a Article) error {
	switch {
	case u.Disabled:
	case u.HasAny(ManagingEditor, EditorInChief):
		return nil
	case u.Has(Editor) && u.CoversSection(a.SectionID):
		return nil
	}
	return Errorf(Forbidden, "Chỉ biên tập viên phụ trách chuyên mục của bài và lãnh đạo tòa soạn được tường thuật trực tiếp")
}

// CanAddLiveEntry decides whether a story in state a with coverage l
// takes a new entry: only a published story whose coverage runs.
func CanAddLiveEntry(a Article, l Live) error {
	switch {
	case a.Status != Published:
		return Errorf(Conflict, "Bài chưa được đăng: chỉ thêm được diễn biến vào bài đã đăng")
	case !l.On():
		return Errorf(Conflict, "Bài không ở chế độ tường thuật trực tiếp; hãy bật “Trực tiếp” trước")
	case !l.Running():
		return Errorf(Conflict, "Bài đã kết thúc tường thuật trực tiếp; hãy mở lại nếu cần thêm diễn biến")
	}
	return nil
}

// EntryTime is when an entry was added as the reader's page prints it, in
// the paper's zone loc: "14:05" on the day of now, "14:05 28/09" (with the
// year when it differs) on another day.
func EntryTime(t, now time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	t, now = t.In(loc), now.In(loc)
	switch {
	case t.Year() != now.Year():
		return t.Format("15:04 02/01/2006")
	case t.YearDay() != now.YearDay():
		return t.Format("15:04 02/01")
	}
	return t.Format("15:04")
}

// LiveEntries is how many entries the reader's page and one answer of the
// public entries endpoint carry at most, newest first.
const LiveEntries = 50
