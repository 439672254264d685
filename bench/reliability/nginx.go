package main

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// nginxHost is the site's server_name in deploy/nginx/jiuxiao.conf.
const nginxHost = "jiuxiao.example.org"

// nginx: the service behind a real nginx running deploy/nginx/jiuxiao.conf
// (its ports, upstream and certificate changed, nothing else), with
// TRUSTED_PROXIES=127.0.0.1. A client on 127.0.0.2 that sends a made-up
// X-Forwarded-For is logged with its own address; photos up to the limit
// go through, bigger ones are refused; a city's ledgers arrive whole and
// the same as straight from the service.
func nginxStep(ctx context.Context, h *harness) error {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		if bin, err = exec.LookPath("/usr/sbin/nginx"); err != nil {
			return errors.New("nginx is not installed (scripts/reliability.sh installs Debian's package)")
		}
	}
	const db = "rel_nginx"
	venues := envInt("JX_NGINX_VENUES", 20_000)
	if err := h.freshDB(ctx, db, venues); err != nil {
		return err
	}
	r, err := h.startReplica(ctx, "replica1", db, map[string]string{"TRUSTED_PROXIES": "127.0.0.1", "MAX_PHOTO_MB": "10"})
	if err != nil {
		return err
	}
	hc := httpClient(5 * time.Minute)
	tokens, err := loginAll(ctx, hc, r.base, []string{"admin", "sup-lc", "off-dcf-1-g1"})
	if err != nil {
		return err
	}
	if res, err := call(ctx, hc, "POST", r.base+"/api/v1/schedules/generate", tokens["admin"], map[string]any{}, nil); err != nil || res.Status != 200 {
		return fmt.Errorf("generate: %v %d %s", err, res.Status, res.Body)
	}

	dir, err := os.MkdirTemp("", "jiuxiao-nginx.")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// nginx's workers run as nobody when the harness is root: they must
	// reach the folder and write its temporary files.
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	pool, err := selfSigned(dir)
	if err != nil {
		return err
	}
	httpsPort, err := freePort()
	if err != nil {
		return err
	}
	httpPort, err := freePort()
	if err != nil {
		return err
	}
	conf, err := nginxConf(h.root, dir, r.port, httpsPort, httpPort)
	if err != nil {
		return err
	}
	if out, err := exec.CommandContext(ctx, bin, "-t", "-p", dir, "-c", conf).CombinedOutput(); err != nil {
		return fmt.Errorf("nginx -t: %v: %s", err, out)
	}
	logf, err := os.Create(filepath.Join(h.out, "nginx.log"))
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd := exec.Command(bin, "-p", dir, "-c", conf)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
		_ = copyFile(filepath.Join(dir, "error.log"), filepath.Join(h.out, "nginx-error.log"))
		_ = copyFile(filepath.Join(dir, "access.log"), filepath.Join(h.out, "nginx-access.log"))
	}()

	// The client: TLS to nginx as jiuxiao.example.org, from 127.0.0.2.
	from := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}
	dialer := &net.Dialer{Timeout: 5 * time.Second, LocalAddr: from}
	viaNginx := &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: nginxHost},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, "127.0.0.1:"+strconv.Itoa(httpsPort))
		},
	}, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	direct := &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{DialContext: dialer.DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	site := "https://" + nginxHost
	var up error
	for range 100 {
		var res reply
		if res, up = call(ctx, viaNginx, "GET", site+"/readyz", "", nil, nil); up == nil && res.Status == 200 {
			break
		} else if up == nil {
			up = fmt.Errorf("/readyz through nginx: %d", res.Status)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if up != nil {
		b, _ := os.ReadFile(filepath.Join(h.out, "nginx.log"))
		return fmt.Errorf("nginx does not answer: %v: %s", up, tail(b, 600))
	}

	var c checks
	figures := []string{}

	// Client addresses: nginx overwrites X-Forwarded-For with the address it
	// saw; the service trusts it from nginx only.
	forged := map[string]string{"X-Forwarded-For": "203.0.113.7"}
	ipOf := func(rid string) string {
		for range 100 {
			for _, l := range r.logLines() {
				if l["msg"] == "request" && l["request_id"] == rid {
					s, _ := l["ip"].(string)
					return s
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		return "(no request line)"
	}
	forged["X-Request-ID"] = "nginx-ip-via"
	res, err := call(ctx, viaNginx, "GET", site+"/api/v1/me", tokens["sup-lc"], nil, forged)
	c.expect(err == nil && res.Status == 200, "GET /me through nginx: %v %d", err, res.Status)
	viaIP := ipOf("nginx-ip-via")
	c.expect(viaIP == "127.0.0.2", "through nginx with a forged X-Forwarded-For the service logged %s, want the client's 127.0.0.2", viaIP)
	forged["X-Request-ID"] = "nginx-ip-direct"
	res, err = call(ctx, direct, "GET", r.base+"/api/v1/me", tokens["sup-lc"], nil, forged)
	c.expect(err == nil && res.Status == 200, "GET /me straight: %v %d", err, res.Status)
	directIP := ipOf("nginx-ip-direct")
	c.expect(directIP == "127.0.0.2", "straight from 127.0.0.2 with a forged X-Forwarded-For the service logged %s (it trusts only 127.0.0.1)", directIP)
	figures = append(figures, fmt.Sprintf("client on 127.0.0.2 with a forged X-Forwarded-For logged as %s through nginx, %s straight", viaIP, directIP))

	res, err = call(ctx, direct, "GET", "http://127.0.0.1:"+strconv.Itoa(httpPort)+"/api/v1/me", "", nil, nil)
	loc := res.Header.Get("Location")
	c.expect(err == nil && res.Status == 301 && strings.HasPrefix(loc, "https://") && strings.HasSuffix(loc, "/api/v1/me"),
		"plain HTTP is not sent to HTTPS: %v %d %s", err, res.Status, loc)
	res, err = call(ctx, viaNginx, "GET", site+"/metrics", "", nil, nil)
	c.expect(err == nil && res.Status == 404, "/metrics through nginx: %v %d", err, res.Status)

	// Uploads: up to the service's limit through nginx; past it, 413 from
	// the service (problem JSON) or, past the site's own limit, from nginx.
	upCodes := []string{}
	for _, u := range []struct {
		size, want int
		by         string
	}{{9<<20 + 512<<10, 201, "the service"}, {10<<20 + 512<<10, 413, "the service"}, {12 << 20, 413, "nginx"}} {
		body, ctype := form("IMG_big.jpg", "image/jpeg", padded(u.size), "")
		res, err := call(ctx, viaNginx, "POST", site+"/api/v1/photos", tokens["off-dcf-1-g1"], body, map[string]string{"Content-Type": ctype})
		if err != nil {
			c.fail("upload of %d bytes through nginx: %v", u.size, err)
			continue
		}
		c.expect(res.Status == u.want, "upload of %d bytes through nginx: %d, want %d: %s", u.size, res.Status, u.want, tail(res.Body, 200))
		problem := strings.Contains(res.Header.Get("Content-Type"), "problem+json")
		c.expect(u.want != 413 || problem == (u.by == "the service"), "upload of %d bytes: the 413 should come from %s (%s)", u.size, u.by, res.Header.Get("Content-Type"))
		upCodes = append(upCodes, fmt.Sprintf("%.1f MB %d", float64(u.size)/(1<<20), res.Status))
	}
	figures = append(figures, "uploads "+strings.Join(upCodes, ", "))

	// Ledgers: streamed through, whole, the same bytes as straight.
	for _, path := range []string{"/api/v1/exports/inspections.csv", "/api/v1/exports/inspections.xlsx"} {
		start := time.Now()
		rid := "nginx-ledger-" + filepath.Base(path)
		via, err := call(ctx, viaNginx, "GET", site+path, tokens["sup-lc"], nil, map[string]string{"X-Request-ID": rid})
		took := time.Since(start)
		if err != nil || via.Status != 200 {
			c.fail("%s through nginx: %v %d", path, err, via.Status)
			continue
		}
		straight, err := call(ctx, direct, "GET", r.base+path, tokens["sup-lc"], nil, nil)
		if err != nil || straight.Status != 200 {
			c.fail("%s straight: %v %d", path, err, straight.Status)
			continue
		}
		if strings.HasSuffix(path, ".csv") {
			c.expect(bytes.Equal(via.Body, straight.Body), "%s: %d bytes through nginx, %d straight, not the same", path, len(via.Body), len(straight.Body))
			rows := bytes.Count(via.Body, []byte("\n"))
			figures = append(figures, fmt.Sprintf("%s %d lines, %d KB in %s, same as straight", filepath.Base(path), rows, len(via.Body)>>10, took.Round(time.Millisecond)))
		} else {
			_, zerr := zip.NewReader(bytes.NewReader(via.Body), int64(len(via.Body)))
			c.expect(zerr == nil, "%s through nginx is not a whole zip: %v", path, zerr)
			figures = append(figures, fmt.Sprintf("%s %d KB, a whole zip", filepath.Base(path), len(via.Body)>>10))
		}
		var sent float64
		for _, l := range r.logLines() {
			if l["msg"] == "request" && l["request_id"] == rid {
				sent, _ = l["bytes"].(float64)
			}
		}
		c.expect(int(sent) >= len(via.Body), "%s: the service's request line says %v bytes sent for a body of %d", path, sent, len(via.Body))
	}
	replicaChecks(&c, r)
	h.record(result{Test: "nginx: deploy/nginx/jiuxiao.conf in front",
		Fault:  fmt.Sprintf("Debian's nginx with TLS and TRUSTED_PROXIES=127.0.0.1; a client on 127.0.0.2; %d venues", venues),
		Figure: strings.Join(figures, "; "), Lost: "n/a", OK: c.ok(), Details: c.failed})
	return nil
}

// nginxConf writes an nginx.conf in dir around the site of deploy/nginx,
// with the upstream, the ports and the certificate changed, and returns its path.
func nginxConf(root, dir string, upstream, httpsPort, httpPort int) (string, error) {
	raw, err := os.ReadFile(filepath.Join(root, "deploy/nginx/jiuxiao.conf"))
	if err != nil {
		return "", err
	}
	site := string(raw)
	for _, rep := range [][2]string{
		{"server 127.0.0.1:8080;", fmt.Sprintf("server 127.0.0.1:%d;", upstream)},
		{"    listen [::]:80;\n", ""},
		{"    listen [::]:443 ssl http2;\n", ""},
		{"listen 80;", fmt.Sprintf("listen 127.0.0.1:%d;", httpPort)},
		{"listen 443 ssl http2;", fmt.Sprintf("listen 127.0.0.1:%d ssl http2;", httpsPort)},
		{"/etc/ssl/jiuxiao/fullchain.pem", filepath.Join(dir, "cert.pem")},
		{"/etc/ssl/jiuxiao/privkey.pem", filepath.Join(dir, "key.pem")},
	} {
		if !strings.Contains(site, rep[0]) {
			return "", fmt.Errorf("deploy/nginx/jiuxiao.conf has no %q any more: change nginx.go with it", rep[0])
		}
		site = strings.ReplaceAll(site, rep[0], rep[1])
	}
	if err := os.WriteFile(filepath.Join(dir, "site.conf"), []byte(site), 0o644); err != nil {
		return "", err
	}
	for _, t := range []string{"body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		if err := os.MkdirAll(filepath.Join(dir, t), 0o777); err != nil {
			return "", err
		}
		_ = os.Chmod(filepath.Join(dir, t), 0o777)
	}
	main := fmt.Sprintf(`daemon off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log info;
events { worker_connections 512; }
http {
    access_log %[1]s/access.log;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[1]s/site.conf;
}
`, dir)
	path := filepath.Join(dir, "nginx.conf")
	return path, os.WriteFile(path, []byte(main), 0o644)
}

// selfSigned writes a certificate for nginxHost and its key into dir and
// returns a pool that trusts it.
func selfSigned(dir string) (*x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: nginxHost},
		DNSNames: []string{nginxHost}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "cert.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	defer out.Close()
	_, err = io.Copy(out, in)
	return err
}
