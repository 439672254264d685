package notify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
)

// ErrRefusedAddress is a receiver whose address is internal and not allowed.
var ErrRefusedAddress = errors.New("refused: the address is private, loopback or link-local and not in WEBHOOK_ALLOW_HOSTS")

// newClient is the HTTP client of deliveries: no proxy (it would hide the
// address), no redirects followed (a 3xx is an answer, and not 2xx), and a
// dialer that checks the address it connects to — after resolution, so that
// a name resolving to 127.0.0.1 is refused like 127.0.0.1 — unless the host
// name itself is on the allow-list.
func newClient(allow models.AllowList, perHost int) *http.Client {
	plain := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	guarded := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !allow.AllowsAddr(ap.Addr()) {
				return fmt.Errorf("%w (%s)", ErrRefusedAddress, address)
			}
			return nil
		}}
	tr := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if err == nil && allow.AllowsHost(host) {
				return plain.DialContext(ctx, network, addr)
			}
			return guarded.DialContext(ctx, network, addr)
		},
		ForceAttemptHTTP2:   true,
		MaxIdleConns:        256,
		MaxIdleConnsPerHost: max(perHost, 2),
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 5 * time.Second,
	}
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
