// Turns what callers have at hand (a Blob or File, bytes, or a path in Node.js) into the
// multipart `image` part the avatar operations expect. Loaded with `import()` on the first upload,
// so it becomes a separate chunk; it imports nothing from the rest of the SDK, or bundlers would
// move what it shares into a third file. Bad input throws a plain Error, which the caller turns
// into a PachcaInputError. Paths are read by upload-path.ts, which the browser build replaces;
// image-type.ts is this chunk's own (the emulator, a separate build, shares it).
import { IMAGE_EXTENSIONS, imageTypeOf } from './image-type.js';
import type { UploadInput } from './types.js';
import { readUploadPath } from './upload-path.js';

const TYPES_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  json: 'application/json',
};

/** The content type a file's name implies (the SDK's uploads and `pachca api --file`). */
export function contentTypeFor(filename: string): string {
  const extension = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  return TYPES_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** Bytes carry no name: recognise the image formats by their first bytes. */
function sniffExtension(bytes: Uint8Array): string {
  const type = imageTypeOf(bytes);
  return type ? IMAGE_EXTENSIONS[type] : 'bin';
}

/** A part with a name and a content type: the type from the blob, else from the name's extension. */
function part(blobParts: BlobPart[], filename: string, type = contentTypeFor(filename)): FormData {
  const form = new FormData();
  form.append('image', new Blob(blobParts, { type }), filename);
  return form;
}

/** The multipart form both avatar operations take. */
export async function avatarForm(file: UploadInput): Promise<FormData> {
  if (typeof file === 'string') {
    const { bytes, name } = await readUploadPath(file);
    return part([bytes as Uint8Array<ArrayBuffer>], name);
  }
  if (file instanceof Blob) {
    const name = (file as Partial<File>).name || `upload.${file.type.split('/')[1] ?? 'bin'}`;
    return part([file], name, file.type || undefined);
  }
  if (file instanceof Uint8Array || file instanceof ArrayBuffer) {
    const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
    if (bytes.byteLength === 0) throw new Error('Upload file is empty');
    return part([bytes as Uint8Array<ArrayBuffer>], `upload.${sniffExtension(bytes)}`);
  }
  throw new Error('Upload file must be a Blob, File, Uint8Array, Buffer, ArrayBuffer or a file path');
}
