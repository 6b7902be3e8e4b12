// Package httpstatus is the one place an error code becomes an HTTP
// status, for the HTML site and the JSON API alike.
package httpstatus

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
)

// Of maps an error code to its HTTP status; unknown codes are internal.
func Of(code news.Code) int {
	switch code {
	case news.NotFound:
		return http.StatusNotFound
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
	}
	return http.StatusInternalServerError
}
