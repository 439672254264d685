package app

import (
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// limitConns caps the connections open at once from one client address to
// max (0: no cap), so that one client cannot hold every connection with
// half-sent requests. Connections from a trusted proxy, which carry many
// clients, are not capped. One over the cap is answered 429 and closed.
func limitConns(ln net.Listener, max int, trusted []string) net.Listener {
	if max <= 0 {
		return ln
	}
	l := &connLimiter{Listener: ln, max: max, open: map[netip.Addr]int{}}
	for _, t := range trusted {
		t = strings.TrimSpace(t)
		if p, err := netip.ParsePrefix(t); err == nil {
			l.trusted = append(l.trusted, p.Masked())
		} else if a, err := netip.ParseAddr(t); err == nil {
			l.trusted = append(l.trusted, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
		}
	}
	return l
}

type connLimiter struct {
	net.Listener
	max     int
	trusted []netip.Prefix
	mu      sync.Mutex
	open    map[netip.Addr]int
}

// tooMany is the whole answer to a connection over the cap.
const tooMany = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

func (l *connLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ap, err := netip.ParseAddrPort(c.RemoteAddr().String())
		if err != nil {
			return c, nil // not an IP peer: nothing to count by
		}
		addr := ap.Addr().Unmap()
		if l.isTrusted(addr) {
			return c, nil
		}
		l.mu.Lock()
		if l.open[addr] >= l.max {
			l.mu.Unlock()
			go func() {
				_ = c.SetWriteDeadline(time.Now().Add(time.Second))
				_, _ = c.Write([]byte(tooMany))
				_ = c.Close()
			}()
			continue
		}
		l.open[addr]++
		l.mu.Unlock()
		return &countedConn{Conn: c, release: func() { l.release(addr) }}, nil
	}
}

func (l *connLimiter) isTrusted(a netip.Addr) bool {
	for _, p := range l.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func (l *connLimiter) release(a netip.Addr) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[a]--; l.open[a] <= 0 {
		delete(l.open, a)
	}
}

// countedConn gives its place back once, when closed.
type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
