package news

import "testing"

// Every role against every permission, written out by hand: a change to
// the table in permission.go must change this test too, on purpose.
func TestPermissionsForEveryRole(t *testing.T) {
	t.Parallel()
	// y: the role holds the permission.
	want := map[Permission]map[Role]bool{
		WriteArticles:       {Reporter: true, Editor: true, ManagingEditor: true, EditorInChief: true},
		ReadCopy:            {Reporter: true, Editor: true, ManagingEditor: true, EditorInChief: true},
		SetCommentMode:      {Editor: true, ManagingEditor: true, EditorInChief: true, Moderator: true},
		ModerateComments:    {ManagingEditor: true, EditorInChief: true, Moderator: true},
		EditCommentSettings: {EditorInChief: true, Moderator: true, Admin: true},
		ArrangePages:        {ManagingEditor: true, EditorInChief: true},
		ManageUsers:         {Admin: true},
		ManageSections:      {Admin: true},
		ManageAuthors:       {ManagingEditor: true, EditorInChief: true, Admin: true},
		ManageSite:          {EditorInChief: true, Admin: true},
		ReadAuditLog:        {ManagingEditor: true, EditorInChief: true, Admin: true},
		EditSiteSettings:    {Admin: true},
		ImportArchives:      {EditorInChief: true, Admin: true},
		ManagePages:         {ManagingEditor: true, EditorInChief: true, Admin: true},
		ManageRedirects:     {ManagingEditor: true, EditorInChief: true, Admin: true},
		ManageTopics:        {ManagingEditor: true, EditorInChief: true, Admin: true},
		ReadStatistics:      {Editor: true, ManagingEditor: true, EditorInChief: true, Admin: true},
		ManagePrograms:      {ManagingEditor: true, EditorInChief: true, Admin: true},
	}
	if len(want) != len(Permissions()) {
		t.Fatalf("the test covers %d permissions, the table has %d", len(want), len(Permissions()))
	}
	for _, p := range Permissions() {
		for _, r := range Roles() {
			u := User{ID: 7, Roles: []Role{r}}
			if got := Can(u, p); got != want[p][r] {
				t.Errorf("%s may %s: %v, want %v", r, p, got, want[p][r])
			}
			err := Require(u, p)
			if want[p][r] != (err == nil) || err != nil && (ErrorCode(err) != Forbidden || ErrorMessage(err) == "") {
				t.Errorf("Require(%s, %s) = %v", r, p, err)
			}
			if Can(User{ID: 7, Roles: []Role{r}, Disabled: true}, p) {
				t.Errorf("a disabled %s may %s", r, p)
			}
			if !(Actor{System: true}).Can(p) || (Actor{User: User{Roles: []Role{r}}}).Can(p) != want[p][r] {
				t.Errorf("actors and %s: the system must hold every permission, members their roles'", p)
			}
		}
		if Can(User{ID: 7}, p) {
			t.Errorf("a member without roles may %s", p)
		}
	}
	both := User{ID: 7, Roles: []Role{Reporter, Moderator}}
	if !Can(both, WriteArticles) || !Can(both, ModerateComments) || Can(both, ManageUsers) {
		t.Error("a member with two roles holds exactly the permissions of both")
	}
}
