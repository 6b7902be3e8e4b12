package media

import (
	"path"
	"path/filepath"
	"strings"
)

// AudioOutput is the file of a normalised audio output, rel as a media
// item's Master names it ("ab/<hash>/audio.m4a"), or false for a path
// that is not one: only .m4a files under the media folder, so that no
// address reaches the inbox, a photo's original or a half-written
// transcode (whose temporary folders start with a dot).
func (l *Library) AudioOutput(rel string) (string, bool) {
	clean := path.Clean(rel)
	if clean != rel || !filepath.IsLocal(filepath.FromSlash(rel)) || path.Ext(rel) != ".m4a" || strings.Contains(rel, "/.") || strings.HasPrefix(rel, ".") {
		return "", false
	}
	return filepath.Join(l.dir, filepath.FromSlash(rel)), true
}
