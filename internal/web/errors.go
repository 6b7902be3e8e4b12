package web

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/httpstatus"
	"github.com/toasoan/toasoan/internal/news"
)

// handlerFunc is a handler that returns its failure instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc: the one place errors become status pages.
func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// statusOf maps an error code to its HTTP status.
func statusOf(code news.Code) int { return httpstatus.Of(code) }

// fail writes the Vietnamese error page for err; internal errors are
// logged here and nowhere else, and their details never reach the reader.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(news.ErrorCode(err))
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	s.renderError(w, r, status, news.ErrorMessage(err))
}

// notFound answers every request no route took: unknown paths, and other
// methods than GET on the reader's pages.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.renderError(w, r, http.StatusMethodNotAllowed, "Trang này chỉ để đọc.")
		return nil
	}
	return news.Errorf(news.NotFound, "Không tìm thấy trang bạn yêu cầu. Có thể bài viết đã được gỡ hoặc đường dẫn bị sai.")
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	if err := s.store.Ping(r.Context()); err != nil {
		http.Error(w, "cơ sở dữ liệu không trả lời", http.StatusServiceUnavailable)
		return nil
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
	return nil
}
