package news

import "strconv"

// MediaKey is one video or audio item: the pages that play it, which
// show a notice instead until it is ready.
func MediaKey(id int64) Key { return "media:" + Key(strconv.FormatInt(id, 10)) }

// VideosKey is the list of video stories (/tv/) and the video sitemap: a
// video becoming ready can add a story to them.
const VideosKey Key = "videos"
