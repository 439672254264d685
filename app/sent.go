package app

import (
	"net"
	"sync/atomic"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// Listener is the listener Serve serves on, made from ln: connections
// capped per client address (MAX_CONNS_PER_IP), and the bytes written to
// each counted, for the request log and the metrics.
func Listener(ln net.Listener, cfg Config) net.Listener {
	return &byteListener{Listener: limitConns(ln, cfg.MaxConnsPerIP, cfg.TrustedProxies)}
}

type byteListener struct{ net.Listener }

func (l *byteListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &byteConn{Conn: c}, nil
}

// byteConn counts the bytes written to it.
type byteConn struct {
	net.Conn
	written atomic.Int64
}

func (c *byteConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.written.Add(int64(n))
	return n, err
}

// sentKey is the local under which a request's sentHooks live.
const sentKey = "jiuxiao.sent"

// sentHooks run once an answer has been written: fasthttp closes the
// request's user values that are io.Closers after it has written the
// response, streamed body and all, and flushed it to the connection (or
// failed to). So a streamed ledger is timed to its last byte, not to the
// return of its handler, which only set the stream up.
type sentHooks struct {
	rc    *fasthttp.RequestCtx // outlives the fiber.Ctx, until Close
	conn  *byteConn            // nil when the connection does not count (app.Test)
	start int64
	fns   []func(sent int64)
	done  bool
}

// onSent runs fn with the bytes sent (headers included) once the answer to
// c has been written. Whatever fn needs of c must be read before: c is
// reused once its handler has returned.
func onSent(c *fiber.Ctx, fn func(sent int64)) {
	h, _ := c.Locals(sentKey).(*sentHooks)
	if h == nil {
		h = &sentHooks{rc: c.Context()}
		if bc, ok := c.Context().Conn().(*byteConn); ok {
			h.conn, h.start = bc, bc.written.Load()
		}
		c.Locals(sentKey, h)
	}
	h.fns = append(h.fns, fn)
}

// Close is called by fasthttp once the response is written.
func (h *sentHooks) Close() error {
	if h.done {
		return nil
	}
	h.done = true
	var sent int64
	if h.conn != nil {
		sent = h.conn.written.Load() - h.start
	} else {
		// No counting connection: the response as it stands (a stream is
		// gone by now; its declared length is all there is).
		resp := &h.rc.Response
		sent = int64(len(resp.Header.Header()) + len(resp.Body()))
		if n := resp.Header.ContentLength(); n > 0 && len(resp.Body()) == 0 {
			sent += int64(n)
		}
	}
	for i := len(h.fns) - 1; i >= 0; i-- {
		h.fns[i](sent)
	}
	return nil
}
