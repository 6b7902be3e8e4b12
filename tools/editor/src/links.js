// Link checks shared by the Link extension, the link prompt and the paste
// cleaner. The site renders only http, https and mailto links, so anything
// else (javascript:, data:, relative paths) is refused here rather than
// stored and stripped later by the server.

const SAFE_HREF = /^(https?:\/\/[^\s/?#]+|mailto:[^\s@]+@[^\s@]+)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
const DOMAIN = /^[^\s/@:]+\.[a-z]{2,}([/:?#]|$)/i;
// Control characters and whitespace inside an address are how "java\tscript:"
// style tricks get past naive checks; a real address never needs them.
const UNSAFE_CHARS = /[\u0000-\u0020\u007f-\u009f\u00a0\u2028\u2029]/;

// isSafeHref reports whether href may be stored as a link target.
export function isSafeHref(href) {
  return typeof href === 'string' && !UNSAFE_CHARS.test(href) && SAFE_HREF.test(href);
}

// normalizeHref turns what an editor typed into the prompt into a safe href,
// or returns null when it must be refused. Bare domains get https://, bare
// e-mail addresses get mailto:.
export function normalizeHref(input) {
  const value = input.trim();
  if (!value || UNSAFE_CHARS.test(value)) return null;
  let href = value;
  if (HAS_SCHEME.test(value)) {
    href = value;
  } else if (value.startsWith('//')) {
    href = 'https:' + value;
  } else if (EMAIL.test(value)) {
    href = 'mailto:' + value;
  } else if (DOMAIN.test(value)) {
    href = 'https://' + value;
  } else {
    return null;
  }
  return isSafeHref(href) ? href : null;
}
