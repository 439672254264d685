package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// userHZ is the unit of the CPU times in /proc/<pid>/stat (USER_HZ, 100 on
// every Linux the harness runs on).
const userHZ = 100

// procTimes reads a process's CPU time from /proc/<pid>/stat: its own
// (utime + stime) and that of its children it has waited for (cutime +
// cstime), and its parent's pid.
func procTimes(pid int) (own, reaped time.Duration, ppid int, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, 0, err
	}
	// The command (field 2) is in parentheses and may hold spaces.
	s := string(b)
	end := strings.LastIndexByte(s, ')')
	if end < 0 {
		return 0, 0, 0, fmt.Errorf("/proc/%d/stat: %q", pid, s)
	}
	f := strings.Fields(s[end+1:]) // f[0] is field 3, the state
	if len(f) < 15 {
		return 0, 0, 0, fmt.Errorf("/proc/%d/stat: %q", pid, s)
	}
	tick := func(i int) time.Duration {
		n, _ := strconv.ParseInt(f[i-3], 10, 64)
		return time.Duration(n) * time.Second / userHZ
	}
	ppid, _ = strconv.Atoi(f[1])
	return tick(14) + tick(15), tick(16) + tick(17), ppid, nil
}

// clusterCPU is the CPU time the cluster of the harness has used: the
// postmaster's, its running backends', and that of the backends that have
// exited (the postmaster waits for each).
func (h *harness) clusterCPU() (time.Duration, error) {
	pm, err := h.postmaster()
	if err != nil {
		return 0, err
	}
	// A backend reaped while its siblings are read would be counted twice
	// or not at all (at the end of a pgbench run, its clients' backends
	// all exit at once): read again until none was reaped meanwhile.
	for try := 0; ; try++ {
		_, before, _, err := procTimes(pm)
		if err != nil {
			return 0, err
		}
		var live time.Duration
		dirs, _ := os.ReadDir("/proc")
		for _, d := range dirs {
			pid, err := strconv.Atoi(d.Name())
			if err != nil {
				continue
			}
			if own, _, ppid, err := procTimes(pid); err == nil && ppid == pm {
				live += own
			}
		}
		own, after, _, err := procTimes(pm)
		if err != nil {
			return 0, err
		}
		if after == before || try == 20 {
			return own + after + live, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// cpuShare measures the cores PostgreSQL and the service used during a
// phase of the load, from /proc.
type cpuShare struct {
	h          *harness
	pid        int
	wall       time.Time
	pg, server time.Duration
}

func (h *harness) cpuFrom(r *replica) cpuShare {
	c := cpuShare{h: h, pid: r.cmd.Process.Pid, wall: time.Now()}
	c.pg, _ = h.clusterCPU()
	c.server, _, _, _ = procTimes(c.pid)
	return c
}

// String is the cores each used since cpuFrom: "PostgreSQL 1.15 cores,
// the service 0.70".
func (c cpuShare) String() string {
	wall := time.Since(c.wall).Seconds()
	pg, err := c.h.clusterCPU()
	server, _, _, err2 := procTimes(c.pid)
	if err != nil || err2 != nil || wall <= 0 {
		return "CPU not read"
	}
	return fmt.Sprintf("PostgreSQL %.2f cores, the service %.2f", (pg-c.pg).Seconds()/wall, (server-c.server).Seconds()/wall)
}
