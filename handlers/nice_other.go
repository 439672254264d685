//go:build !linux

package handlers

// backgroundThread lowers the priority of ledger builds on Linux only.
func backgroundThread() {}
