import { Node } from '@tiptap/core';

import { removeBar } from './video.js';

// The newsroom's list of library videos, for the dialog and for drawing a
// block already in a body (?id=N).
const LIST = '/toasoan/video/chon';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

async function getVideos(url) {
  const resp = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const body = await resp.json().catch(() => null);
  if (!resp.ok) {
    const msg = body && body.error && body.error.message;
    throw new Error(msg || 'Không tải được thư viện video, vui lòng thử lại.');
  }
  return body;
}

function videoLabel(v) {
  return 'Video số ' + v.id + ': ' + v.title + (v.status === 'ready' ? '' : ' (' + v.status_label.toLowerCase() + ')');
}

// LibraryVideo is <figure class="video" data-media-id="N">: a video of the
// paper's own library, which the site draws as its player. Only the id is
// stored (what the sanitizer keeps); the editor shows the poster and title,
// asked of the newsroom.
export const LibraryVideo = Node.create({
  name: 'libraryVideo',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      mediaId: {
        default: null,
        parseHTML: (dom) => dom.getAttribute('data-media-id'),
        renderHTML: (attrs) => ({ 'data-media-id': attrs.mediaId }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-media-id]', priority: 60, getAttrs: (dom) => (/^[0-9]{1,18}$/.test(dom.getAttribute('data-media-id') || '') ? null : false) }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['figure', { class: 'video', ...HTMLAttributes }];
  },

  addNodeView() {
    return ({ node, editor, getPos }) => {
      const dom = el('figure', 'video ed-video ed-library-video');
      dom.dataset.mediaId = node.attrs.mediaId;
      const frame = el('div', 'ed-video-frame');
      const label = el('span', 'ed-library-video-title', 'Video số ' + node.attrs.mediaId);
      const bar = removeBar(editor, getPos, () => node, label);
      dom.append(frame, bar);
      getVideos(LIST + '?id=' + encodeURIComponent(node.attrs.mediaId)).then(
        (body) => {
          const v = body.videos[0];
          label.textContent = videoLabel(v);
          if (v.poster_url) {
            const img = el('img');
            img.src = v.poster_url;
            img.alt = 'Ảnh đại diện của video ' + v.title;
            frame.append(img);
          }
        },
        () => {
          label.textContent = 'Video số ' + node.attrs.mediaId + ' không còn trong thư viện';
        },
      );
      return {
        dom,
        update(updated) {
          if (updated.type.name !== 'libraryVideo' || updated.attrs.mediaId !== node.attrs.mediaId) return false;
          node = updated;
          return true;
        },
        stopEvent: (event) => bar.contains(event.target),
        ignoreMutation: () => true,
      };
    };
  },
});

// pickLibraryVideo opens the dialog of the library's videos (search by
// title, page through) and calls chosen with the one picked. It uses the
// photo picker's look (newsroom.css's nr-picker-*).
export function pickLibraryVideo(chosen) {
  const dialog = el('dialog', 'nr-picker-dialog ed-video-picker');
  dialog.setAttribute('aria-label', 'Chèn video từ thư viện');
  const head = el('div', 'nr-picker-head');
  const close = el('button', 'nr-picker-close', 'Đóng');
  close.type = 'button';
  head.append(el('h2', '', 'Chèn video từ thư viện'), close);

  const search = el('form', 'nr-picker-search');
  search.setAttribute('role', 'search');
  const q = el('input');
  q.type = 'search';
  q.name = 'q';
  q.setAttribute('aria-label', 'Tìm video theo tên');
  q.placeholder = 'Tìm theo tên video…';
  const go = el('button', '', 'Tìm');
  go.type = 'submit';
  search.append(q, go);

  const status = el('p', 'nr-picker-status');
  status.setAttribute('role', 'status');
  const grid = el('ul', 'nr-picker-grid');
  const more = el('button', 'nr-picker-more', 'Xem thêm video');
  more.type = 'button';
  more.hidden = true;
  dialog.append(head, search, status, grid, more);
  document.body.append(dialog);

  let page = 1;
  function item(v) {
    const li = el('li');
    const b = el('button', 'nr-picker-item');
    b.type = 'button';
    b.dataset.mediaId = v.id;
    if (v.poster_url) {
      const img = el('img');
      img.src = v.poster_url;
      img.alt = '';
      img.loading = 'lazy';
      b.append(img);
    }
    b.append(el('span', '', v.title), el('span', '', v.status_label));
    b.addEventListener('click', () => {
      dialog.close();
      chosen(v);
    });
    li.append(b);
    return li;
  }
  async function load(reset) {
    if (reset) {
      page = 1;
      grid.textContent = '';
    }
    status.textContent = 'Đang tải…';
    status.classList.remove('nr-picker-error');
    try {
      const body = await getVideos(LIST + '?q=' + encodeURIComponent(q.value.trim()) + '&trang=' + page);
      body.videos.forEach((v) => grid.append(item(v)));
      more.hidden = !body.more;
      status.textContent = grid.children.length ? '' : 'Không có video nào. Hãy tải video lên ở mục “Video và âm thanh”.';
    } catch (err) {
      status.textContent = err.message;
      status.classList.add('nr-picker-error');
    }
  }
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    load(true);
  });
  more.addEventListener('click', () => {
    page++;
    load(false);
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  dialog.showModal();
  load(true);
}
