// The browser build's stand-in for upload-path.ts: a page has no filesystem to read a path from,
// so a path is bad input (the caller turns this Error into a PachcaInputError).

export async function readUploadPath(path: string): Promise<{ bytes: Uint8Array; name: string }> {
  throw new Error(`Upload file paths need Node.js; pass a Blob, File or bytes (got "${path}")`);
}
