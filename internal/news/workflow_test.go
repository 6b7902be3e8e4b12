package news

import (
	"fmt"
	"slices"
	"testing"
)

// TestCanMoveEveryRoleEveryMove checks the workflow table against the
// newsroom's rules written out by hand, for every role and every pair of
// states: reporters submit (and withdraw) their own copy; editors edit and
// pass it on or return it; the managing editor approves, schedules and
// publishes; the paper's correctors (by default the managing editor and the
// editor-in-chief) take down or republish; moderators and administrators
// move nothing.
func TestCanMoveEveryRoleEveryMove(t *testing.T) {
	t.Parallel()
	// An editor reads another's copy once it is submitted: their draft is
	// not the editor's to send on.
	editorMoves := []string{"submitted→draft", "submitted→edited", "edited→draft"}
	managing := append(append([]string{"draft→submitted"}, editorMoves...),
		"edited→approved", "edited→scheduled", "edited→published", "approved→draft", "approved→scheduled",
		"approved→published", "scheduled→approved", "scheduled→draft", "scheduled→published",
		"published→unpublished", "unpublished→published", "unpublished→draft")
	allowed := map[string][]string{
		"reporter (own article)": {"draft→submitted", "submitted→draft"},
		"reporter (other's)":     nil,
		string(Editor):           editorMoves,
		string(ManagingEditor):   managing,
		string(EditorInChief):    managing,
		string(Moderator):        nil,
		string(Admin):            nil,
	}
	users := map[string]User{
		"reporter (own article)": {ID: 7, Roles: []Role{Reporter}},
		"reporter (other's)":     {ID: 8, Roles: []Role{Reporter}},
		string(Editor):           {ID: 9, Roles: []Role{Editor}},
		string(ManagingEditor):   {ID: 10, Roles: []Role{ManagingEditor}},
		string(EditorInChief):    {ID: 11, Roles: []Role{EditorInChief}},
		string(Moderator):        {ID: 12, Roles: []Role{Moderator}},
		string(Admin):            {ID: 13, Roles: []Role{Admin}},
	}
	for who, u := range users {
		want := map[string]bool{}
		for _, m := range allowed[who] {
			want[m] = true
		}
		for _, from := range Statuses() {
			for _, to := range Statuses() {
				move := fmt.Sprintf("%s→%s", from, to)
				t.Run(who+"/"+move, func(t *testing.T) {
					err := DefaultPolicy().CanMove(u, Article{Status: from, CreatedBy: 7, SectionID: 1}, to)
					if want[move] != (err == nil) {
						t.Fatalf("CanMove = %v, want allowed=%v", err, want[move])
					}
					if err != nil && ErrorMessage(err) == "" {
						t.Fatal("refusal without a message")
					}
					if err != nil && (to == Published || to == Unpublished) && !u.HasAny(ManagingEditor, EditorInChief) && ErrorCode(err) != Forbidden {
						t.Fatalf("publishing without the right is %v, want forbidden", err)
					}
				})
			}
		}
	}
}

func TestSectionRestriction(t *testing.T) {
	t.Parallel()
	editor := User{ID: 2, Roles: []Role{Editor}, SectionIDs: []int64{1}}
	inSection := Article{Status: Submitted, SectionID: 1, CreatedBy: 5}
	outside := Article{Status: Submitted, SectionID: 2, CreatedBy: 5}
	if err := DefaultPolicy().CanMove(editor, inSection, Edited); err != nil {
		t.Fatalf("editor in their section: %v", err)
	}
	if err := DefaultPolicy().CanMove(editor, outside, Edited); ErrorCode(err) != Forbidden {
		t.Fatalf("editor outside their section: %v", err)
	}
	if err := DefaultPolicy().CanEdit(editor, outside); ErrorCode(err) != Forbidden {
		t.Fatalf("editing outside the section: %v", err)
	}
	managing := User{ID: 3, Roles: []Role{ManagingEditor}, SectionIDs: []int64{1}}
	if err := DefaultPolicy().CanMove(managing, Article{Status: Edited, SectionID: 2}, Approved); err != nil {
		t.Fatalf("the managing editor covers every section: %v", err)
	}
}

