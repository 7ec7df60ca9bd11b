// The notices of the npm packages bundled into a build (the CLI's commander, cli-table3, yaml,
// @inquirer/… and what they use): their licenses (MIT, ISC, …) ask that the copyright notice
// travel with the code, so the build writes each package's license text into one file next to
// the bundle. An esbuild plugin: the packages are read from the build's metafile.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';

/** The package directory of a bundled input (`node_modules/@scope/name/…` → that directory). */
const PACKAGE_DIR = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//;

function notice(dir: string): string {
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
    string,
    string
  >;
  const file = readdirSync(dir).find((entry) => /^(licen[cs]e|copying)([.-]|$)/i.test(entry));
  const text = file
    ? readFileSync(join(dir, file), 'utf8').trim()
    : `(the package ships no license file; package.json says ${license})`;
  return `${name} ${version} — ${license}\n\n${text}`;
}

/** Writes the notices of every npm package in the bundle to `outFile` once the build ends. */
export function thirdPartyLicenses(outFile: string, bundle: string): Plugin {
  return {
    name: 'third-party-licenses',
    setup(build) {
      const cwd = build.initialOptions.absWorkingDir ?? process.cwd();
      build.onEnd(({ metafile }) => {
        if (!metafile) return;
        const dirs = new Set(Object.keys(metafile.inputs).flatMap((input) => PACKAGE_DIR.exec(input)?.[1] ?? []));
        const notices = [...dirs].map((dir) => notice(resolve(cwd, dir))).sort();
        const header = `Third-party software bundled into ${bundle}, with its license notices.`;
        writeFileSync(outFile, `${[header, ...notices].join(`\n\n${'-'.repeat(72)}\n\n`)}\n`);
      });
    },
  };
}
