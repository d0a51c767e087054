import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openApiFiles } from './docs/openapi-files';

// Run by `npm run build` from dist/: writes the gateway's OpenAPI document to docs/openapi/ and
// the console's API types generated from it, so the console's type check sees the views as they
// are. A unit test fails while the checked-in files differ. Under CI (CI=true) it writes
// nothing and fails on a difference: a build that rewrote them would leave that test nothing
// to catch.

const root = resolve(__dirname, '..', '..', '..', '..');

async function main(): Promise<void> {
  const checkOnly = process.env['CI'] === 'true';
  const stale: string[] = [];
  for (const [path, content] of Object.entries(await openApiFiles())) {
    const file = join(root, path);
    if (readOrNull(file) === content) continue;
    if (checkOnly) {
      stale.push(path);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    process.stdout.write(`openapi: wrote ${path} (commit it with the change that made it)\n`);
  }
  if (stale.length > 0) {
    process.stderr.write(
      `openapi: ${stale.join(', ')} differ from what the gateway generates; run \`npm run build\` and commit them\n`,
    );
    process.exit(1);
  }
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`openapi: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
