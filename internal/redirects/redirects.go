// Package redirects keeps the paper's old addresses working: the table of
// old paths that answer 301 to their new page or 410 for what was removed
// on purpose. It is the one door for the newsroom's page, the command
// line and the site, which asks it (Resolve) before answering 404.
package redirects

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// Service manages and answers redirects. Its hit counts are kept in
// memory and written by RunHits, so one Service serves the whole process.
type Service struct {
	store *store.Store
	now   func() time.Time
	hits  hitCounter
}

// New makes the service; now defaults to time.Now.
func New(s *store.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: s, now: now}
}

// Add sets, on actor's authority, what the site answers at old: 301 to
// target, or 410 (target empty). A redirect the old address had is
// replaced (replaced says so).
func (s *Service) Add(ctx context.Context, actor news.Actor, old, target string, status news.RedirectStatus) (r news.Redirect, replaced bool, err error) {
	if err := actor.Require(news.ManageRedirects); err != nil {
		return r, false, err
	}
	if r, err = news.NewRedirect(old, target, status, news.FromNewsroom); err != nil {
		return r, false, err
	}
	return s.store.SaveRedirect(ctx, actor, r)
}

// Remove deletes a redirect on actor's authority.
func (s *Service) Remove(ctx context.Context, actor news.Actor, id int64) error {
	if err := actor.Require(news.ManageRedirects); err != nil {
		return err
	}
	return s.store.DeleteRedirect(ctx, actor, id)
}

// List is one page of the redirects that match query (words or an
// address), the latest first, with how many match in all.
func (s *Service) List(ctx context.Context, actor news.Actor, query string, limit, offset int) ([]news.Redirect, int, error) {
	if err := actor.Require(news.ManageRedirects); err != nil {
		return nil, 0, err
	}
	f := store.RedirectFilter{Query: query, Limit: limit, Offset: offset}
	total, err := s.store.CountRedirects(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	list, err := s.store.Redirects(ctx, f)
	return list, total, err
}

// Answer is what the site answers at an address when no page of its own
// does.
type Answer struct {
	Address  string // the address as it was asked about
	Found    bool
	Redirect news.Redirect // when Found
}

// Message says the answer in the newsroom's words.
func (a Answer) Message() string {
	switch {
	case !a.Found:
		return "Không có chuyển hướng: trang báo trả lời 404 (không tìm thấy), trừ khi địa chỉ là một trang đang có."
	case a.Redirect.Status == news.Gone:
		return fmt.Sprintf("410: trang báo trả lời «Nội dung này đã được gỡ bỏ» (quy tắc %s).", a.Redirect.From)
	}
	return fmt.Sprintf("301: chuyển đến %s (quy tắc %s).", a.Redirect.To, a.Redirect.From)
}

// Test says what the site would answer at address (a path or a whole
// URL, as a reader would follow it). It counts no hit.
func (s *Service) Test(ctx context.Context, address string) (Answer, error) {
	a := Answer{Address: address}
	p, q, err := news.SplitAddress(address)
	if err != nil {
		return a, err
	}
	keys := withoutHome(news.RedirectKeys(p, q))
	if len(keys) == 0 && !slices.Contains(news.RedirectKeys(p, q), "/") {
		_, err := news.OldPath(address) // says what is wrong with it
		return a, err
	}
	a.Redirect, err = s.store.RedirectFor(ctx, keys)
	if news.ErrorCode(err) == news.NotFound {
		return a, nil
	}
	a.Found = err == nil
	return a, err
}

// Resolve is the redirect for a request the site found nothing at: its
// path as the client sent it (escaped) and its query. ok is false when
// there is none. A hit is counted.
func (s *Service) Resolve(ctx context.Context, escapedPath, rawQuery string) (r news.Redirect, ok bool, err error) {
	r, err = s.store.RedirectFor(ctx, withoutHome(news.RedirectKeys(escapedPath, rawQuery)))
	switch {
	case news.ErrorCode(err) == news.NotFound:
		return r, false, nil
	case err != nil:
		return r, false, err
	}
	s.hits.add(r.ID, s.now())
	return r, true, nil
}

// withoutHome leaves out the home page's address, which is never
// redirected (news.Redirect.Validate): "/?utm_source=x" needs no read.
func withoutHome(keys []string) []string {
	return slices.DeleteFunc(keys, func(k string) bool { return k == "/" })
}

// RunHits writes the hits counted in memory every interval until ctx
// ends, then once more.
func (s *Service) RunHits(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if err := s.FlushHits(ctx); err != nil {
				log.Warn("redirect hits not written; kept for the next try", "err", err)
			}
		case <-ctx.Done():
			last, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			if err := s.FlushHits(last); err != nil {
				log.Warn("redirect hits lost at shutdown", "err", err)
			}
			cancel()
			return
		}
	}
}

// FlushHits writes the hits counted since the last flush; on failure they
// are kept for the next one.
func (s *Service) FlushHits(ctx context.Context) error {
	pending := s.hits.take()
	if err := s.store.AddRedirectHits(ctx, pending); err != nil {
		s.hits.putBack(pending)
		return err
	}
	return nil
}
