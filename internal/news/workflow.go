package news

import "slices"

// Label is the state's Vietnamese name, as the newsroom shows it.
func (s Status) Label() string {
	switch s {
	case Draft:
		return "Bản nháp"
	case Submitted:
		return "Chờ biên tập"
	case Edited:
		return "Chờ duyệt"
	case Approved:
		return "Đã duyệt"
	case Scheduled:
		return "Hẹn giờ đăng"
	case Published:
		return "Đã đăng"
	case Unpublished:
		return "Đã gỡ"
	}
	return string(s)
}

// Statuses lists every state in workflow order.
func Statuses() []Status {
	return []Status{Draft, Submitted, Edited, Approved, Scheduled, Published, Unpublished}
}

// ParseStatus accepts a state's name as the API writes it.
func ParseStatus(s string) (Status, error) {
	st := Status(s)
	if slices.Contains(Statuses(), st) {
		return st, nil
	}
	return "", Errorf(Invalid, "Trạng thái %q không tồn tại", s)
}

// Move is one edge of the workflow.
type Move struct{ From, To Status }

// Pseudo-roles of the workflow table: author is the member who started
// the article; corrector is any role the paper's Policy lets correct and
// take down published stories.
const (
	author    Role = "author"
	corrector Role = "corrector"
)

// workflow is who may move an article from one state to another: the one
// table the newsroom UI, the API and the tests read. "author" stands for the
// member who started the article. Going back to draft is "return to the
// author with a note", possible at every step before publication. A draft
// is its author's until it is submitted (CanRead): only they, the managing
// editor and the editor-in-chief send it on.
var workflow = map[Move][]Role{
	{Draft, Submitted}: {author, ManagingEditor, EditorInChief},
	{Submitted, Draft}: {author, Editor, ManagingEditor, EditorInChief},

	{Submitted, Edited}: {Editor, ManagingEditor, EditorInChief},
	{Edited, Draft}:     {Editor, ManagingEditor, EditorInChief},

	{Edited, Approved}:  {ManagingEditor, EditorInChief},
	{Edited, Scheduled}: {ManagingEditor, EditorInChief},
	{Edited, Published}: {ManagingEditor, EditorInChief},
	{Approved, Draft}:   {ManagingEditor, EditorInChief},

	{Approved, Scheduled}:  {ManagingEditor, EditorInChief},
	{Approved, Published}:  {ManagingEditor, EditorInChief},
	{Scheduled, Approved}:  {ManagingEditor, EditorInChief},
	{Scheduled, Draft}:     {ManagingEditor, EditorInChief},
	{Scheduled, Published}: {ManagingEditor, EditorInChief},

	{Published, Unpublished}: {corrector},
	{Unpublished, Published}: {corrector},
	{Unpublished, Draft}:     {corrector},
}

// Policy is what a paper decides about its own workflow: which roles
// correct and take down published stories at any hour. Site.Policy reads
// it from the paper's settings.
type Policy struct {
	Correctors []Role
}

// DefaultPolicy is a new paper's: the managing editor and the
// editor-in-chief correct and take down.
func DefaultPolicy() Policy { return Policy{Correctors: []Role{ManagingEditor, EditorInChief}} }

// holds reports whether u holds r, reading the pseudo-role corrector
// through the policy (author is the caller's to decide).
func (p Policy) holds(u User, r Role) bool {
	if r == corrector {
		return !u.Disabled && u.HasAny(p.Correctors...)
	}
	return r != author && u.Has(r)
}

// Moves lists the workflow's edges, for the permission tests and the UI.
func Moves() []Move {
	out := make([]Move, 0, len(workflow))
	for _, st := range Statuses() {
		for _, to := range Statuses() {
			if _, ok := workflow[Move{st, to}]; ok {
				out = append(out, Move{st, to})
			}
		}
	}
	return out
}

