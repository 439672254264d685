package models

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"
)

// WebhookRules are where webhooks may be sent: https only unless
// RequireHTTPS is false (development and test), and never to a private,
// loopback, link-local or otherwise internal address unless Allow names it.
type WebhookRules struct {
	RequireHTTPS bool
	Allow        AllowList
}

// AllowList is the admins' list of internal receivers (WEBHOOK_ALLOW_HOSTS):
// host names, which may then resolve to any address, and addresses or
// CIDRs, which may be dialled whatever name led to them.
type AllowList struct {
	Hosts    []string
	Prefixes []netip.Prefix
}

// ParseAllowList reads comma-separated host names, addresses and CIDRs.
func ParseAllowList(entries []string) (AllowList, error) {
	var a AllowList
	for _, e := range entries {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
		case strings.Contains(e, "/"):
			p, err := netip.ParsePrefix(e)
			if err != nil {
				return a, fmt.Errorf("%q is not a CIDR", e)
			}
			a.Prefixes = append(a.Prefixes, p.Masked())
		default:
			if ip, err := netip.ParseAddr(strings.Trim(e, "[]")); err == nil {
				a.Prefixes = append(a.Prefixes, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
			} else {
				a.Hosts = append(a.Hosts, strings.ToLower(e))
			}
		}
	}
	return a, nil
}

// AllowsHost reports whether the host name itself is on the list.
func (a AllowList) AllowsHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, h := range a.Hosts {
		if h == host {
			return true
		}
	}
	return false
}

// AllowsAddr reports whether a webhook may connect to ip: a public address,
// or one the list names.
func (a AllowList) AllowsAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, p := range a.Prefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return !internalAddr(ip)
}

// internalRanges are reserved ranges that netip's predicates do not name:
// this network, shared address space (CGNAT), IETF protocol assignments,
// benchmarking, NAT64 and the documentation ranges.
var internalRanges = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// internalAddr is an address no webhook should reach unless allowed:
// loopback, private, link-local (cloud metadata lives there), multicast,
// unspecified, and the reserved ranges.
func internalAddr(ip netip.Addr) bool {
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range internalRanges {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// CheckURL checks a webhook URL as far as it can be checked without
// resolving it: the scheme, a host, no credentials, and an address literal
// or a localhost name that the rules refuse. A host name is checked again
// when it is dialled (the address it resolves to then). The error names the
// field.
func (r WebhookRules) CheckURL(field, raw string) error {
	u, err := url.Parse(raw)
	switch {
	case raw == "" || len(raw) > 2000:
		return Invalid(field, "must be an absolute URL of at most 2000 characters")
	case err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "":
		return Invalid(field, "must be an absolute URL such as https://example.com/hooks")
	case u.Scheme != "https" && u.Scheme != "http":
		return Invalid(field, "must be an https URL")
	case u.Scheme == "http" && r.RequireHTTPS:
		return Invalid(field, "must be an https URL (http is allowed in development and test only)")
	case u.User != nil:
		return Invalid(field, "must not hold a user name or password")
	case u.Fragment != "":
		return Invalid(field, "must not hold a #fragment")
	}
	host := u.Hostname()
	if r.Allow.AllowsHost(host) {
		return nil
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if !r.Allow.AllowsAddr(ip) {
			return Invalid(field, "points to a private, loopback or link-local address; an admin must allow it in WEBHOOK_ALLOW_HOSTS")
		}
		return nil
	}
	lower := strings.ToLower(strings.TrimSuffix(host, "."))
	if lower == "localhost" || strings.HasSuffix(lower, ".localhost") || !strings.Contains(lower, ".") {
		return Invalid(field, "must name a public host (a name with a domain); an admin may allow internal ones in WEBHOOK_ALLOW_HOSTS")
	}
	return nil
}
