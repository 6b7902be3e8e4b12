// Entry point: turns every <textarea data-editor> into a TipTap editor whose
// HTML is written back to the textarea, so the article form posts as usual.
// Without this script the textarea stays a plain, working HTML field.

import { Editor, Extension, getHTMLFromFragment } from '@tiptap/core';
import { Fragment } from '@tiptap/pm/model';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import { OrderedList } from '@tiptap/extension-list';

import { Figure } from './figure.js';
import { Video, youtubeID } from './video.js';
import { LibraryVideo, pickLibraryVideo } from './library-video.js';
import { cleanPastedHTML, pastedForeignImages } from './paste.js';
import { isSafeHref, normalizeHref } from './links.js';
import { uploadImage, imageFiles, ACCEPTED_TYPES } from './upload.js';
import { createToolbar } from './toolbar.js';

const MSG = {
  uploading: 'Đang tải ảnh lên…',
  uploaded: 'Đã chèn ảnh. Hãy thêm chú thích, nguồn ảnh và mô tả ảnh.',
  waitUpload: 'Ảnh đang được tải lên, vui lòng đợi xong rồi lưu bài.',
  badLink: 'Chỉ nhận liên kết bắt đầu bằng http://, https:// hoặc mailto:',
  badVideo: 'Chỉ nhận đường dẫn YouTube',
  foreignImages: 'Ảnh trong nội dung dán không được giữ lại; hãy dùng nút “Chèn ảnh”.',
};

// The site renders only <a href>; target, rel and class are not stored.
const SiteLink = Link.extend({
  addAttributes() {
    return { href: this.parent().href };
  },
});

// Ordered lists are plain <ol>: no start or type attributes.
const SiteOrderedList = OrderedList.extend({
  addAttributes() {
    return {};
  },
  renderHTML() {
    return ['ol', 0];
  },
});

function createStatus() {
  const el = document.createElement('div');
  el.className = 'ed-status';
  el.setAttribute('role', 'status');
  el.setAttribute('aria-live', 'polite');
  const set = (text, isError) => {
    el.textContent = text;
    el.classList.toggle('ed-status-error', Boolean(isError));
  };
  return {
    el,
    info: (text) => set(text, false),
    error: (text) => set(text, true),
    clear: () => set('', false),
  };
}

// serialize is what the form posts: the document without top-level empty
// paragraphs. Those are never article content, but the editor makes them
// (one is kept after a final figure so the cursor can get past it, and
// pasting blocks into an empty line leaves it behind). An empty article
// posts "".
function serialize(editor) {
  const blocks = [];
  editor.state.doc.forEach((node) => {
    if (node.type.name !== 'paragraph' || node.content.size > 0) blocks.push(node);
  });
  return blocks.length ? getHTMLFromFragment(Fragment.from(blocks), editor.schema) : '';
}

// insertBlock inserts a figure or video at the cursor. When a block (a
// previous figure or video) is selected it goes after it instead of
// replacing it, so several images can be added in a row.
function insertBlock(editor, content) {
  const { selection } = editor.state;
  const chain = editor.chain().focus();
  if (selection instanceof NodeSelection) chain.insertContentAt(selection.to, content).run();
  else chain.insertContent(content).run();
}

function labelFor(textarea) {
  const label = textarea.id && document.querySelector('label[for="' + CSS.escape(textarea.id) + '"]');
  return (label && label.textContent.trim()) || textarea.getAttribute('aria-label') || 'Nội dung bài viết';
}

