package newsroom

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/notify"
	"github.com/toasoan/toasoan/internal/store"
)

// outboxPage lists the notification mail not sent yet, with why.
type outboxPage struct {
	pageLayout
	Mail        []store.OutboxMail
	MaxAttempts int
}

func (s *Server) showOutbox(w http.ResponseWriter, r *http.Request, ss *session) error {
	mail, err := s.store.UndeliveredMail(r.Context(), 200)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "outbox", outboxPage{pageLayout: s.pageLayout(r, ss, "Thư chưa gửi"), Mail: mail, MaxAttempts: notify.MaxAttempts})
}
