// Package news holds the newspaper's domain types: sections, articles,
// authors, tags, images, the site's identity and the one error type every
// layer uses. It does no I/O, so it imports neither net/http nor database/sql.
package news

import (
	"errors"
	"fmt"
)

// Code classifies an Error; the web layer maps each code to one HTTP status.
type Code string

// The error codes. Keep the list short: each one needs a status and a page.
const (
	NotFound Code = "not_found"
	// Removed is what was on the paper and no longer is (a story taken
	// down): 410, so search engines drop it rather than try again.
	Removed      Code = "gone"
	Invalid      Code = "invalid"
	Conflict     Code = "conflict"
	Unauthorized Code = "unauthorized"
	Forbidden    Code = "forbidden"
	TooLarge     Code = "too_large"
	TooMany      Code = "too_many_requests"
	// Unavailable is a dependency that does not answer (the database
	// unreachable, its disk failing): worth trying again in a moment.
	Unavailable Code = "unavailable"
	Internal    Code = "internal"
)

// Error is the application's error: a code for the program and a message in
// Vietnamese for the person in front of the screen.
type Error struct {
	Code    Code
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error whose message is shown to readers as written.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first Error in err's chain, Internal for
// any other error and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Wrap makes err an Error with code and a message for people, keeping
// err in the chain for the log.
func Wrap(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorMessage returns the Vietnamese message of the first Error in err's
// chain; internal errors get a generic message so no detail leaks out.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		return e.Message
	}
	return "Đã có lỗi xảy ra phía máy chủ. Vui lòng thử lại sau."
}