function mountEditor(textarea) {
  if (textarea.dataset.editorMounted) return;
  textarea.dataset.editorMounted = 'true';

  const wrapper = document.createElement('div');
  wrapper.className = 'ed';
  const status = createStatus();
  const content = document.createElement('div');
  const fileInput = document.createElement('input');
  fileInput.type = 'file';
  fileInput.accept = ACCEPTED_TYPES;
  fileInput.multiple = true;
  fileInput.hidden = true;
  fileInput.tabIndex = -1;

  let pendingUploads = 0;
  let editor = null;

  async function uploadFiles(files) {
    for (const file of files) {
      pendingUploads++;
      wrapper.classList.add('ed-busy');
      status.info(MSG.uploading);
      try {
        const attrs = await uploadImage(file);
        insertBlock(editor, { type: 'figure', attrs });
        status.info(MSG.uploaded);
      } catch (err) {
        status.error(err.message);
      } finally {
        pendingUploads--;
        if (!pendingUploads) wrapper.classList.remove('ed-busy');
      }
    }
  }

  const actions = {
    link() {
      const current = editor.getAttributes('link').href || '';
      const input = window.prompt('Địa chỉ liên kết (https://…)', current);
      if (input === null) return;
      if (!input.trim()) {
        editor.chain().focus().extendMarkRange('link').unsetLink().run();
        status.clear();
        return;
      }
      const href = normalizeHref(input);
      if (!href) {
        status.error(MSG.badLink);
        editor.commands.focus();
        return;
      }
      status.clear();
      if (editor.state.selection.empty && !editor.isActive('link')) {
        editor.chain().focus().insertContent({ type: 'text', text: input.trim(), marks: [{ type: 'link', attrs: { href } }] }).run();
      } else {
        editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
      }
    },
    image() {
      fileInput.click();
    },
    video() {
      const input = window.prompt('Dán đường dẫn YouTube', '');
      if (input === null || !input.trim()) return;
      const id = youtubeID(input);
      if (!id) {
        status.error(MSG.badVideo);
        editor.commands.focus();
        return;
      }
      status.clear();
      insertBlock(editor, { type: 'video', attrs: { videoId: id } });
    },
  };
  // A video of the paper's own library, where the page asks for it
  // (data-library-videos: article bodies, which the site draws players in).
  if ('libraryVideos' in textarea.dataset) {
    actions.libraryVideo = () => {
      pickLibraryVideo((v) => {
        status.clear();
        insertBlock(editor, { type: 'libraryVideo', attrs: { mediaId: String(v.id) } });
      });
    };
  }

  const Shortcuts = Extension.create({
    name: 'toasoanShortcuts',
    addKeyboardShortcuts() {
      return {
        'Mod-k': () => {
          actions.link();
          return true;
        },
      };
    },
  });

  editor = new Editor({
    element: content,
    content: textarea.value,
    editable: !textarea.readOnly && !textarea.disabled,
    // TipTap's default CSS is a <style> tag, which the page's CSP forbids;
    // editor.css carries the few rules it needs.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        link: false,
        orderedList: false,
        heading: { levels: [2, 3] },
      }),
      SiteOrderedList,
      SiteLink.configure({
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        // http, https and mailto are linkify's built-ins; isAllowedUri is
        // what actually restricts links to those three schemes.
        protocols: [],
        HTMLAttributes: { target: null, rel: null, class: null },
        isAllowedUri: (url) => isSafeHref(url),
        shouldAutoLink: (url) => isSafeHref(url) || isSafeHref('https://' + url),
      }),
      Figure,
      Video,
      LibraryVideo,
      Shortcuts,
    ],
    editorProps: {
      attributes: {
        class: 'ed-content',
        'aria-label': labelFor(textarea),
        'aria-multiline': 'true',
      },
      transformPastedHTML(html) {
        const clean = cleanPastedHTML(html);
        if (pastedForeignImages(clean)) status.info(MSG.foreignImages);
        return clean;
      },
      handlePaste(view, event) {
        const data = event.clipboardData;
        const files = imageFiles(data && data.files);
        if (!files.length) return false;
        // Word also puts a picture of the copied text on the clipboard; when
        // there is real HTML text, paste that and ignore the picture.
        const html = data.getData('text/html');
        if (html && html.replace(/<[^>]*>/g, '').trim()) return false;
        uploadFiles(files);
        return true;
      },
      handleDrop(view, event, slice, moved) {
        if (moved) return false;
        const files = imageFiles(event.dataTransfer && event.dataTransfer.files);
        if (!files.length) return false;
        event.preventDefault();
        // A drop lands imprecisely; put the image after the paragraph under
        // the pointer instead of splitting that paragraph mid-word.
        const pos = view.posAtCoords({ left: event.clientX, top: event.clientY });
        if (pos) {
          const $pos = view.state.doc.resolve(pos.pos);
          const at = $pos.parent.isTextblock ? $pos.end() : pos.pos;
          view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(at))));
        }
        uploadFiles(files);
        return true;
      },
    },
    onUpdate: ({ editor: ed }) => {
      textarea.value = serialize(ed);
    },
  });

  fileInput.addEventListener('change', () => {
    const files = imageFiles(fileInput.files);
    fileInput.value = '';
    if (files.length) uploadFiles(files);
  });

  if (textarea.form) {
    textarea.form.addEventListener('submit', (event) => {
      if (pendingUploads) {
        event.preventDefault();
        status.error(MSG.waitUpload);
        return;
      }
      textarea.value = serialize(editor);
    });
  }

  // Another script (the article form's, restoring a story kept in this
  // browser) replaces the content by sending "editor:replace" to the
  // textarea with the HTML as detail.
  textarea.addEventListener('editor:replace', (event) => {
    editor.commands.setContent(String(event.detail || ''));
    textarea.value = serialize(editor);
  });

  // The textarea's <label> now points at a hidden field; send its clicks to the editor.
  if (textarea.labels) {
    Array.from(textarea.labels).forEach((label) => label.addEventListener('click', () => editor.commands.focus()));
  }

  wrapper.append(createToolbar(editor, actions), status.el, content, fileInput);
  textarea.hidden = true;
  textarea.style.display = 'none';
  textarea.insertAdjacentElement('afterend', wrapper);
}

function mountAll() {
  document.querySelectorAll('textarea[data-editor]').forEach(mountEditor);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', mountAll);
} else {
  mountAll();
}
