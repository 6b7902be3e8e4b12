// cleanPastedHTML tidies HTML pasted from Word and Google Docs before the
// schema sees it. The schema already drops elements it does not know; this
// removes what the schema would misread: Word's list bullets and <o:p>,
// Google Docs' all-wrapping <b id="docs-internal-guid-…">, and styling
// attributes. Bold and italic expressed only as inline styles (Google Docs)
// are turned into <strong>/<em> first so they survive.

const KEEP_ATTRS = new Set([
  'href', 'src', 'alt', 'width', 'height', 'title',
  'data-image-id', 'data-pm-slice', 'loading', 'allowfullscreen',
]);
const DROP_TAGS = 'style, script, meta, link, title, xml, template, object, embed';
const BLOCK_TAGS = /^(P|H[1-6]|UL|OL|LI|DIV|BLOCKQUOTE|FIGURE|TABLE|HR|PRE)$/;
const BOLD_WEIGHT = /^(bold|bolder|[6-9]00)$/;

function unwrap(node) {
  const parent = node.parentNode;
  while (node.firstChild) parent.insertBefore(node.firstChild, node);
  parent.removeChild(node);
}

function rename(node, tag) {
  const doc = node.ownerDocument;
  const next = doc.createElement(tag);
  while (node.firstChild) next.appendChild(node.firstChild);
  for (const attr of Array.from(node.attributes)) next.setAttribute(attr.name, attr.value);
  node.parentNode.replaceChild(next, node);
  return next;
}

function wrapChildren(node, tag) {
  const wrapper = node.ownerDocument.createElement(tag);
  while (node.firstChild) wrapper.appendChild(node.firstChild);
  node.appendChild(wrapper);
}

// Parsing a style attribute, even in a DOMParser document, counts as applying
// an inline style under the page's CSP (style-src 'self'): Chrome blocks it
// and logs a violation per element. So <style> blocks are cut and style
// attributes renamed to data-ed-style in the string, before any parsing.
function neutralizeStyles(html) {
  return html
    .replace(/<style[\s\S]*?<\/style\s*>/gi, '')
    .replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/(\s)style(\s*=)/gi, '$1data-ed-style$2'));
}

function styleAttr(node) {
  return node.getAttribute('data-ed-style') || '';
}

// styleOf reads an inline style property without relying on the browser's
// CSS parser, which drops the mso-* properties we need to detect.
function styleOf(node, prop) {
  const style = styleAttr(node);
  const m = style.match(new RegExp('(?:^|;)\\s*' + prop + '\\s*:\\s*([^;]+)', 'i'));
  return m ? m[1].trim().toLowerCase() : '';
}

// wordLists turns Word's list paragraphs (<p style="mso-list:l0 level1 lfo1">
// with the bullet in a mso-list:Ignore span) into real <ul>/<ol> lists.
// Nesting is flattened: the site's lists are one level deep in practice.
function wordLists(body) {
  const items = Array.from(body.querySelectorAll('p')).filter((p) => /mso-list\s*:/i.test(styleAttr(p)));
  let list = null;
  let last = null;
  for (const p of items) {
    let marker = '';
    for (const span of Array.from(p.querySelectorAll('span'))) {
      if (/mso-list\s*:\s*ignore/i.test(styleAttr(span))) {
        marker += span.textContent;
        span.remove();
      }
    }
    const ordered = /^\s*[0-9a-z]{1,4}[.)]/i.test(marker);
    const tag = ordered ? 'OL' : 'UL';
    if (!list || last !== p.previousElementSibling || list.tagName !== tag) {
      list = body.ownerDocument.createElement(tag);
      p.parentNode.insertBefore(list, p);
    }
    const li = body.ownerDocument.createElement('li');
    while (p.firstChild) li.appendChild(p.firstChild);
    p.remove();
    list.appendChild(li);
    last = list;
  }
}

function isEmpty(node) {
  return !node.querySelector('img, br, hr, iframe') && node.textContent.replace(/[\s\u00a0]/g, '') === '';
}

export function cleanPastedHTML(html) {
  const doc = new DOMParser().parseFromString(neutralizeStyles(html), 'text/html');
  const body = doc.body;
  if (!body) return '';

  body.querySelectorAll(DROP_TAGS).forEach((n) => n.remove());
  // Word's <o:p> marks paragraph ends (often just &nbsp;) and its VML shapes
  // (<v:shape>) carry no text; other Office tags such as <st1:place> smart
  // tags wrap real words, so those keep their text.
  Array.from(body.getElementsByTagName('*'))
    .filter((n) => n.tagName.indexOf(':') > 0)
    .forEach((n) => {
      if (!n.parentNode) return;
      if (/^(O:P|V:)/.test(n.tagName)) n.remove();
      else unwrap(n);
    });

  // Google Docs wraps the whole clipboard in <b style="font-weight:normal"
  // id="docs-internal-guid-…">; any <b> explicitly set to normal weight is not bold.
  body.querySelectorAll('b, strong').forEach((b) => {
    const weight = styleOf(b, 'font-weight');
    if (/^docs-internal-guid/.test(b.id) || weight === 'normal' || weight === '400') unwrap(b);
  });

  wordLists(body);

  // Inline-style formatting (Google Docs) becomes real marks.
  body.querySelectorAll('span').forEach((span) => {
    if (BOLD_WEIGHT.test(styleOf(span, 'font-weight'))) wrapChildren(span, 'strong');
    if (styleOf(span, 'font-style') === 'italic') wrapChildren(span, 'em');
  });

  // The site has two heading levels below the article title.
  body.querySelectorAll('h1').forEach((h) => rename(h, 'h2'));
  body.querySelectorAll('h4, h5, h6').forEach((h) => rename(h, 'h3'));

  body.querySelectorAll('*').forEach((node) => {
    const keepClass =
      (node.tagName === 'FIGURE' && node.classList.contains('video')) ||
      (node.tagName === 'SPAN' && node.classList.contains('credit') && node.closest('figcaption'));
    for (const attr of Array.from(node.attributes)) {
      if (attr.name === 'class' && keepClass) continue;
      if (!KEEP_ATTRS.has(attr.name)) node.removeAttribute(attr.name);
    }
    if (keepClass) node.className = node.tagName === 'FIGURE' ? 'video' : 'credit';
  });

  // Word pastes an empty <p><o:p>&nbsp;</o:p></p> between paragraphs and
  // Google Docs a bare <br>; both would become empty paragraphs.
  body.querySelectorAll('p, h2, h3, li').forEach((n) => {
    if (isEmpty(n)) n.remove();
  });
  const hasBlocks = Array.from(body.children).some((n) => BLOCK_TAGS.test(n.tagName));
  if (hasBlocks) {
    Array.from(body.children)
      .filter((n) => n.tagName === 'BR')
      .forEach((n) => n.remove());
  }
  return body.innerHTML;
}

// pastedForeignImages reports whether cleaned HTML still holds <img> outside
// our figures: those images live on someone else's disk or server and are
// dropped by the schema, so the editor should say so.
export function pastedForeignImages(html) {
  if (!/<img/i.test(html)) return false;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return Array.from(doc.querySelectorAll('img')).some((img) => !img.closest('figure[data-image-id]'));
}
