// The engine stays free of Node: esbuild bundles src/emulator/index.ts for the browser platform,
// where a `node:` import or a Node built-in fails the build, and the bundle names none.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/spec.js';

describe('emulator engine in the browser', () => {
  it('bundles for the browser platform with no Node import', async () => {
    const result = await build({
      entryPoints: [`${ROOT}src/emulator/index.ts`],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => path.startsWith('node:') || path.includes('node_modules'))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/["']node:/);
    expect(gzipSync(code).length).toBeGreaterThan(1_000);
  });
});