// CanMove decides whether u may move a from its state to to: nil, or an
// Error (Invalid for a move the workflow lacks, Forbidden otherwise) with
// a Vietnamese reason.
func (p Policy) CanMove(u User, a Article, to Status) error {
	if err := CanRead(u, a); err != nil {
		return err
	}
	roles, ok := workflow[Move{a.Status, to}]
	if !ok {
		// A move nobody may make from here is a bad request, unless the
		// user could not make a move to that state from anywhere: then the
		// honest answer is that they lack the right (a reporter asking to
		// publish is refused as such, whatever the article's state).
		if !p.mayEverReach(u, to) {
			return Errorf(Forbidden, "Bạn không có quyền chuyển bài sang “%s”", to.Label())
		}
		return Errorf(Invalid, "Không thể chuyển bài từ “%s” sang “%s”", a.Status.Label(), to.Label())
	}
	allowed := false
	for _, r := range roles {
		if r == author && a.CreatedBy == u.ID && Can(u, WriteArticles) || p.holds(u, r) {
			allowed = true
		}
	}
	if !allowed {
		return Errorf(Forbidden, "Bạn không có quyền chuyển bài từ “%s” sang “%s”", a.Status.Label(), to.Label())
	}
	if !u.HasAny(ManagingEditor, EditorInChief) && a.CreatedBy != u.ID && !u.CoversSection(a.SectionID) {
		return Errorf(Forbidden, "Bài thuộc chuyên mục bạn không phụ trách")
	}
	return nil
}

// mayEverReach reports whether any move into to is open to u.
func (p Policy) mayEverReach(u User, to Status) bool {
	for m, roles := range workflow {
		if m.To != to {
			continue
		}
		for _, r := range roles {
			if r == author && Can(u, WriteArticles) || p.holds(u, r) {
				return true
			}
		}
	}
	return false
}

// CanEdit decides whether u may change a's text in its current state: the
// reporter while it is their draft, editors until it is approved, the
// managing editor until it is published, and the policy's correctors once
// it is live (a correction) or taken down.
func (p Policy) CanEdit(u User, a Article) error {
	if err := CanRead(u, a); err != nil {
		return err
	}
	var ok bool
	switch a.Status {
	case Draft:
		ok = a.CreatedBy == u.ID && Can(u, WriteArticles) || u.HasAny(ManagingEditor, EditorInChief)
	case Submitted, Edited:
		ok = u.HasAny(Editor, ManagingEditor, EditorInChief)
	case Approved, Scheduled:
		ok = u.HasAny(ManagingEditor, EditorInChief)
	case Published, Unpublished:
		ok = p.holds(u, corrector)
	}
	if !ok {
		return Errorf(Forbidden, "Bạn không có quyền sửa bài ở trạng thái “%s”", a.Status.Label())
	}
	if !u.HasAny(ManagingEditor, EditorInChief) && a.CreatedBy != u.ID && !u.CoversSection(a.SectionID) {
		return Errorf(Forbidden, "Bài thuộc chuyên mục bạn không phụ trách")
	}
	return nil
}

// CanRead decides whether u may open a in the newsroom or the API: its
// text, revisions and preview. A published story is public. Copy readers
// do not see yet is for those who work on it: the managing editor and the
// editor-in-chief read all of it, an editor the copy of their sections
// once it is submitted, and whoever started a story (and may write) reads
// their own. Moderators and administrators have their own parts of the
// newsroom and read no unpublished copy.
func CanRead(u User, a Article) error {
	switch {
	case a.Status == Published && !u.Disabled,
		u.HasAny(ManagingEditor, EditorInChief) && !u.Disabled,
		a.CreatedBy == u.ID && a.CreatedBy != 0 && Can(u, WriteArticles),
		u.Has(Editor) && !u.Disabled && a.Status != Draft && u.CoversSection(a.SectionID):
		return nil
	}
	return Errorf(Forbidden, "Bạn không có quyền xem bài này")
}

// CanWrite reports whether u may start new articles.
func CanWrite(u User) bool { return Can(u, WriteArticles) }
