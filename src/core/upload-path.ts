// Reads an avatar given as a filesystem path (Node.js, Deno, Bun). The browser build of the
// package swaps this module for upload-path.browser.ts, so browser bundles never see `node:fs`.
// Imported lazily even here: a Node.js app that uploads only Blobs or bytes never loads `fs`.

/** The file's bytes and its name (the last path segment). */
export async function readUploadPath(path: string): Promise<{ bytes: Uint8Array; name: string }> {
  if (path.trim() === '') throw new Error('Upload file path is empty');
  const { readFile, stat } = await import('node:fs/promises');
  const info = await stat(path).catch((error: unknown) => {
    throw new Error(`Upload file not found: ${path}`, { cause: error });
  });
  if (!info.isFile()) throw new Error(`Upload path is not a regular file: ${path}`);
  return { bytes: await readFile(path), name: path.replace(/^[\s\S]*[\\/]/, '') };
}
