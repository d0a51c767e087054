import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { PUBLISHED_CONTRACTS_DIRECTORY, publishedContractFiles } from '@subsync/messaging';

// `npm run asyncapi`: writes the AsyncAPI document and the JSON Schema of every topic to
// docs/asyncapi/ from the topic registry. A unit test fails while the checked-in files differ.

const root = resolve(__dirname, '..', '..', '..', '..');

async function main(): Promise<void> {
  const directory = join(root, PUBLISHED_CONTRACTS_DIRECTORY);
  // Files of a topic that left the registry go too.
  rmSync(directory, { recursive: true, force: true });
  for (const [path, content] of Object.entries(publishedContractFiles())) {
    const file = join(directory, path);
    const options = await resolveConfig(file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, await format(JSON.stringify(content), { ...options, filepath: file }));
    process.stdout.write(`wrote ${PUBLISHED_CONTRACTS_DIRECTORY}/${path}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`asyncapi: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
