package api

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// handlerFunc is a handler that returns its failure instead of writing it.
type handlerFunc = web.HandlerFunc

// handle adapts a handlerFunc: the kit's error adapter answers its error
// in JSON.
func (a *API) handle(h handlerFunc) http.Handler { return a.errors.Handle(h) }

// errNoRoute answers a path the API does not have.
var errNoRoute = news.Errorf(news.NotFound, "Không có địa chỉ API này")
