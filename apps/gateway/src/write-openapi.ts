import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openApiFiles } from './docs/openapi-files';

// Run by `npm run build` from dist/: writes the gateway's OpenAPI document to docs/openapi/ and
// the console's API types generated from it, so the console's type check sees the views as they
// are. A unit test fails while the checked-in files differ.

const root = resolve(__dirname, '..', '..', '..', '..');

async function main(): Promise<void> {
  for (const [path, content] of Object.entries(await openApiFiles())) {
    const file = join(root, path);
    if (readOrNull(file) === content) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    process.stdout.write(`openapi: wrote ${path} (commit it with the change that made it)\n`);
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
