package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/toasoan/toasoan/internal/httpstatus"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/newsroom"
)

// handlerFunc is a handler that returns its failure instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc: the one place errors become JSON answers.
func (a *API) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			a.fail(w, r, err)
		}
	})
}

// errorBody is the "error" object of every failed answer. The conflict
// fields tell a client whose save was refused where its text was kept
// and which revision to start again from.
type errorBody struct {
	Code            string `json:"code"`
	Message         string `json:"message"`
	RevisionID      int64  `json:"revision_id,omitempty"`
	CurrentRevision int    `json:"current_revision,omitempty"`
}

// methodError is the one failure that has no news code: a method the
// path does not take. The mux finds it, not a handler, so it stays here.
type methodError struct{}

func (methodError) Error() string { return "method not allowed" }

var (
	errMethod  = methodError{}
	errNoRoute = news.Errorf(news.NotFound, "Không có địa chỉ API này")
)

// statusOf maps an error code to its HTTP status.
func statusOf(code news.Code) int { return httpstatus.Of(code) }

// fail writes err as JSON; internal errors are logged here and nowhere
// else, and their details never reach the client.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errMethod) {
		writeError(w, http.StatusMethodNotAllowed, errorBody{Code: "method_not_allowed",
			Message: "Địa chỉ này không nhận phương thức " + r.Method})
		return
	}
	code := news.ErrorCode(err)
	status := statusOf(code)
	if status == http.StatusInternalServerError {
		a.log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		code = news.Internal
	}
	body := errorBody{Code: string(code), Message: news.ErrorMessage(err)}
	var conflict *newsroom.ConflictError
	if errors.As(err, &conflict) {
		body.RevisionID, body.CurrentRevision = conflict.RevisionID, conflict.Current.Revision
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="toasoan"`)
	}
	writeError(w, status, body)
}

func writeError(w http.ResponseWriter, status int, body errorBody) {
	b, _ := json.Marshal(struct {
		Error errorBody `json:"error"`
	}{body}) // strings and numbers only: cannot fail
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// genericMessage is what a client sees of an internal error.
func genericMessage() string { return news.ErrorMessage(nil) }

// writeJSON encodes v whole before writing, so that an encoding failure
// is still a clean 500 and not half an answer.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // bodies are HTML; the answer is never read as HTML (nosniff)
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes()) // a failure here is a client gone: nothing left to tell it
	return nil
}
