//go:build !linux

package transcode

import "syscall"

// sysProcAttr starts ffmpeg and ffprobe in a process group of their own,
// so a timeout kills the whole group. Other systems have no death signal
// for children: a server killed outright leaves its ffmpeg to its timeout.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
