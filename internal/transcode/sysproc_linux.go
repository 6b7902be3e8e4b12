package transcode

import "syscall"

// sysProcAttr starts ffmpeg and ffprobe in a process group of their own
// (so a timeout kills the whole group) and, on Linux, asks the kernel to
// kill them when the server dies: a server killed by kill -9 or the OOM
// killer runs none of its own clean-up, and an orphaned ffmpeg would go on
// writing into a temporary folder for up to its timeout, holding a CPU
// that the restarted server's job needs. The signal is sent when the OS
// thread that started the program exits; the Go runtime keeps its threads
// for the life of the process (no goroutine here locks one), so in
// practice that is when the server dies.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
