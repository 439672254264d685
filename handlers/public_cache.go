package handlers

import (
	"strings"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"golang.org/x/sync/singleflight"
)

// PageCache keeps the public venue pages this process rendered, by code,
// for PUBLIC_PAGE_TTL: the page a door sticker sends a crowd to is then
// answered without a query (docs/BENCHMARKS.md, "The public side"). A
// rotation of a code, or a change of a venue through this process, empties
// it at once; another replica's cache keeps a page for at most the TTL
// more, the bound the sessions' cache gives a revoked token (1 s by
// default). Only a venue's own page is kept, not an unknown code's answer.
//
// When a kept page expires under a crowd, one request draws it again and
// the others arriving meanwhile wait for that one (singleflight) instead of
// each sending the same query.
type PageCache struct {
	lru    *expirable.LRU[string, cachedPage]
	flight singleflight.Group
}

// cachedPage is a rendered venue page and its ETag.
type cachedPage struct {
	body []byte
	etag string
}

// pageCacheSize bounds the pages kept (about 3 KB each).
const pageCacheSize = 4096

// NewPageCache is a cache keeping pages for ttl; none (nil) when ttl is 0.
func NewPageCache(ttl time.Duration) *PageCache {
	if ttl <= 0 {
		return nil
	}
	return &PageCache{lru: expirable.NewLRU[string, cachedPage](pageCacheSize, nil, ttl)}
}

// page answers the kept page of code, or draws it with draw and keeps it;
// ok false when draw found no page to keep (then err says why, if it failed).
func (p *PageCache) page(code string, draw func() (cachedPage, bool, error)) (cachedPage, bool, error) {
	if p == nil {
		return draw()
	}
	if got, ok := p.lru.Get(code); ok {
		return got, true, nil
	}
	// The key is copied: Fiber's parameters point into the request's
	// buffer, which the next request reuses.
	key := strings.Clone(code)
	type drawn struct {
		page cachedPage
		ok   bool
	}
	v, err, _ := p.flight.Do(key, func() (any, error) {
		page, ok, err := draw()
		if ok && err == nil {
			p.lru.Add(key, page)
		}
		return drawn{page, ok}, err
	})
	d, _ := v.(drawn)
	return d.page, d.ok, err
}

// Purge forgets every page: a code was rotated or a venue changed.
func (p *PageCache) Purge() {
	if p != nil {
		p.lru.Purge()
	}
}
