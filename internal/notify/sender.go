// Package notify sends the outbox's emails through an SMTP server, with
// go-mail (a maintained client: STARTTLS when offered, the server's own
// authentication methods, deadlines on every step). Mail is queued in the
// same transaction as the change it reports (see store.Moderate), so a
// crash never loses a notification nor sends one for a change that did
// not happen; this job delivers them afterwards. A mail server that
// stalls costs one attempt's timeout, never the outbox: a failed mail is
// tried again later with growing waits, and after MaxAttempts it stays in
// the outbox with its error, shown in the newsroom.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/toasoan/toasoan/internal/store"
)

// MaxAttempts is how often a mail is tried before it is left for a person.
const MaxAttempts = 5

// retryWaits are the waits after each failed attempt.
var retryWaits = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour}

// Config is where mail goes: an smtp:// URL (user and password optional;
// smtps:// for a server that speaks TLS from the start) and the sender
// address. An empty URL turns notifications off.
type Config struct {
	URL     string        // smtp://user:pass@host:587
	From    string        // "Báo Hà Tĩnh <noreply@baohatinh.vn>"
	Timeout time.Duration // for connecting and for each SMTP step; default 10s
	Now     func() time.Time
}

// Sender delivers queued mail.
type Sender struct {
	store   *store.Store
	host    string
	options []gomail.Option
	from    *mail.Address
	now     func() time.Time
}

// New checks the configuration; it returns nil, nil when mail is off.
func New(s *store.Store, c Config) (*Sender, error) {
	if c.URL == "" {
		return nil, nil
	}
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, errors.New("--smtp: cần dạng smtp://người-dùng:mật-khẩu@máy:cổng")
	}
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return nil, fmt.Errorf("--mail-from %q: địa chỉ không hợp lệ", c.From)
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	port := 25
	if u.Scheme == "smtps" {
		port = 465
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil || port < 1 || port > 65535 {
			return nil, errors.New("--smtp: cổng không hợp lệ")
		}
	}
	opts := []gomail.Option{gomail.WithPort(port), gomail.WithTimeout(c.Timeout)}
	if u.Scheme == "smtps" {
		opts = append(opts, gomail.WithSSLPort(false))
	} else {
		opts = append(opts, gomail.WithTLSPortPolicy(gomail.TLSOpportunistic))
	}
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	return &Sender{store: s, host: u.Hostname(), options: opts, from: from, now: c.Now}, nil
}

// SendQueued tries every mail that is due once and reports how many went
// out. A failure is recorded on the mail, with when to try it again.
func (s *Sender) SendQueued(ctx context.Context) (int, error) {
	now := s.now()
	queued, err := s.store.UnsentMail(ctx, now, MaxAttempts, 50)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range queued {
		err := s.send(ctx, m.Mail)
		retry := now.Add(retryWaits[min(m.Attempts, len(retryWaits)-1)])
		if merr := s.store.MarkMail(ctx, m.ID, err, retry); merr != nil {
			return sent, merr
		}
		if err == nil {
			sent++
		}
	}
	return sent, nil
}

func (s *Sender) send(ctx context.Context, m store.Mail) error {
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return fmt.Errorf("address %q: %w", m.To, err)
	}
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	msg.ToMailAddress(to)
	msg.Subject(m.Subject)
	msg.SetDateWithValue(s.now())
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	client, err := gomail.NewClient(s.host, s.options...)
	if err != nil {
		return err
	}
	return client.DialAndSendWithContext(ctx, msg)
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
