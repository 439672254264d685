package handlers

import (
	"runtime"
	"syscall"
)

// backgroundThread runs the calling goroutine, until it ends, on an OS
// thread of its own at a lower CPU priority (10 nice levels below the
// process): a ledger's build gives way to the short requests beside it, and
// to PostgreSQL answering them, whenever the machine is busy. The thread
// ends with the goroutine (it is never unlocked), so no other goroutine
// inherits its priority.
func backgroundThread() {
	runtime.LockOSThread()
	raw, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0) // Linux answers 20 - nice
	if err != nil {
		return
	}
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), min(20-raw+10, 19))
}
