// The toolbar: real <button type="button"> elements in a role="toolbar" with
// one tab stop (arrow keys move between buttons, as the WAI-ARIA toolbar
// pattern expects). Toggle buttons report their state with aria-pressed.

const GROUPS = [
  {
    label: 'Kiểu đoạn',
    buttons: [
      { name: 'paragraph', label: 'Đoạn văn', keys: 'Ctrl+Alt+0', run: (e) => e.chain().focus().setParagraph().run(), active: (e) => e.isActive('paragraph') },
      { name: 'h2', label: 'Tiêu đề phụ', keys: 'Ctrl+Alt+2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
      { name: 'h3', label: 'Tiêu đề nhỏ', keys: 'Ctrl+Alt+3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
    ],
  },
  {
    label: 'Định dạng chữ',
    buttons: [
      { name: 'bold', label: 'Đậm', keys: 'Ctrl+B', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
      { name: 'italic', label: 'Nghiêng', keys: 'Ctrl+I', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
      { name: 'link', label: 'Liên kết', keys: 'Ctrl+K', action: 'link', active: (e) => e.isActive('link') },
    ],
  },
  {
    label: 'Danh sách và trích dẫn',
    buttons: [
      { name: 'bullet-list', label: 'Danh sách', keys: 'Ctrl+Shift+8', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
      { name: 'ordered-list', label: 'Danh sách số', keys: 'Ctrl+Shift+7', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
      { name: 'blockquote', label: 'Trích dẫn', keys: 'Ctrl+Shift+B', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
    ],
  },
  {
    label: 'Chèn',
    buttons: [
      { name: 'image', label: 'Chèn ảnh', action: 'image' },
      { name: 'video', label: 'Video', action: 'video' },
      { name: 'library-video', label: 'Chèn video', action: 'libraryVideo' },
    ],
  },
  {
    label: 'Lịch sử',
    buttons: [
      { name: 'undo', label: 'Hoàn tác', keys: 'Ctrl+Z', run: (e) => e.chain().focus().undo().run(), enabled: (e) => e.can().undo() },
      { name: 'redo', label: 'Làm lại', keys: 'Ctrl+Shift+Z', run: (e) => e.chain().focus().redo().run(), enabled: (e) => e.can().redo() },
    ],
  },
];

// createToolbar builds the toolbar for editor; actions supplies the buttons
// that need more than one command (link, image, video, libraryVideo); a
// button whose action is missing is left out.
export function createToolbar(editor, actions) {
  const bar = document.createElement('div');
  bar.className = 'ed-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Định dạng nội dung');

  const items = [];
  for (const group of GROUPS) {
    const g = document.createElement('div');
    g.className = 'ed-group';
    g.setAttribute('role', 'group');
    g.setAttribute('aria-label', group.label);
    for (const spec of group.buttons) {
      if (spec.action && !actions[spec.action]) continue; // not offered on this page
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'ed-btn ed-btn-' + spec.name;
      b.textContent = spec.label;
      b.setAttribute('aria-label', spec.label);
      if (spec.keys) {
        b.title = spec.label + ' (' + spec.keys + ')';
        b.setAttribute('aria-keyshortcuts', spec.keys.replace(/Ctrl/g, 'Control'));
      }
      if (spec.active) b.setAttribute('aria-pressed', 'false');
      b.tabIndex = items.length === 0 ? 0 : -1;
      b.addEventListener('click', () => {
        if (spec.run) spec.run(editor);
        else actions[spec.action]();
      });
      g.appendChild(b);
      items.push({ spec, button: b });
    }
    bar.appendChild(g);
  }

  // Keep the editor's selection when a button is pressed with the mouse.
  bar.addEventListener('mousedown', (event) => {
    if (event.target.closest('button')) event.preventDefault();
  });

  bar.addEventListener('keydown', (event) => {
    const buttons = items.map((i) => i.button).filter((b) => !b.disabled);
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    let next = -1;
    if (event.key === 'ArrowRight') next = (at + 1) % buttons.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + buttons.length) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    if (next < 0) return;
    event.preventDefault();
    buttons.forEach((b, i) => { b.tabIndex = i === next ? 0 : -1; });
    buttons[next].focus();
  });

  function refresh() {
    for (const { spec, button } of items) {
      if (spec.active) button.setAttribute('aria-pressed', spec.active(editor) ? 'true' : 'false');
      if (spec.enabled) button.disabled = !spec.enabled(editor) || !editor.isEditable;
      else button.disabled = !editor.isEditable;
    }
    // The tab stop must not sit on a disabled button.
    if (!items.some((i) => i.button.tabIndex === 0 && !i.button.disabled)) {
      const first = items.find((i) => !i.button.disabled);
      items.forEach((i) => { i.button.tabIndex = -1; });
      if (first) first.button.tabIndex = 0;
    }
  }

  editor.on('transaction', refresh);
  refresh();
  return bar;
}
