package fetch

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strconv"
)

// Error is why a URL was not fetched, in Vietnamese, for the import's
// summary: "không tải được https://…: địa chỉ nội bộ bị từ chối".
type Error struct {
	URL    string
	Reason string
	Status int   // the HTTP status, when the server answered
	Err    error // ErrRefused, ErrTooLarge, ErrStatus or the cause
}

func (e *Error) Error() string { return "không tải được " + e.URL + ": " + e.Reason }

func (e *Error) Unwrap() error { return e.Err }

var (
	// ErrRefused is a URL or address the rules forbid: not http(s), not
	// an allowed host, an internal address, too many redirects.
	ErrRefused = errors.New("refused")
	// ErrTooLarge is an answer longer than the cap.
	ErrTooLarge = errors.New("too large")
	// ErrStatus is an answer outside 2xx.
	ErrStatus = errors.New("bad status")
)

// Reasons of the dial guard, turned into words by failure.
var (
	errPrivateAddress  = errors.New("private address")
	errMetadataAddress = errors.New("metadata address")
)

// refused is an Error for a URL the rules forbid.
func refused(shown, reason string) *Error {
	return &Error{URL: shown, Reason: reason, Err: ErrRefused}
}

// failure turns what went wrong while fetching shown into an *Error: the
// guard's refusals and the redirect check's own errors keep their words,
// timeouts and cancellations get theirs, the rest names the network's
// cause.
func failure(shown string, err error) *Error {
	var own *Error
	switch {
	case errors.As(err, &own):
		if own.URL == shown {
			return own
		}
		return &Error{URL: shown, Reason: "chuyển hướng tới " + own.URL + ": " + own.Reason, Status: own.Status, Err: own.Err}
	case errors.Is(err, errPrivateAddress):
		return refused(shown, "địa chỉ nội bộ bị từ chối")
	case errors.Is(err, errMetadataAddress):
		return refused(shown, "địa chỉ dịch vụ siêu dữ liệu của máy chủ đám mây bị từ chối")
	case errors.Is(err, errTooManyRedirects):
		return refused(shown, "chuyển hướng quá "+strconv.Itoa(maxRedirects)+" lần")
	case errors.Is(err, context.Canceled):
		return &Error{URL: shown, Reason: "đã dừng", Err: err}
	}
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()) {
		return &Error{URL: shown, Reason: "hết thời gian chờ", Err: err}
	}
	cause := err
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		cause = urlErr.Err
	}
	return &Error{URL: shown, Reason: "lỗi mạng (" + cause.Error() + ")", Err: err}
}

// FormatBytes writes a size the way the operator set it: "10 MB",
// "64 KB", "1023 byte".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " byte"
}
