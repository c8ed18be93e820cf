//go:build !windows

package cli

// attachParentConsole does nothing here: only Windows GUI-subsystem programs start
// without the terminal's standard streams (see console_windows.go).
func attachParentConsole() {}
