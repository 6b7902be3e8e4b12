package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// version is what this binary is: its module version, the commit it was
// built from (with "+dirty" for uncommitted changes) and that commit's
// time, all from the build information Go embeds.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "toasoan (không có thông tin bản dựng)"
	}
	v := info.Main.Version
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if settings["vcs.modified"] == "true" {
			rev += "+dirty"
		}
		v += " " + rev
	}
	if t := settings["vcs.time"]; t != "" {
		v += " " + t
	}
	return "toasoan " + v + " " + info.GoVersion
}

func runVersion(stdout io.Writer) error {
	_, err := fmt.Fprintln(stdout, version())
	return err
}
