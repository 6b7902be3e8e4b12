package notify

import (
	"bufio"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// smtpServer is a local SMTP listener that records what it receives,
// speaking just enough of RFC 5321 for net/smtp.
type smtpServer struct {
	addr string
	mu   sync.Mutex
	msgs []string
	fail bool
}

func startSMTP(t *testing.T) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := ln.Close(); err != nil {
			t.Error(err)
		}
	})
	s := &smtpServer{addr: ln.Addr().String()}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	return s
}

func (s *smtpServer) serve(conn net.Conn) {
	defer func() { _ = conn.Close() }() // the client's side of the test reports what went wrong
	r := bufio.NewReader(conn)
	say := func(line string) { _, _ = conn.Write([]byte(line + "\r\n")) }
	say("220 localhost ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 localhost")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			s.mu.Lock()
			fail := s.fail
			s.mu.Unlock()
			if fail {
				say("451 thử lại sau")
				continue
			}
			say("250 OK")
		case strings.HasPrefix(cmd, "RCPT TO"):
			say("250 OK")
		case cmd == "DATA":
			say("354 go ahead")
			var msg strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				msg.WriteString(l)
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, msg.String())
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 OK")
		}
	}
}

func (s *smtpServer) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.msgs...)
}

func TestSendQueued(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := startSMTP(t)
		clock := time.Now()
		snd, err := New(st, Config{URL: "smtp://" + srv.addr, From: "Báo Hà Tĩnh <noreply@baohatinh.vn>", Now: func() time.Time { return clock }})
		if err != nil {
			t.Fatal(err)
		}
		sec, _ := st.CreateSection(ctx, news.System(), news.Section{Slug: "x", Name: "X"})
		a, _ := st.CreateArticle(ctx, news.System(), news.Article{Slug: "bai", Title: "Bài", SectionID: sec.ID, Status: news.Published})
		c, err := st.CreateComment(ctx, news.Comment{ArticleID: a.ID, Name: "Lan", Email: "lan@example.vn", Body: "Bài viết rất hữu ích.", Status: news.CommentPending, Notify: true})
		if err != nil {
			t.Fatal(err)
		}
		srv.mu.Lock()
		srv.fail = true
		srv.mu.Unlock()
		_, err = st.Moderate(ctx, news.System(), c.ID, store.Moderation{Status: news.CommentPublished,
			Mail: []store.Mail{{To: "lan@example.vn", Subject: "Bình luận của bạn đã được đăng", Body: "Chào Lan,\nđã đăng."}}})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := snd.SendQueued(ctx); err != nil || n != 0 {
			t.Fatalf("with the server refusing: sent %d, %v", n, err)
		}
		srv.mu.Lock()
		srv.fail = false
		srv.mu.Unlock()
		if n, err := snd.SendQueued(ctx); err != nil || n != 0 {
			t.Fatalf("tried again at once: sent %d, %v", n, err)
		}
		waiting, err := st.UndeliveredMail(ctx, 10)
		if err != nil || len(waiting) != 1 || waiting[0].Attempts != 1 || !strings.Contains(waiting[0].LastError, "451") {
			t.Fatalf("the failed mail in the outbox: %+v %v", waiting, err)
		}
		clock = clock.Add(time.Minute)
		if n, err := snd.SendQueued(ctx); err != nil || n != 1 {
			t.Fatalf("retry a minute later: sent %d, %v", n, err)
		}
		if n, _ := snd.SendQueued(ctx); n != 0 {
			t.Fatalf("sent twice: %d", n)
		}
		msgs := srv.received()
		if len(msgs) != 1 {
			t.Fatalf("received %d messages", len(msgs))
		}
		msg, err := mail.ReadMessage(strings.NewReader(msgs[0]))
		if err != nil {
			t.Fatal(err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || subject != "Bình luận của bạn đã được đăng" || msg.Header.Get("To") != "<lan@example.vn>" {
			t.Fatalf("subject %q (%v), to %q", subject, err, msg.Header.Get("To"))
		}
		body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
		if err != nil || !strings.Contains(string(body), "Chào Lan,\r\nđã đăng.") {
			t.Fatalf("body %q (%v)", body, err)
		}
	})
}

func TestConfig(t *testing.T) {
	t.Parallel()
	if s, err := New(nil, Config{}); s != nil || err != nil {
		t.Fatalf("no URL: %v %v", s, err)
	}
	for _, c := range []Config{{URL: "http://x", From: "a@b.vn"}, {URL: "smtp://", From: "a@b.vn"}, {URL: "smtp://h:25", From: "không phải địa chỉ"}} {
		if _, err := New(nil, c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
}

// A mail server that accepts the connection and then says nothing costs
// one attempt's timeout, and the mail waits in the outbox with its error;
// after every attempt it stays there for a person to see.
func TestStalledServerCannotHangTheOutbox(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // held open, never answered
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
	})
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := time.Now()
		snd, err := New(st, Config{URL: "smtp://" + ln.Addr().String(), From: "noreply@baohatinh.vn", Timeout: 200 * time.Millisecond,
			Now: func() time.Time { return clock }})
		if err != nil {
			t.Fatal(err)
		}
		sec, _ := st.CreateSection(ctx, news.System(), news.Section{Slug: "x", Name: "X"})
		a, _ := st.CreateArticle(ctx, news.System(), news.Article{Slug: "bai", Title: "Bài", SectionID: sec.ID, Status: news.Published})
		c, err := st.CreateComment(ctx, news.Comment{ArticleID: a.ID, Name: "Lan", Body: "Cảm ơn.", Status: news.CommentPending})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Moderate(ctx, news.System(), c.ID, store.Moderation{Status: news.CommentPublished,
			Mail: []store.Mail{{To: "lan@example.vn", Subject: "Đã đăng", Body: "Chào Lan."}}}); err != nil {
			t.Fatal(err)
		}
		for attempt := range MaxAttempts + 2 {
			done := make(chan error, 1)
			go func() { _, err := snd.SendQueued(ctx); done <- err }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("attempt %d: %v", attempt+1, err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("a stalled mail server hung the outbox")
			}
			clock = clock.Add(24 * time.Hour)
		}
		waiting, err := st.UndeliveredMail(ctx, 10)
		if err != nil || len(waiting) != 1 || waiting[0].Attempts != MaxAttempts || waiting[0].LastError == "" {
			t.Fatalf("the mail after every attempt: %+v %v", waiting, err)
		}
	})
}
