package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// route is one line of the route table: who may call it (Public: anyone;
// Member: any live token; else the token's user must hold the
// permission, news.Permissions' table) and the handler.
type route struct {
	method, path string
	who          news.Permission
	public       handlerFunc // for Public routes
	member       userHandler // for every other
}

// Who may call a route besides the permissions of news.
const (
	Public news.Permission = "public" // no token
	Member news.Permission = ""       // any live token; the handler applies finer rules (news.CanRead, CanEdit, CanMove)
)

// table is the API's route table.
func (a *API) table() []route {
	return []route{
		{"GET", "/api/v1/articles", news.ReadCopy, nil, a.listArticles},
		{"POST", "/api/v1/articles", news.WriteArticles, nil, a.createArticle},
		{"GET", "/api/v1/articles/{id}", Member, nil, a.showArticle},
		{"PUT", "/api/v1/articles/{id}", Member, nil, a.saveArticle},
		{"POST", "/api/v1/articles/{id}/transitions", Member, nil, a.transitionArticle},
		{"GET", "/api/v1/articles/{id}/revisions", Member, nil, a.listRevisions},
		{"GET", "/api/v1/articles/{id}/revisions/{revision}", Member, nil, a.showRevision},
		{"POST", "/api/v1/media", news.WriteArticles, nil, a.uploadMedia},
		{"GET", "/api/v1/media/{id}", news.WriteArticles, nil, a.showMediaItem},
		{"POST", "/api/v1/uploads", news.WriteArticles, nil, a.resumableUpload},
		{"HEAD", "/api/v1/uploads/{id}", news.WriteArticles, nil, a.resumableUpload},
		{"PATCH", "/api/v1/uploads/{id}", news.WriteArticles, nil, a.resumableUpload},
		{"DELETE", "/api/v1/uploads/{id}", news.WriteArticles, nil, a.resumableUpload},
		{"GET", "/api/v1/sections", Member, nil, a.listSections},
		{"POST", "/api/v1/sections", news.ManageSections, nil, a.createSection},
		{"GET", "/api/v1/authors", Member, nil, a.listAuthors},
		{"POST", "/api/v1/authors", news.ManageAuthors, nil, a.createAuthor},
		{"GET", "/api/v1/tags", Member, nil, a.listTags},
		{"GET", "/api/v1/pages", Member, nil, a.listPages},
		{"POST", "/api/v1/pages", news.ManagePages, nil, a.createPage},
		{"GET", "/api/v1/pages/{id}", Member, nil, a.showPage},
		{"PUT", "/api/v1/pages/{id}", news.ManagePages, nil, a.replacePage},
		{"DELETE", "/api/v1/pages/{id}", news.ManagePages, nil, a.deletePage},
		{"GET", "/api/v1/topics", Member, nil, a.listTopics},
		{"POST", "/api/v1/topics", news.ManageTopics, nil, a.createTopic},
		{"GET", "/api/v1/topics/{id}", Member, nil, a.showTopic},
		{"PUT", "/api/v1/topics/{id}", news.ManageTopics, nil, a.replaceTopic},
		{"DELETE", "/api/v1/topics/{id}", news.ManageTopics, nil, a.deleteTopic},
		{"GET", "/api/v1/programmes", Member, nil, a.listProgrammes},
		{"POST", "/api/v1/programmes", news.ManagePrograms, nil, a.createProgramme},
		{"GET", "/api/v1/programmes/{id}", Member, nil, a.showProgramme},
		{"PUT", "/api/v1/programmes/{id}", news.ManagePrograms, nil, a.replaceProgramme},
		{"DELETE", "/api/v1/programmes/{id}", news.ManagePrograms, nil, a.deleteProgramme},
		{"POST", "/api/v1/articles/{id}/comments", Public, a.postComment, nil},
		{"GET", "/api/v1/articles/{id}/comments", Public, a.listComments, nil},
		{"POST", "/api/v1/articles/{id}/views", Public, a.countView, nil},
		{"POST", "/api/v1/articles/{id}/live", Member, nil, a.setLive},
		{"POST", "/api/v1/articles/{id}/entries", Member, nil, a.addEntry},
		{"GET", "/api/v1/articles/{id}/entries", Public, a.listEntries, nil},
		{"PUT", "/api/v1/articles/{id}/entries/{entry}", Member, nil, a.editEntry},
		{"DELETE", "/api/v1/articles/{id}/entries/{entry}", Member, nil, a.deleteEntry},
		{"GET", "/api/v1/comments", news.ModerateComments, nil, a.moderationQueue},
		{"POST", "/api/v1/comments/{id}/moderation", news.ModerateComments, nil, a.moderateComment},
	}
}

// Route is a line of the API's route table, as the tests read it.
type Route struct {
	Method, Path string
	Who          news.Permission // Public, Member or a permission
}

// Routes is the API's route table without its handlers: what the tests
// check every role against.
func Routes() []Route {
	var out []Route
	for _, rt := range (*API)(nil).table() {
		out = append(out, Route{rt.method, rt.path, rt.who})
	}
	return out
}

// routes registers the table, and for each path a method-less pattern
// that the standard mux picks for any other method: it answers 405 in
// JSON with the Allow header, where the mux alone would answer in text.
func (a *API) routes(mux *http.ServeMux) {
	allowed := map[string][]string{}
	var paths []string
	for _, rt := range a.table() {
		h := rt.public
		if rt.who != Public {
			h = a.authed(guard(rt.who, rt.member))
		}
		mux.Handle(rt.method+" "+rt.path, a.handle(h))
		if _, ok := allowed[rt.path]; !ok {
			paths = append(paths, rt.path)
		}
		allowed[rt.path] = append(allowed[rt.path], rt.method)
		if rt.method == http.MethodGet {
			allowed[rt.path] = append(allowed[rt.path], http.MethodHead)
		}
	}
	for _, p := range paths {
		mux.Handle(p, a.handle(methodNotAllowed(allowed[p])))
	}
	mux.Handle("/", a.handle(notFound))
}

func methodNotAllowed(methods []string) handlerFunc {
	methods = slices.Clone(methods)
	slices.Sort(methods)
	allow := strings.Join(methods, ", ")
	return func(w http.ResponseWriter, r *http.Request) error {
		return &web.MethodError{Allow: allow, Message: "Địa chỉ này không nhận phương thức " + r.Method}
	}
}

func notFound(w http.ResponseWriter, r *http.Request) error {
	return errNoRoute
}

// guard runs h for users who hold who: the table's guard, before the
// handler's finer rules.
func guard(who news.Permission, h userHandler) userHandler {
	if who == Member {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request, u news.User) error {
		if err := news.Require(u, who); err != nil {
			return err
		}
		return h(w, r, u)
	}
}
