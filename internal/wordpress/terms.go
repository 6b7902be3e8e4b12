package wordpress

import (
	"fmt"
	"slices"
	"strings"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// sections are the file's categories as sections, each parent before its
// children whatever the order of the file. A parent the file lacks, or a
// loop of parents, leaves the category at the top with a warning.
func (r *Reader) sections() []importer.Item {
	byName := map[string]element{}
	for _, c := range r.ch.categories {
		if n := c.fields["category_nicename"]; n != "" {
			byName[n] = c
		}
	}
	var out []importer.Item
	state := map[string]int{} // 1 being placed, 2 placed
	var place func(nicename string)
	place = func(nicename string) {
		if state[nicename] != 0 {
			return
		}
		state[nicename] = 1
		c := byName[nicename]
		name := oneLine(c.fields["cat_name"])
		sec := importer.Section{
			Key:         "category:" + nicename,
			Name:        name,
			Slug:        firstOf(vietnamese.Slug(slugOf(nicename)), vietnamese.Slug(name)),
			Description: plainText(c.fields["category_description"]),
		}
		path := []string{nicename}
		switch parent := strings.TrimSpace(c.fields["category_parent"]); {
		case parent == "":
		case byName[parent].fields == nil:
			out = append(out, warning("chuyên mục "+nicename, fmt.Sprintf("không có chuyên mục cha “%s” trong tệp: đặt ở cấp trên cùng", parent)))
		case state[parent] == 1:
			out = append(out, warning("chuyên mục "+nicename, "chuyên mục cha tạo thành vòng lặp: đặt ở cấp trên cùng"))
		default:
			place(parent)
			sec.ParentKey = "category:" + parent
			path = r.ancestors(nicename)
			slices.Reverse(path)
			path = append(path, nicename)
		}
		sec.OldURLs = []string{sitePath(r.prefix + "/category/" + strings.Join(path, "/") + "/")}
		out = append(out, importer.Item{Section: &sec})
		state[nicename] = 2
	}
	for _, c := range r.ch.categories {
		if n := c.fields["category_nicename"]; n != "" {
			place(n)
		}
	}
	return out
}

// ancestors are a category's parents, nearest first, as far as the file
// has them.
func (r *Reader) ancestors(nicename string) []string {
	var up []string
	for p := r.parent[nicename]; p != "" && p != nicename && !slices.Contains(up, p); p = r.parent[p] {
		up = append(up, p)
	}
	return up
}

// authors are the file's authors as bylines: the display name, or first
// and last names, or the login.
func (r *Reader) authors() []importer.Item {
	var out []importer.Item
	for _, a := range r.ch.authors {
		login := strings.TrimSpace(a.fields["author_login"])
		if login == "" {
			continue
		}
		name := oneLine(a.fields["author_display_name"])
		if name == "" {
			name = oneLine(a.fields["author_first_name"] + " " + a.fields["author_last_name"])
		}
		if name == "" {
			name = login
		}
		out = append(out, importer.Item{Author: &importer.Author{
			Key:     "author:" + login,
			Name:    name,
			Slug:    firstOf(vietnamese.Slug(name), vietnamese.Slug(login)),
			Email:   strings.TrimSpace(a.fields["author_email"]),
			OldURLs: []string{sitePath(r.prefix + "/author/" + authorNicename(login) + "/")},
		}})
	}
	return out
}

// authorNicename is the name WordPress gives an author's page from a
// login (sanitize_title): lower case, dots and spaces as dashes, only
// letters, digits, '_' and '-'.
func authorNicename(login string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(login) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_', c == '-':
			b.WriteRune(c)
		case c == '.', c == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
