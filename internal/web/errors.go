package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// HandlerFunc is a handler that returns its failure instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Errors is the one place an error becomes an answer: the paper's
// Vietnamese page for browsers, JSON for clients that ask for it (Accept:
// application/json) and for the API. Internal errors are logged here and
// nowhere else, and their details never reach the reader; a database that
// does not answer is a 503 with Retry-After, never a 500.
type Errors struct {
	Log *slog.Logger
	// Page draws the error page for a browser; nil answers every error in
	// JSON (the API).
	Page func(w http.ResponseWriter, r *http.Request, status int, message string)
	// Unreachable recognises an error that says the database cannot be
	// reached right now (store.Unreachable).
	Unreachable func(error) bool
	// Challenge is the WWW-Authenticate header of a 401 answered in JSON.
	Challenge string
}

// Handle adapts h: its error, if any, is answered by Fail.
func (e *Errors) Handle(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			e.Fail(w, r, err)
		}
	})
}

// RetryAfter is how long, in seconds, a reader is asked to wait when the
// database does not answer: about what a restart or a failover takes.
const RetryAfter = "10"

// unreachableMessage is what readers see while the database is away.
const unreachableMessage = "Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau ít phút."

// MethodError is a method the path does not take: 405 with Allow.
type MethodError struct {
	Allow   string // "GET, HEAD"
	Message string
}

func (e *MethodError) Error() string { return "method not allowed: " + e.Allow }

// FieldsError is an error that tells a JSON client more than its code and
// message: a refused save says where its text was kept.
type FieldsError interface {
	error
	ErrorFields() map[string]any
}

// Fail answers err.
func (e *Errors) Fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		e.Log.Debug("client went away", "method", r.Method, "path", r.URL.Path, "err", err)
		return // nobody is there to answer
	}
	if m, ok := errors.AsType[*MethodError](err); ok {
		w.Header().Set("Allow", m.Allow)
		e.answer(w, r, http.StatusMethodNotAllowed, "method_not_allowed", m.Message, nil)
		return
	}
	code := news.ErrorCode(err)
	if code == news.Internal && e.Unreachable != nil && e.Unreachable(err) {
		code = news.Unavailable
	}
	status := StatusOf(code)
	message := news.ErrorMessage(err)
	switch status {
	case http.StatusServiceUnavailable:
		if w.Header().Get("Retry-After") == "" {
			w.Header().Set("Retry-After", RetryAfter)
		}
		if message == news.ErrorMessage(nil) { // no message of its own: the database
			e.Log.Warn("database unreachable", "method", r.Method, "path", r.URL.Path, "err", err)
			message = unreachableMessage
		} else {
			// A refusal of ours (a busy search, no ffmpeg): not an outage,
			// and a flood of them must not flood the log.
			e.Log.Debug("unavailable for now", "method", r.Method, "path", r.URL.Path, "reason", message)
		}
	case http.StatusInternalServerError:
		e.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		code = news.Internal
	}
	var extra map[string]any
	if f, ok := errors.AsType[FieldsError](err); ok {
		extra = f.ErrorFields()
	}
	e.answer(w, r, status, string(code), message, extra)
}

func (e *Errors) answer(w http.ResponseWriter, r *http.Request, status int, code, message string, extra map[string]any) {
	w.Header().Set("Cache-Control", "no-store")
	if e.Page != nil && !WantsJSON(r) {
		e.Page(w, r, status, message)
		return
	}
	if status == http.StatusUnauthorized && e.Challenge != "" {
		w.Header().Set("WWW-Authenticate", e.Challenge)
	}
	body := map[string]any{"code": code, "message": message}
	for k, v := range extra {
		body[k] = v
	}
	if err := WriteJSON(w, status, map[string]any{"error": body}); err != nil {
		e.Log.Debug("write error answer", "err", err) // the client is gone
	}
}

// StatusOf maps an error code to its HTTP status; unknown codes are
// internal.
func StatusOf(code news.Code) int {
	switch code {
	case news.NotFound:
		return http.StatusNotFound
	case news.Removed:
		return http.StatusGone
	case news.Invalid:
		return http.StatusBadRequest
	case news.Conflict:
		return http.StatusConflict
	case news.Unauthorized:
		return http.StatusUnauthorized
	case news.Forbidden:
		return http.StatusForbidden
	case news.TooLarge:
		return http.StatusRequestEntityTooLarge
	case news.TooMany:
		return http.StatusTooManyRequests
	case news.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// WantsJSON reports whether the client asked for JSON rather than a page.
func WantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// WriteJSON encodes v whole before writing, so that an encoding failure
// is still a clean 500 and not half an answer. HTML in v is left as it is:
// the answer is JSON, never read as HTML (nosniff).
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w) // a failed write is a client gone (see WriteHTML)
	return nil
}
