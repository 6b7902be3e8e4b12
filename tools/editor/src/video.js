import { Node } from '@tiptap/core';

const EMBED_PREFIX = 'https://www.youtube-nocookie.com/embed/';
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const EMBED_SRC = /^https:\/\/www\.youtube(?:-nocookie)?\.com\/embed\/([A-Za-z0-9_-]{11})(?:[?#].*)?$/;

// youtubeID extracts the video id from the three URL forms editors paste:
// youtube.com/watch?v=ID, youtu.be/ID and youtube.com/shorts/ID (with or
// without scheme, www. or m.). It returns null for anything else.
export function youtubeID(input) {
  let value = String(input || '').trim();
  if (!value) return null;
  if (!/^https?:\/\//i.test(value)) value = 'https://' + value;
  let url;
  try {
    url = new URL(value);
  } catch (err) {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/^(www\.|m\.)/, '');
  let id = null;
  if (host === 'youtu.be') {
    id = url.pathname.split('/')[1];
  } else if (host === 'youtube.com') {
    if (url.pathname === '/watch') {
      id = url.searchParams.get('v');
    } else {
      const m = url.pathname.match(/^\/shorts\/([^/]+)\/?$/);
      if (m) id = m[1];
    }
  }
  return id && VIDEO_ID.test(id) ? id : null;
}

function embedAttrs(videoId) {
  return {
    src: EMBED_PREFIX + videoId,
    width: '560',
    height: '315',
    title: 'Video',
    loading: 'lazy',
    allowfullscreen: '',
  };
}

// removeBar is a video block's bar: its label and a "Xóa video" button
// that deletes the block (current() is the node as it now is).
export function removeBar(editor, getPos, current, label) {
  const bar = document.createElement('div');
  bar.className = 'ed-node-bar';
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'ed-node-remove';
  remove.textContent = 'Xóa video';
  remove.addEventListener('click', () => {
    const pos = getPos();
    if (typeof pos !== 'number') return;
    editor.chain().focus().deleteRange({ from: pos, to: pos + current().nodeSize }).run();
  });
  bar.append(label, remove);
  return bar;
}

// Video is the <figure class="video"><iframe …></figure> block. Only the
// video id is stored, so the iframe markup is always exactly what the site
// renders (privacy-enhanced youtube-nocookie domain, fixed attributes).
export const Video = Node.create({
  name: 'video',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      videoId: { default: null, rendered: false },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure.video',
        getAttrs: (dom) => {
          const iframe = dom.querySelector('iframe');
          const m = iframe && (iframe.getAttribute('src') || '').match(EMBED_SRC);
          return m ? { videoId: m[1] } : false;
        },
      },
    ];
  },

  renderHTML({ node }) {
    return ['figure', { class: 'video' }, ['iframe', embedAttrs(node.attrs.videoId)]];
  },

  addNodeView() {
    return ({ node, editor, getPos }) => {
      const dom = document.createElement('figure');
      dom.className = 'video ed-video';
      // The editor shows YouTube's thumbnail, not the player: the site's CSP
      // (default-src 'self', no frame-src) would block the iframe here, and a
      // live player inside the editable area gets in the way of selecting it.
      const frame = document.createElement('div');
      frame.className = 'ed-video-frame';
      const thumb = document.createElement('img');
      thumb.alt = 'Ảnh xem trước video YouTube';
      thumb.referrerPolicy = 'no-referrer';
      thumb.src = 'https://i.ytimg.com/vi/' + node.attrs.videoId + '/hqdefault.jpg';
      frame.appendChild(thumb);
      const label = document.createElement('span');
      label.textContent = 'Video YouTube: ' + node.attrs.videoId;
      const bar = removeBar(editor, getPos, () => node, label);
      dom.append(frame, bar);
      return {
        dom,
        update(updated) {
          if (updated.type.name !== 'video' || updated.attrs.videoId !== node.attrs.videoId) return false;
          node = updated;
          return true;
        },
        stopEvent: (event) => bar.contains(event.target),
        ignoreMutation: () => true,
      };
    };
  },
});
