// Package notify sends the outbox's emails through an SMTP server. Mail
// is queued in the same transaction as the change it reports (see
// store.Moderate), so a crash never loses a notification nor sends one
// for a change that did not happen; this job delivers them afterwards.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/store"
)

// maxAttempts is how often a mail is tried before it is left for a person.
const maxAttempts = 5

// Config is where mail goes: an smtp:// URL (user and password optional)
// and the sender address. An empty URL turns notifications off.
type Config struct {
	URL  string // smtp://user:pass@host:587
	From string // "Báo Hà Tĩnh <noreply@baohatinh.vn>"
}

// Sender delivers queued mail.
type Sender struct {
	store *store.Store
	addr  string
	auth  smtp.Auth
	host  string
	from  *mail.Address
}

// New checks the configuration; it returns nil, nil when mail is off.
func New(s *store.Store, c Config) (*Sender, error) {
	if c.URL == "" {
		return nil, nil
	}
	u, err := url.Parse(c.URL)
	if err != nil || u.Scheme != "smtp" || u.Host == "" {
		return nil, errors.New("--smtp: cần dạng smtp://người-dùng:mật-khẩu@máy:cổng")
	}
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return nil, fmt.Errorf("--mail-from %q: địa chỉ không hợp lệ", c.From)
	}
	host := u.Hostname()
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(host, "25")
	}
	snd := &Sender{store: s, addr: addr, host: host, from: from}
	if u.User != nil {
		pass, _ := u.User.Password()
		snd.auth = smtp.PlainAuth("", u.User.Username(), pass, host)
	}
	return snd, nil
}

// SendQueued tries every unsent mail once and reports how many went out.
func (s *Sender) SendQueued(ctx context.Context) (int, error) {
	queued, err := s.store.UnsentMail(ctx, maxAttempts, 50)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range queued {
		err := s.send(m.Mail)
		if merr := s.store.MarkMail(ctx, m.ID, err); merr != nil {
			return sent, merr
		}
		if err == nil {
			sent++
		}
	}
	return sent, nil
}

func (s *Sender) send(m store.Mail) error {
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return fmt.Errorf("address %q: %w", m.To, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\n", s.from.String(), to.String(), mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", time.Now().Format(time.RFC1123Z))
	b.WriteString(strings.ReplaceAll(m.Body, "\n", "\r\n"))
	return smtp.SendMail(s.addr, s.auth, s.from.Address, []string{to.Address}, []byte(b.String()))
}

// Run delivers mail every interval until ctx ends.
func (s *Sender) Run(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := s.SendQueued(ctx); err != nil && ctx.Err() == nil {
			log.Error("sending mail failed", "err", err)
		} else if n > 0 {
			log.Info("mail sent", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
