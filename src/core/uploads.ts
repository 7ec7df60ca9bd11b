// Turns what callers have at hand (a Blob or File, bytes, or a path in Node.js) into the
// multipart `image` part the avatar operations expect. `node:fs` is imported only for paths,
// so browsers and edge runtimes never load it.
import { PachcaInputError } from './errors.js';
import type { UploadInput } from './types.js';

const TYPES_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
};
const FALLBACK_TYPE = 'application/octet-stream';

export interface UploadPart {
  blob: Blob;
  filename: string;
}

export function contentTypeFor(filename: string): string {
  const extension = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  return TYPES_BY_EXTENSION[extension] ?? FALLBACK_TYPE;
}

/** Bytes carry no name: recognise the common image formats by their first bytes. */
function sniffExtension(bytes: Uint8Array): string {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return 'bin';
}

async function readPath(path: string): Promise<UploadPart> {
  const { readFile, stat } = await import('node:fs/promises');
  const info = await stat(path).catch(() => {
    throw new PachcaInputError(`Upload file not found: ${path}`);
  });
  if (!info.isFile()) throw new PachcaInputError(`Upload path is not a regular file: ${path}`);
  const filename = path.split(/[\\/]/).pop() || 'upload';
  const bytes = await readFile(path);
  return { blob: new Blob([bytes], { type: contentTypeFor(filename) }), filename };
}

/** Normalises an upload; bad input is a PachcaInputError before any request is sent. */
export async function toUploadPart(file: UploadInput): Promise<UploadPart> {
  if (typeof file === 'string') {
    if (file.trim() === '') throw new PachcaInputError('Upload file path is empty');
    return readPath(file);
  }
  if (file instanceof Blob) {
    const name = (file as Partial<File>).name || `upload.${file.type.split('/')[1] ?? 'bin'}`;
    const type = file.type || contentTypeFor(name);
    return { blob: file.type ? file : new Blob([file], { type }), filename: name };
  }
  if (file instanceof Uint8Array || file instanceof ArrayBuffer) {
    const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
    if (bytes.byteLength === 0) throw new PachcaInputError('Upload file is empty');
    const filename = `upload.${sniffExtension(bytes)}`;
    return { blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentTypeFor(filename) }), filename };
  }
  throw new PachcaInputError('Upload file must be a Blob, File, Uint8Array, Buffer, ArrayBuffer or a file path');
}

/** The multipart form both avatar operations take. */
export async function avatarForm(file: UploadInput): Promise<FormData> {
  const { blob, filename } = await toUploadPart(file);
  const form = new FormData();
  form.append('image', blob, filename);
  return form;
}
