package app

import (
	"bufio"
	"net"
	"strings"
	"testing"
	"time"
)

// acceptAll accepts connections and keeps them open until the test ends.
func acceptAll(t *testing.T, l net.Listener) chan net.Conn {
	t.Helper()
	conns := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns <- c
		}
	}()
	t.Cleanup(func() { l.Close() })
	return conns
}

func TestLimitConns(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := acceptAll(t, limitConns(ln, 2, nil))
	dial := func() net.Conn {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	// Ensure a third connection from one address is answered 429 and
	// closed while two are open, and that a place freed is given again.
	dial()
	dial()
	first := <-accepted
	<-accepted
	over := dial()
	_ = over.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, err := bufio.NewReader(over).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "HTTP/1.1 429") {
		t.Fatalf("the connection over the cap read %q (%v), want a 429", line, err)
	}
	first.Close()
	dial()
	select {
	case <-accepted:
	case <-time.After(5 * time.Second):
		t.Fatal("a freed place was not given to a new connection")
	}
}

func TestLimitConnsTrustedProxy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// Ensure connections from a trusted proxy are not capped.
	accepted := acceptAll(t, limitConns(ln, 1, []string{"127.0.0.0/8"}))
	for range 3 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		select {
		case <-accepted:
		case <-time.After(5 * time.Second):
			t.Fatal("a proxy's connection was refused")
		}
	}
}
