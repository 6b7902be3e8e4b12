package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/toasoan/toasoan/internal/web"
)

// route is one line of the route table.
type route struct {
	method, path string
	h            handlerFunc
}

// table is the API's route table. Every route but the two public comment
// routes goes through authed.
func (a *API) table() []route {
	return []route{
		{"GET", "/api/v1/articles", a.authed(a.listArticles)},
		{"POST", "/api/v1/articles", a.authed(a.createArticle)},
		{"GET", "/api/v1/articles/{id}", a.authed(a.showArticle)},
		{"PUT", "/api/v1/articles/{id}", a.authed(a.saveArticle)},
		{"POST", "/api/v1/articles/{id}/transitions", a.authed(a.transitionArticle)},
		{"GET", "/api/v1/articles/{id}/revisions", a.authed(a.listRevisions)},
		{"GET", "/api/v1/articles/{id}/revisions/{revision}", a.authed(a.showRevision)},
		{"POST", "/api/v1/media", a.authed(a.uploadMedia)},
		{"GET", "/api/v1/sections", a.authed(a.listSections)},
		{"GET", "/api/v1/tags", a.authed(a.listTags)},
		{"POST", "/api/v1/articles/{id}/comments", a.postComment},
		{"GET", "/api/v1/articles/{id}/comments", a.listComments},
		{"GET", "/api/v1/comments", a.authed(a.moderationQueue)},
		{"POST", "/api/v1/comments/{id}/moderation", a.authed(a.moderateComment)},
	}
}

// routes registers the table, and for each path a method-less pattern
// that the standard mux picks for any other method: it answers 405 in
// JSON with the Allow header, where the mux alone would answer in text.
func (a *API) routes(mux *http.ServeMux) {
	allowed := map[string][]string{}
	var paths []string
	for _, rt := range a.table() {
		mux.Handle(rt.method+" "+rt.path, a.handle(rt.h))
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
