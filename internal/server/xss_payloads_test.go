package server_test

import (
	"fmt"
	"strings"
)

// xssVectors are ways of running script that sanitizers and templates
// have missed somewhere: tags, handlers, URLs, encodings, parser quirks.
// Each calls __xss(N) (or a dialog) so a page that runs one says which.
var xssVectors = []string{
	`<script>__xss(%d)</script>`,
	`<img src=x onerror=__xss(%d)>`,
	`<svg onload=__xss(%d)>`,
	`<svg><script>__xss(%d)</script></svg>`,
	`<body onload=__xss(%d)>`,
	`<iframe src="javascript:__xss(%d)"></iframe>`,
	`<iframe srcdoc="<script>parent.__xss(%d)</script>"></iframe>`,
	`<a href="javascript:__xss(%d)">bấm</a>`,
	`<a href="JaVaScRiPt:__xss(%d)">bấm</a>`,
	`<a href="jav&#x09;ascript:__xss(%d)">bấm</a>`,
	`<a href=" &#14;javascript:__xss(%d)">bấm</a>`,
	`<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss(%d)">bấm</a>`,
	`<details open ontoggle=__xss(%d)>`,
	`<input autofocus onfocus=__xss(%d)>`,
	`<select autofocus onfocus=__xss(%d)></select>`,
	`<textarea autofocus onfocus=__xss(%d)></textarea>`,
	`<video><source onerror=__xss(%d)></video>`,
	`<audio src=x onerror=__xss(%d)>`,
	`<marquee onstart=__xss(%d)>chữ</marquee>`,
	`<object data="javascript:__xss(%d)"></object>`,
	`<embed src="javascript:__xss(%d)">`,
	`<form action="javascript:__xss(%d)"><button>gửi</button></form>`,
	`<button formaction="javascript:__xss(%d)">gửi</button>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=__xss(%d)>`,
	`<noscript><p title="</noscript><img src=x onerror=__xss(%d)>">`,
	`<!--<img src="--><img src=x onerror=__xss(%d)//">`,
	`<scr<script>ipt>__xss(%d)</scr</script>ipt>`,
	`"><script>__xss(%d)</script>`,
	`'><img src=x onerror=__xss(%d)>`,
	`" onmouseover="__xss(%d)" x="`,
	`' autofocus onfocus='__xss(%d)' x='`,
	`</textarea><script>__xss(%d)</script>`,
	`</title><script>__xss(%d)</script>`,
	`</script><script>__xss(%d)</script>`,
	`</style><script>__xss(%d)</script>`,
	`%%3Cscript%%3E__xss(%d)%%3C/script%%3E`,
	`&lt;script&gt;__xss(%d)&lt;/script&gt;`,
	`<img src="x` + "`" + `onerror=__xss(%d)>`,
	`<svg><a xlink:href="javascript:__xss(%d)"><text x="9" y="9">chữ</text></a></svg>`,
	`<meta http-equiv="refresh" content="0;url=javascript:__xss(%d)">`,
	`<base href="javascript:__xss(%d)//">`,
	`<link rel="stylesheet" href="javascript:__xss(%d)">`,
	`<div style="background:url(javascript:__xss(%d))">chữ</div>`,
	`<img src=x onerror="alert(%d)">`,
	`javascript:__xss(%d)`,
	`data:text/html,<script>__xss(%d)</script>`,
	`{{__xss(%d)}}`,
	`${__xss(%d)}`,
	`<img src=x onerror=__xss&#40;%d&#41;>`,
	`<svg/onload=__xss(%d)>`,
	`<isindex type=image src=1 onerror=__xss(%d)>`,
	`<table background="javascript:__xss(%d)"></table>`,
}

// xssWrappers put a vector where it has to break out of something, in the
// Vietnamese around it that the comment rules ask for.
var xssWrappers = []string{
	"%s",
	"Bài viết rất hay, tôi đồng ý. %s",
	"Cảm ơn báo %s đã đưa tin",
}

// xssPayloads are at least a hundred payloads: every vector in each
// wrapper, numbered so a hit names its payload.
func xssPayloads() []string {
	var out []string
	for _, w := range xssWrappers {
		for _, v := range xssVectors {
			out = append(out, fmt.Sprintf(w, fmt.Sprintf(v, len(out)+1)))
		}
	}
	return out
}

// payloadLine is a payload on one line, for the inputs that take a line.
func payloadLine(p string) string { return strings.ReplaceAll(p, "\n", " ") }
