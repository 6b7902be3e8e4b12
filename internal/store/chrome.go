package store

import (
	"slices"
	"sync"

	"github.com/toasoan/toasoan/internal/news"
)

// chrome keeps what every page reads and editors rarely change (the
// site's settings and its sections) in memory. A change to either reports
// the key "site" (see changed), locally or from another server through
// Listen, and drops it; a read that raced with a change is not kept.
type chrome struct {
	mu         sync.Mutex
	generation uint64
	site       *news.Site
	sections   []news.Section
}

// begin returns the generation a read starts in.
func (c *chrome) begin() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.generation
}

func (c *chrome) cachedSite() (news.Site, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.site == nil {
		return news.Site{}, false
	}
	return *c.site, true
}

func (c *chrome) cachedSections() ([]news.Section, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sections), c.sections != nil
}

func (c *chrome) keepSite(gen uint64, site news.Site) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.generation {
		c.site = &site
	}
}

func (c *chrome) keepSections(gen uint64, secs []news.Section) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.generation {
		if secs == nil {
			secs = []news.Section{}
		}
		c.sections = slices.Clone(secs)
	}
}

// forget drops everything kept.
func (c *chrome) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.generation++
	c.site, c.sections = nil, nil
}

// forgetFor drops what keys say changed.
func (c *chrome) forgetFor(keys []string) {
	if slices.Contains(keys, "site") {
		c.forget()
	}
}
