package wordpress

import (
	"fmt"
	"strings"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/news"
)

// comments are an item's approved and waiting comments, each reply after
// the comment it answers (deeper nesting kept as given). Spam, trash,
// pingbacks and trackbacks are left out, and a reply whose comment was
// left out stands on its own; one warning counts them.
func (r *Reader) comments(it item, label string) ([]importer.Comment, *importer.Warning) {
	var kept []importer.Comment
	ids := map[string]bool{}
	var spam, pings int
	for _, c := range it.comments {
		id := strings.TrimSpace(c["comment_id"])
		var status news.CommentStatus
		switch strings.TrimSpace(c["comment_approved"]) {
		case "1":
			status = news.CommentPublished
		case "0":
			status = news.CommentPending
		default:
			spam++
			continue
		}
		if t := strings.TrimSpace(c["comment_type"]); t != "" && t != "comment" {
			pings++
			continue
		}
		if id == "" || ids[id] {
			continue
		}
		ids[id] = true
		com := importer.Comment{
			Key:    "comment:" + id,
			Name:   oneLine(c["comment_author"]),
			Email:  strings.TrimSpace(c["comment_author_email"]),
			Body:   paragraphs(c["comment_content"]),
			At:     wpDate(c["comment_date_gmt"], c["comment_date"], r.opts.Location),
			Status: status,
		}
		if p := strings.TrimSpace(c["comment_parent"]); p != "" && p != "0" {
			com.ParentKey = "comment:" + p
		}
		kept = append(kept, com)
	}
	ordered, orphans := threadOrder(kept, ids)
	var parts []string
	if spam > 0 {
		parts = append(parts, fmt.Sprintf("bỏ %d bình luận rác hoặc đã xóa", spam))
	}
	if pings > 0 {
		parts = append(parts, fmt.Sprintf("bỏ %d pingback/trackback", pings))
	}
	if orphans > 0 {
		parts = append(parts, fmt.Sprintf("%d trả lời có bình luận gốc bị bỏ, nhập thành bình luận riêng", orphans))
	}
	if len(parts) == 0 {
		return ordered, nil
	}
	return ordered, &importer.Warning{Item: label, Message: strings.Join(parts, "; ")}
}

// threadOrder puts every comment after its parent: each comment whose
// parent is not among them (left out, or never there) starts a thread,
// in file order, followed by its replies, depth first. orphans counts the
// comments whose parent was missing; they lose their ParentKey.
func threadOrder(cs []importer.Comment, kept map[string]bool) (ordered []importer.Comment, orphans int) {
	children := map[string][]int{}
	var roots []int
	for i := range cs {
		p := strings.TrimPrefix(cs[i].ParentKey, "comment:")
		switch {
		case cs[i].ParentKey == "":
			roots = append(roots, i)
		case !kept[p]:
			cs[i].ParentKey = ""
			orphans++
			roots = append(roots, i)
		default:
			children[cs[i].ParentKey] = append(children[cs[i].ParentKey], i)
		}
	}
	placed := make([]bool, len(cs))
	var place func(i int)
	place = func(i int) {
		if placed[i] {
			return
		}
		placed[i] = true
		ordered = append(ordered, cs[i])
		for _, c := range children[cs[i].Key] {
			place(c)
		}
	}
	for _, i := range roots {
		place(i)
	}
	// Comments in a loop of parents reach no thread: they stand alone.
	for i := range cs {
		if !placed[i] {
			cs[i].ParentKey = ""
			orphans++
			place(i)
		}
	}
	return ordered, orphans
}