func TestCanEdit(t *testing.T) {
	t.Parallel()
	reporter := User{ID: 7, Roles: []Role{Reporter}}
	editor := User{ID: 9, Roles: []Role{Editor}}
	chief := User{ID: 11, Roles: []Role{EditorInChief}}
	tests := []struct {
		name string
		u    User
		a    Article
		ok   bool
	}{
		{"reporter, own draft", reporter, Article{Status: Draft, CreatedBy: 7}, true},
		{"reporter, own submitted", reporter, Article{Status: Submitted, CreatedBy: 7}, false},
		{"reporter, other's draft", reporter, Article{Status: Draft, CreatedBy: 8}, false},
		{"editor, submitted", editor, Article{Status: Submitted}, true},
		{"editor, approved", editor, Article{Status: Approved}, false},
		{"editor, published", editor, Article{Status: Published}, false},
		{"editor-in-chief, published (correction)", chief, Article{Status: Published}, true},
		{"managing editor, published (correction at night)", User{ID: 10, Roles: []Role{ManagingEditor}}, Article{Status: Published}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := DefaultPolicy().CanEdit(tt.u, tt.a); (err == nil) != tt.ok {
				t.Fatalf("CanEdit = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

// TestCanRead is the read rule, written out by hand for every role and
// state: who started the story (7), editors of its section once it is
// submitted, the managing editor and editor-in-chief always, and for a
// published story everyone.
func TestCanRead(t *testing.T) {
	t.Parallel()
	users := map[string]User{
		"author":                 {ID: 7, Roles: []Role{Reporter}},
		"another reporter":       {ID: 8, Roles: []Role{Reporter}},
		"editor":                 {ID: 9, Roles: []Role{Editor}, SectionIDs: []int64{1}},
		"editor elsewhere":       {ID: 10, Roles: []Role{Editor}, SectionIDs: []int64{2}},
		"managing editor":        {ID: 11, Roles: []Role{ManagingEditor}},
		"editor-in-chief":        {ID: 12, Roles: []Role{EditorInChief}},
		"moderator":              {ID: 13, Roles: []Role{Moderator}},
		"admin":                  {ID: 14, Roles: []Role{Admin}},
		"disabled author":        {ID: 7, Roles: []Role{Reporter}, Disabled: true},
		"author, now admin":      {ID: 7, Roles: []Role{Admin}},
		"no one (the zero user)": {},
	}
	// The states each may read an article of section 1 started by 7 in.
	all := Statuses()
	notDraft := []Status{Submitted, Edited, Approved, Scheduled, Published, Unpublished}
	want := map[string][]Status{
		"author":                 all,
		"another reporter":       {Published},
		"editor":                 notDraft,
		"editor elsewhere":       {Published},
		"managing editor":        all,
		"editor-in-chief":        all,
		"moderator":              {Published},
		"admin":                  {Published},
		"disabled author":        nil,
		"author, now admin":      {Published},
		"no one (the zero user)": {Published},
	}
	for who, u := range users {
		for _, st := range all {
			allowed := false
			for _, w := range want[who] {
				allowed = allowed || w == st
			}
			err := CanRead(u, Article{Status: st, CreatedBy: 7, SectionID: 1})
			if allowed != (err == nil) || err != nil && ErrorCode(err) != Forbidden {
				t.Errorf("%s reading a %s article: %v, want allowed=%v", who, st, err, allowed)
			}
		}
	}
}

// TestPolicyCorrectors: the roles that correct and take down published
// stories are the paper's to choose; the rest of the workflow stays.
func TestPolicyCorrectors(t *testing.T) {
	t.Parallel()
	editor := User{ID: 9, Roles: []Role{Editor}}
	managing := User{ID: 10, Roles: []Role{ManagingEditor}}
	chief := User{ID: 11, Roles: []Role{EditorInChief}}
	live := Article{Status: Published, CreatedBy: 7, SectionID: 1}
	chiefOnly := Policy{Correctors: []Role{EditorInChief}}
	withEditors := Policy{Correctors: []Role{Editor, EditorInChief}}
	cases := []struct {
		name   string
		policy Policy
		u      User
		ok     bool
	}{
		{"chief only: managing editor refused", chiefOnly, managing, false},
		{"chief only: chief", chiefOnly, chief, true},
		{"editors correct: editor", withEditors, editor, true},
		{"editors correct: managing editor refused", withEditors, managing, false},
		{"default: editor refused", DefaultPolicy(), editor, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.policy.CanEdit(c.u, live); (err == nil) != c.ok {
				t.Fatalf("CanEdit = %v, want ok=%v", err, c.ok)
			}
			if err := c.policy.CanMove(c.u, live, Unpublished); (err == nil) != c.ok {
				t.Fatalf("CanMove to unpublished = %v, want ok=%v", err, c.ok)
			}
			if err := c.policy.CanMove(c.u, live, Unpublished); err != nil && ErrorCode(err) != Forbidden {
				t.Fatalf("a refused takedown is %v, want forbidden", err)
			}
		})
	}
	// A disabled corrector corrects nothing.
	if err := DefaultPolicy().CanEdit(User{ID: 10, Roles: []Role{ManagingEditor}, Disabled: true}, live); err == nil {
		t.Fatal("a disabled managing editor corrected a story")
	}
}

func TestSitePolicy(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		setting string
		want    []Role
		valid   bool
	}{
		{"managing-editor,editor-in-chief", []Role{ManagingEditor, EditorInChief}, true},
		{" editor , editor-in-chief ,editor", []Role{Editor, EditorInChief}, true},
		{"", DefaultPolicy().Correctors, false},
		{"tổng biên tập", DefaultPolicy().Correctors, false},
	} {
		site := Site{Name: "Báo", TimeZone: "Asia/Ho_Chi_Minh", Correctors: tt.setting}
		if err := site.Validate(); (err == nil) != tt.valid {
			t.Errorf("Validate(%q) = %v, want valid=%v", tt.setting, err, tt.valid)
		}
		if got := site.Policy().Correctors; !slices.Equal(got, tt.want) {
			t.Errorf("Policy(%q) = %v, want %v", tt.setting, got, tt.want)
		}
	}
}
