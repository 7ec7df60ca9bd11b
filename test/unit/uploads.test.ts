// Avatar uploads: one multipart part named `image` with a filename and a content type, from a
// path, a Blob/File or raw bytes; a bad path fails before any request is sent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PachcaInputError } from '../../src/index.js';
import { clientFor, formBody, startServer, type TestServer } from '../support/http-server.js';
import { rejection } from '../support/assertions.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const GIF = new TextEncoder().encode('GIF89a..');
const WEBP = new Uint8Array([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);
const OK = { body: { data: { image_url: 'https://cdn.example.com/a.png' } } };

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'pachca-upload-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.script(OK);
});

/** The single `image` part of the only request sent. */
async function sentImage(): Promise<File> {
  expect(server.requests).toHaveLength(1);
  const form = await formBody(server.requests[0]);
  expect([...form.keys()]).toEqual(['image']);
  const image = form.get('image');
  expect(image).toBeInstanceOf(File);
  return image as File;
}

async function bytesOf(file: File): Promise<number[]> {
  return [...new Uint8Array(await file.arrayBuffer())];
}

describe('from a filesystem path', () => {
  it.each([
    ['avatar.png', 'image/png'],
    ['photo.JPG', 'image/jpeg'],
    ['me.jpeg', 'image/jpeg'],
    ['anim.gif', 'image/gif'],
    ['pic.webp', 'image/webp'],
    ['notes.xyz', 'application/octet-stream'],
  ])('%s → filename from the path, content type %s', async (name, type) => {
    const path = join(dir, name);
    writeFileSync(path, PNG);
    await expect(clientFor(server).profile.updateAvatar(path)).resolves.toEqual(OK.body.data);
    const image = await sentImage();
    expect(image.name).toBe(name);
    expect(image.type).toBe(type);
    expect(await bytesOf(image)).toEqual([...PNG]);
    expect(server.requests[0]?.method).toBe('PUT');
    expect(server.requests[0]?.url).toBe('/profile/avatar');
  });

  it('a missing file is a PachcaInputError before any request', async () => {
    const error = await rejection(clientFor(server).users.updateAvatar(3, join(dir, 'missing.png')));
    expect(error).toBeInstanceOf(PachcaInputError);
    expect((error as Error).message).toContain('missing.png');
    expect(server.requests).toHaveLength(0);
  });

  it('a directory is a PachcaInputError before any request', async () => {
    const error = await rejection(clientFor(server).profile.updateAvatar(dir));
    expect(error).toBeInstanceOf(PachcaInputError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('from a Blob or File', () => {
  it('a File keeps its name and type', async () => {
    await clientFor(server).users.updateAvatar(3, new File([JPEG], 'portrait.jpg', { type: 'image/jpeg' }));
    const image = await sentImage();
    expect(image.name).toBe('portrait.jpg');
    expect(image.type).toBe('image/jpeg');
    expect(await bytesOf(image)).toEqual([...JPEG]);
    expect(server.requests[0]?.url).toBe('/users/3/avatar');
  });

  it('a File without a type gets one from its extension', async () => {
    await clientFor(server).profile.updateAvatar(new File([PNG], 'me.png'));
    const image = await sentImage();
    expect(image.name).toBe('me.png');
    expect(image.type).toBe('image/png');
  });

  it('a Blob gets a filename matching its type', async () => {
    await clientFor(server).profile.updateAvatar(new Blob([GIF], { type: 'image/gif' }));
    const image = await sentImage();
    expect(image.name).toBe('upload.gif');
    expect(image.type).toBe('image/gif');
  });
});

describe('from bytes (type sniffed from the content)', () => {
  it.each([
    ['PNG', PNG, 'upload.png', 'image/png'],
    ['JPEG', JPEG, 'upload.jpg', 'image/jpeg'],
    ['GIF', GIF, 'upload.gif', 'image/gif'],
    ['WebP', WEBP, 'upload.webp', 'image/webp'],
    ['unknown', new Uint8Array([1, 2, 3]), 'upload.bin', 'application/octet-stream'],
  ])('a Uint8Array of %s', async (_, bytes, name, type) => {
    await clientFor(server).profile.updateAvatar(bytes);
    const image = await sentImage();
    expect(image.name).toBe(name);
    expect(image.type).toBe(type);
    expect(await bytesOf(image)).toEqual([...bytes]);
  });

  it('a Buffer and an ArrayBuffer work too', async () => {
    await clientFor(server).profile.updateAvatar(Buffer.from(PNG));
    expect((await sentImage()).type).toBe('image/png');
    server.requests.length = 0;
    await clientFor(server).profile.updateAvatar(PNG.slice().buffer);
    expect((await sentImage()).name).toBe('upload.png');
  });

  it('empty bytes are a PachcaInputError before any request', async () => {
    expect(await rejection(clientFor(server).profile.updateAvatar(new Uint8Array()))).toBeInstanceOf(PachcaInputError);
    expect(server.requests).toHaveLength(0);
  });
});

it('the multipart body survives a retry', async () => {
  server.script({ status: 503, headers: { 'retry-after': '0' } }, OK);
  await clientFor(server, { maxRetries: 1 }).profile.updateAvatar(PNG);
  expect(server.requests).toHaveLength(2);
  const form = await formBody(server.requests[1]);
  expect(await bytesOf(form.get('image') as File)).toEqual([...PNG]);
});
