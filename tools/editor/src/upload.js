// Image upload to the newsroom media endpoint. The server answers 201 with the
// stored image, or a 4xx with {"error":{"code","message"}} whose message is
// already Vietnamese and meant for the editor.

export const UPLOAD_URL = '/toasoan/media';
export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp';
const NETWORK_ERROR = 'Không tải được ảnh lên, vui lòng thử lại.';

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') || '' : '';
}

// uploadImage posts one file and resolves to figure attributes, or rejects
// with an Error whose message can be shown as is.
export async function uploadImage(file) {
  const form = new FormData();
  form.append('file', file, file.name || 'anh');
  let res;
  try {
    res = await fetch(UPLOAD_URL, {
      method: 'POST',
      body: form,
      headers: { 'X-CSRF-Token': csrfToken(), Accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new Error(NETWORK_ERROR);
  }
  let data = null;
  try {
    data = await res.json();
  } catch (err) {
    data = null;
  }
  if (!res.ok) {
    const message = data && data.error && data.error.message;
    throw new Error(message || NETWORK_ERROR);
  }
  if (!data || !data.id || !data.url) throw new Error(NETWORK_ERROR);
  return {
    imageId: data.id,
    src: data.url,
    alt: data.alt || '',
    width: data.width || null,
    height: data.height || null,
    caption: data.caption || '',
    credit: data.credit || '',
  };
}

// imageFiles picks the image files out of a FileList (drop or paste).
export function imageFiles(fileList) {
  return Array.from(fileList || []).filter((f) => /^image\//.test(f.type));
}
