import { Node } from '@tiptap/core';

function intOrNull(value) {
  const n = parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : null;
}

// captionParts reads caption and credit back from
// <figcaption>Chú thích <span class="credit">Ảnh: Tên</span></figcaption>;
// the credit span is optional.
function captionParts(figcaption) {
  if (!figcaption) return { caption: '', credit: '' };
  const copy = figcaption.cloneNode(true);
  const span = copy.querySelector('span.credit');
  const credit = span ? span.textContent.trim() : '';
  if (span) span.remove();
  return { caption: copy.textContent.replace(/\s+/g, ' ').trim(), credit };
}

// Figure is an uploaded image with caption and credit, stored as
// <figure data-image-id> so the server can link it to its media record.
// Caption and credit are plain text attributes (no marks), which keeps the
// node an atom and its HTML exactly the shape the site renders.
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      imageId: { default: null, rendered: false },
      src: { default: '', rendered: false },
      alt: { default: '', rendered: false },
      width: { default: null, rendered: false },
      height: { default: null, rendered: false },
      caption: { default: '', rendered: false },
      credit: { default: '', rendered: false },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure[data-image-id]',
        getAttrs: (dom) => {
          const img = dom.querySelector('img');
          const imageId = intOrNull(dom.getAttribute('data-image-id'));
          if (!img || !imageId || !img.getAttribute('src')) return false;
          return {
            imageId,
            src: img.getAttribute('src'),
            alt: img.getAttribute('alt') || '',
            width: intOrNull(img.getAttribute('width')),
            height: intOrNull(img.getAttribute('height')),
            ...captionParts(dom.querySelector('figcaption')),
          };
        },
      },
    ];
  },

  renderHTML({ node }) {
    const a = node.attrs;
    const img = { src: a.src, alt: a.alt || '' };
    if (a.width) img.width = String(a.width);
    if (a.height) img.height = String(a.height);
    const out = ['figure', { 'data-image-id': String(a.imageId) }, ['img', img]];
    const caption = (a.caption || '').trim();
    const credit = (a.credit || '').trim();
    if (caption || credit) {
      const fc = ['figcaption', {}];
      if (caption) fc.push(credit ? caption + ' ' : caption);
      if (credit) fc.push(['span', { class: 'credit' }, credit]);
      out.push(fc);
    }
    return out;
  },

  addNodeView() {
    return ({ node, editor, getPos }) => new FigureView(node, editor, getPos);
  },
});

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

// FigureView shows the image with plain inputs for caption and credit; every
// keystroke updates the node attributes, so undo and the textarea stay in sync.
class FigureView {
  constructor(node, editor, getPos) {
    this.node = node;
    this.editor = editor;
    this.getPos = getPos;

    this.dom = el('figure', 'ed-figure');
    this.img = el('img');
    this.img.draggable = false;
    this.fields = el('div', 'ed-figure-fields');

    this.caption = this.input('Chú thích', 'ed-figure-caption', 'caption', 'Chú thích ảnh');
    this.credit = this.input('Nguồn ảnh', 'ed-figure-credit', 'credit', 'Ví dụ: Ảnh: Nguyễn Văn A');

    const actions = el('div', 'ed-node-bar');
    this.altText = el('span', 'ed-figure-alt-text');
    const altButton = el('button', 'ed-figure-alt', 'Mô tả ảnh');
    altButton.type = 'button';
    altButton.setAttribute('aria-label', 'Mô tả ảnh cho người khiếm thị');
    altButton.addEventListener('click', () => {
      const value = window.prompt('Mô tả ảnh cho người khiếm thị', this.node.attrs.alt || '');
      if (value !== null) this.setAttr('alt', value.replace(/\s+/g, ' ').trim());
    });
    const remove = el('button', 'ed-node-remove', 'Xóa ảnh');
    remove.type = 'button';
    remove.addEventListener('click', () => {
      const pos = this.getPos();
      if (typeof pos !== 'number') return;
      this.editor.chain().focus().deleteRange({ from: pos, to: pos + this.node.nodeSize }).run();
    });
    actions.append(altButton, this.altText, remove);

    this.fields.append(this.caption.parentNode, this.credit.parentNode, actions);
    this.dom.append(this.img, this.fields);
    this.render();
  }

  input(labelText, className, attr, placeholder) {
    const label = el('label', 'ed-field');
    const span = el('span', 'ed-field-label', labelText);
    const input = el('input', className);
    input.type = 'text';
    input.placeholder = placeholder;
    input.addEventListener('input', () => this.setAttr(attr, input.value));
    input.addEventListener('keydown', (event) => {
      // Enter in a text input would submit the article form.
      if (event.key === 'Enter') event.preventDefault();
    });
    label.append(span, input);
    return input;
  }

  setAttr(name, value) {
    const pos = this.getPos();
    if (typeof pos !== 'number' || this.node.attrs[name] === value) return;
    const { state, view } = this.editor;
    view.dispatch(state.tr.setNodeMarkup(pos, undefined, { ...this.node.attrs, [name]: value }));
  }

  render() {
    const a = this.node.attrs;
    if (this.img.getAttribute('src') !== a.src) this.img.setAttribute('src', a.src);
    this.img.setAttribute('alt', a.alt || '');
    if (a.width) this.img.setAttribute('width', a.width);
    if (a.height) this.img.setAttribute('height', a.height);
    if (this.caption.value !== a.caption) this.caption.value = a.caption || '';
    if (this.credit.value !== a.credit) this.credit.value = a.credit || '';
    this.altText.textContent = a.alt ? 'Mô tả: ' + a.alt : 'Chưa có mô tả ảnh';
    this.dom.classList.toggle('ed-missing-alt', !a.alt);
  }

  update(node) {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.render();
    return true;
  }

  selectNode() {
    this.dom.classList.add('ProseMirror-selectednode');
  }

  deselectNode() {
    this.dom.classList.remove('ProseMirror-selectednode');
  }

  // Events inside the inputs and buttons belong to them, not to ProseMirror.
  stopEvent(event) {
    return this.fields.contains(event.target);
  }

  ignoreMutation() {
    return true;
  }
}
