package news

import (
	"slices"
	"time"
)

// Role is a job in the newsroom; a user can hold several.
type Role string

// The roles, as written on the command line and in the API.
const (
	Reporter       Role = "reporter"
	Editor         Role = "editor"
	ManagingEditor Role = "managing-editor"
	EditorInChief  Role = "editor-in-chief"
	Moderator      Role = "moderator"
	Admin          Role = "admin"
)

// Roles lists every role in the order the newsroom shows them.
func Roles() []Role {
	return []Role{Reporter, Editor, ManagingEditor, EditorInChief, Moderator, Admin}
}

// Label is the role's Vietnamese name.
func (r Role) Label() string {
	switch r {
	case Reporter:
		return "Phóng viên"
	case Editor:
		return "Biên tập viên"
	case ManagingEditor:
		return "Thư ký tòa soạn"
	case EditorInChief:
		return "Tổng biên tập"
	case Moderator:
		return "Kiểm duyệt bình luận"
	case Admin:
		return "Quản trị viên"
	}
	return string(r)
}

// ParseRole accepts a role's name as written on the command line.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if slices.Contains(Roles(), r) {
		return r, nil
	}
	return "", Errorf(Invalid, "Vai trò %q không tồn tại; các vai trò: reporter, editor, managing-editor, editor-in-chief, moderator, admin", s)
}

// User is a member of the newsroom.
type User struct {
	ID           int64
	Email        string
	Name         string
	Roles        []Role
	SectionIDs   []int64 // sections an editor may work on; empty: all
	PasswordHash string
	TOTPSecret   string // empty: two-factor sign-in is off
	TOTPLastStep int64  // the last accepted code's step, so a code works once
	Disabled     bool
	AuthorID     int64 // the byline the user writes under, 0 if none
	CreatedAt    time.Time
	// MustChangePassword: the password is one an administrator handed
	// over (a reset, a new account, the first administrator), so the
	// member may do nothing but change it.
	MustChangePassword bool
}

// Has reports whether u holds role r.
func (u User) Has(r Role) bool { return slices.Contains(u.Roles, r) }

// HasAny reports whether u holds any of rs.
func (u User) HasAny(rs ...Role) bool {
	for _, r := range rs {
		if u.Has(r) {
			return true
		}
	}
	return false
}

// CoversSection reports whether u's section restriction lets them work on
// articles of section id.
func (u User) CoversSection(id int64) bool {
	return len(u.SectionIDs) == 0 || slices.Contains(u.SectionIDs, id)
}

// RoleLabels is the user's roles in Vietnamese, for lists.
func (u User) RoleLabels() []string {
	out := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		out[i] = r.Label()
	}
	return out
}

// Actor is who makes a change and from where, for permissions and the
// audit log.
type Actor struct {
	User User
	IP   string // the request's address, or CommandLine
	// System marks the paper's own process: its jobs, the demo loader, a
	// command typed at the server's shell. It may do anything and is
	// recorded without a user. Only code builds it (System, Shell),
	// nothing a request carries.
	System bool
}

// CommandLine is where a change typed at the server's shell comes from,
// as the audit log shows it in place of an address.
const CommandLine = "dòng lệnh"

// System is the actor of the paper's own jobs.
func System() Actor { return Actor{System: true} }

// Shell is the actor of a command typed at the server.
func Shell() Actor { return Actor{System: true, IP: CommandLine} }

// Can reports whether the actor may do p.
func (a Actor) Can(p Permission) bool { return a.System || Can(a.User, p) }

// Require is Can as an error: nil, or Forbidden with a Vietnamese reason.
func (a Actor) Require(p Permission) error {
	if a.System {
		return nil
	}
	return Require(a.User, p)
}
