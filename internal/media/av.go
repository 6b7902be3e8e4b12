package media

import "strings"

// AVPrefix is where readers get the outputs of videos and audio
// (news.MediaItem's Master, Fallback, Poster, Posters, Captions): the
// site serves only the files of a ready item's folder under it.
const AVPrefix = "/media/av/"

// AVURL returns the address of a video or audio output whose path, as
// news.MediaItem stores it, is relative to the media folder
// ("ab/<hash>/master.m3u8"); "" for "" (an output the item lacks).
// The folder is named after the source's content and files never change
// once the item is ready, so the address may be cached for good.
func AVURL(path string) string {
	if path == "" {
		return ""
	}
	return AVPrefix + strings.TrimPrefix(path, "/")
}
