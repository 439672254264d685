package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// A split of the machine's cores: the cluster on the first half, the
// service and the load's clients on the rest. It is the shape of a
// deployment, where the database has CPUs of its own, and it makes a rate
// against pgbench say whether the service keeps its database's pace. On
// shared cores the same ratio weighs the service's CPU against the
// database's (docs/BENCHMARKS.md).
type coreSplit struct {
	db, rest, all unix.CPUSet
	restList      string // "1", as taskset reads it
	dbList        string
}

// splitCores halves the cores the harness may run on (none on a machine of
// one core).
func splitCores() coreSplit {
	var all unix.CPUSet
	if err := unix.SchedGetaffinity(0, &all); err != nil || all.Count() < 2 {
		return coreSplit{}
	}
	var cpus []int
	for i := 0; len(cpus) < all.Count(); i++ {
		if all.IsSet(i) {
			cpus = append(cpus, i)
		}
	}
	s := coreSplit{all: all}
	var dbl, restl []string
	for i, cpu := range cpus {
		if i < len(cpus)/2 {
			s.db.Set(cpu)
			dbl = append(dbl, strconv.Itoa(cpu))
		} else {
			s.rest.Set(cpu)
			restl = append(restl, strconv.Itoa(cpu))
		}
	}
	s.dbList, s.restList = strings.Join(dbl, ","), strings.Join(restl, ",")
	return s
}

// pinCluster puts the cluster's postmaster and every process it has
// started on set; backends forked later inherit it from the postmaster.
func (h *harness) pinCluster(set unix.CPUSet) error {
	pm, err := h.postmaster()
	if err != nil {
		return err
	}
	if err := unix.SchedSetaffinity(pm, &set); err != nil {
		return fmt.Errorf("pin the postmaster: %w", err)
	}
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if _, _, ppid, err := procTimes(pid); err == nil && ppid == pm {
			// A backend may exit meanwhile: not an error.
			_ = unix.SchedSetaffinity(pid, &set)
		}
	}
	return nil
}

// pinProcess puts every thread of pid on set (an affinity is a thread's;
// threads started later inherit their starter's).
func pinProcess(pid int, set unix.CPUSet) error {
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil {
		return err
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		if err := unix.SchedSetaffinity(tid, &set); err != nil && err != unix.ESRCH {
			return fmt.Errorf("pin thread %d of %d: %w", tid, pid, err)
		}
	}
	return nil
}

// onCores is the command name with args, run on the cores of list (any
// core for "").
func onCores(ctx context.Context, list, name string, args ...string) *exec.Cmd {
	if list == "" {
		return exec.CommandContext(ctx, name, args...)
	}
	return exec.CommandContext(ctx, "taskset", append([]string{"-c", list, name}, args...)...)
}

// postmaster is the pid of the harness's cluster.
func (h *harness) postmaster() (int, error) {
	b, err := os.ReadFile(filepath.Join(h.pgDir, "data", "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	pm, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		return 0, fmt.Errorf("postmaster.pid: %w", err)
	}
	return pm, nil
}

// splitRun is the task list and pgbench of its SQL at 8 connections, the
// cluster on cores of its own.
type splitRun struct {
	cores         coreSplit
	app, pg       bench
	appCPU, pgCPU string
}

// splitLoad runs the task list (wrk) and then pgbench of its SQL at 8
// connections with the cluster pinned to half the cores and the service,
// wrk and pgbench to the other half; every process goes back to all the
// cores after.
func splitLoad(ctx context.Context, h *harness, r *replica, db, url, script string, officers int, d time.Duration) (run splitRun, err error) {
	run.cores = splitCores()
	if run.cores.dbList == "" {
		return run, nil
	}
	pid := r.cmd.Process.Pid
	defer func() {
		err = errors.Join(err, h.pinCluster(run.cores.all), pinProcess(pid, run.cores.all))
	}()
	if err := h.pinCluster(run.cores.db); err != nil {
		return run, err
	}
	if err := pinProcess(pid, run.cores.rest); err != nil {
		return run, err
	}
	if _, err := runWrk(ctx, url, script, 8, 3*time.Second, run.cores.restList); err != nil { // settle
		return run, err
	}
	cpu := h.cpuFrom(r)
	if run.app, err = runWrk(ctx, url, script, 8, d, run.cores.restList); err != nil {
		return run, err
	}
	run.appCPU = cpu.String()
	cpu = h.cpuFrom(r)
	if run.pg, err = runPgbench(ctx, h, db, officers, 8, d, run.cores.restList); err != nil {
		return run, err
	}
	run.pgCPU = cpu.String()
	return run, nil
}

// result is the run's row of the report, with its checks: the task list
// keeps at least 0.9 of pgbench's rate, and its p99 under 20 ms.
func (run splitRun) result(strict bool) result {
	res := result{Test: "load: task list, the database on its own cores", Lost: "n/a"}
	if run.cores.dbList == "" {
		res.Fault, res.Figure, res.OK = "not run", "one core: nothing to split", true
		return res
	}
	res.Fault = fmt.Sprintf("PostgreSQL on CPU %s; the service, wrk and pgbench on CPU %s; wrk -c8 then pgbench -c8 -M prepared of the same SQL", run.cores.dbList, run.cores.restList)
	ratio := run.app.rps / run.pg.rps
	var c, t checks
	c.expect(run.app.non2xx == 0, "%d task list answers were not 2xx", run.app.non2xx)
	t.expect(ratio >= 0.9, "the task list ran at %.0f%% of pgbench's rate (target ≥ 90%%)", 100*ratio)
	t.expect(run.app.p99 < 20*time.Millisecond, "p99 %s (target < 20 ms)", ms(run.app.p99))
	res.Figure = fmt.Sprintf("app %.0f req/s, p50 %s, p99 %s (CPU: %s); pgbench %.0f tx/s, p50 %s, p99 %s (CPU: %s); app/pgbench %.2f",
		run.app.rps, ms(run.app.p50), ms(run.app.p99), run.appCPU, run.pg.rps, ms(run.pg.p50), ms(run.pg.p99), run.pgCPU, ratio)
	res.OK, res.Details = c.ok() && (t.ok() || !strict), append(c.failed, t.failed...)
	return res
}
