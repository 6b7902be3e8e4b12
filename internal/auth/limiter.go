package auth

import (
	"container/list"
	"sync"
	"time"
)

// DefaultMaxKeys bounds a Limiter's memory: 100 000 keys holding a handful
// of timestamps each (sign-in limits are small) come to a few tens of
// megabytes at worst.
const DefaultMaxKeys = 100_000

// Limiter allows at most Max events per key within a sliding Window, to slow
// password guessing per account and per address. It keeps a log of the
// times of allowed events per key (a sliding window log) rather than
// approximating with counters: the numbers involved are small (a handful of
// sign-in attempts), so the log is cheap, and it is exact, so "5 attempts
// per 15 minutes" means exactly that and RetryAfter can say when the next
// attempt will be accepted.
//
// Refused events are not recorded. Recording them would let the log grow
// without bound and would keep a key blocked for as long as someone keeps
// knocking, which locks the real owner out; guessing is capped at Max per
// Window either way.
//
// Memory is bounded: keys whose events have all expired are dropped as the
// limiter is used, and when MaxKeys keys are live the key whose last event is
// oldest is evicted. Eviction forgets a key's history, so an attacker able to
// create MaxKeys fresh keys within a Window could clear a block; that costs
// far more than the guesses it buys, and unbounded memory is the worse risk.
//
// A Limiter is safe for concurrent use. Its zero value is not usable; call
// NewLimiter.
type Limiter struct {
	// MaxKeys is the most keys tracked at once. Set it, if at all, before the
	// Limiter is first used.
	MaxKeys int

	max    int
	window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	keys  map[string]*list.Element // value: *keyLog
	order *list.List               // front: oldest last event
}

// keyLog is one key's allowed events, oldest first, at most max of them.
type keyLog struct {
	key    string
	events []time.Time
}

// NewLimiter returns a Limiter allowing max events per key within window.
// now is the clock (time.Now when nil), so tests can move time by hand
// instead of sleeping. Like time.NewTicker it panics on a non-positive max or
// window: that is a programming error, found at start-up.
func NewLimiter(max int, window time.Duration, now func() time.Time) *Limiter {
	if max < 1 || window <= 0 {
		panic("auth: NewLimiter needs max >= 1 and window > 0")
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{
		MaxKeys: DefaultMaxKeys,
		max:     max,
		window:  window,
		now:     now,
		keys:    make(map[string]*list.Element),
		order:   list.New(),
	}
}

// Allow records an event for key and reports whether it is within the
// limit. A refused event is not recorded (see Limiter).
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.dropExpired(now)
	el := l.keys[key]
	if el == nil {
		l.evictForNew()
		el = l.order.PushBack(&keyLog{key: key})
		l.keys[key] = el
	}
	kl := el.Value.(*keyLog)
	kl.prune(now, l.window)
	if len(kl.events) >= l.max {
		return false
	}
	kl.events = append(kl.events, now)
	l.order.MoveToBack(el)
	return true
}

// Blocked reports, without recording anything, whether key is at its limit
// now, so that the next Allow would be refused. A sign-in form uses it to
// refuse before spending an argon2 hash on a blocked account.
func (l *Limiter) Blocked(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.liveEvents(key, l.now()) >= l.max
}

// Reset forgets key's events, e.g. after a successful sign-in, so that the
// owner's earlier typos do not count against them.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el := l.keys[key]; el != nil {
		l.remove(el)
	}
}

// RetryAfter returns how long until key may have another event: zero when it
// is not blocked, otherwise the time until its oldest counted event leaves the
// window. The web layer sends it as a Retry-After header and in the message.
func (l *Limiter) RetryAfter(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if l.liveEvents(key, now) < l.max {
		return 0
	}
	kl := l.keys[key].Value.(*keyLog)
	return kl.events[len(kl.events)-l.max].Add(l.window).Sub(now)
}

// Recent reports how many events key has within the window, and when the
// last of them was (zero when none).
func (l *Limiter) Recent(key string) (int, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.liveEvents(key, l.now())
	if n == 0 {
		return 0, time.Time{}
	}
	kl := l.keys[key].Value.(*keyLog)
	return n, kl.events[n-1]
}

// liveEvents prunes key's expired events and returns how many remain.
func (l *Limiter) liveEvents(key string, now time.Time) int {
	el := l.keys[key]
	if el == nil {
		return 0
	}
	kl := el.Value.(*keyLog)
	kl.prune(now, l.window)
	if len(kl.events) == 0 {
		l.remove(el)
		return 0
	}
	return len(kl.events)
}

// dropExpired removes keys whose last event has left the window. The list
// is ordered by last event, so it stops at the first live key: the cost is
// paid once per key, spread over the calls.
func (l *Limiter) dropExpired(now time.Time) {
	for el := l.order.Front(); el != nil; el = l.order.Front() {
		kl := el.Value.(*keyLog)
		if len(kl.events) > 0 && now.Sub(kl.events[len(kl.events)-1]) < l.window {
			return
		}
		l.remove(el)
	}
}

// evictForNew makes room for one more key by evicting the keys whose last
// event is oldest.
func (l *Limiter) evictForNew() {
	limit := max(l.MaxKeys, 1)
	for len(l.keys) >= limit {
		l.remove(l.order.Front())
	}
}

func (l *Limiter) remove(el *list.Element) {
	delete(l.keys, el.Value.(*keyLog).key)
	l.order.Remove(el)
}

// prune drops events that are window or more old.
func (kl *keyLog) prune(now time.Time, window time.Duration) {
	i := 0
	for i < len(kl.events) && now.Sub(kl.events[i]) >= window {
		i++
	}
	if i > 0 {
		kl.events = append(kl.events[:0], kl.events[i:]...)
	}
}

// len returns how many keys are tracked, for tests of the memory bound.
func (l *Limiter) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.keys)
}
