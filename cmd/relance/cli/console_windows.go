//go:build windows

package cli

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1: attach to the console of
// the process that started us. x/sys/windows has neither it nor AttachConsole.
const attachParentProcess = ^uint32(0)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachParentConsole lets the command line print on Windows. The release build is
// linked with -H=windowsgui so that starting it from Explorer opens no console window;
// the price is that the process starts with no console at all, and `relance --help`
// typed in cmd.exe or PowerShell would print nothing. So when the parent has a
// console we attach to it and point the standard streams that have nowhere to go at
// it. Streams the user redirected to a file or a pipe are left alone.
//
// Call it only when the command line asks for text (help, version, a subcommand),
// never before opening the window: a process attached to a console is killed when
// that console is closed. The shell does not wait for a GUI program, so its prompt
// may come back before our output; that is the known cost of one binary for both.
func attachParentConsole() {
	out, errOut, in := needsConsole(windows.STD_OUTPUT_HANDLE),
		needsConsole(windows.STD_ERROR_HANDLE), needsConsole(windows.STD_INPUT_HANDLE)
	if !out && !errOut && !in {
		return
	}
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return // started from Explorer, or the parent has no console
	}
	if out || errOut {
		if f, err := os.OpenFile("CONOUT$", os.O_RDWR, 0); err == nil {
			if out {
				os.Stdout = f
				_ = windows.SetStdHandle(windows.STD_OUTPUT_HANDLE, windows.Handle(f.Fd()))
			}
			if errOut {
				os.Stderr = f
				_ = windows.SetStdHandle(windows.STD_ERROR_HANDLE, windows.Handle(f.Fd()))
				// The standard logger (and slog's default handler through it) kept
				// the os.Stderr of program start.
				log.SetOutput(f)
			}
		}
	}
	if in {
		if f, err := os.OpenFile("CONIN$", os.O_RDWR, 0); err == nil {
			os.Stdin = f
			_ = windows.SetStdHandle(windows.STD_INPUT_HANDLE, windows.Handle(f.Fd()))
		}
	}
}

// needsConsole reports whether the standard handle id leads nowhere: a GUI process
// started from a console gets a null or invalid handle, while a redirection to a
// file, a pipe or a console gives a handle of a known type.
func needsConsole(id uint32) bool {
	h, err := windows.GetStdHandle(id)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return true
	}
	t, err := windows.GetFileType(h)
	return err != nil || t == windows.FILE_TYPE_UNKNOWN
}
