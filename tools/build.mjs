// Compiles every app, lib and tool to dist/ with SWC (type checking is `npm run typecheck`).
// The tsconfig path aliases are handed to SWC, which rewrites them to relative requires, so the
// compiled services run on plain `node` with no runtime resolver. The operator console is a
// browser app: Vite bundles it into dist/console, which the gateway serves under /console.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

const swcrc = {
  sourceMaps: true,
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    baseUrl: root,
    paths: compilerOptions.paths,
  },
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });
const configFile = join(root, 'dist', '.swcrc');
writeFileSync(configFile, JSON.stringify(swcrc, null, 2));

const swc = join(root, 'node_modules', '.bin', 'swc');
const result = spawnSync(
  swc,
  [
    'apps',
    'libs',
    'tools/dev',
    'tools/bench',
    'tools/preflight',
    'tools/asyncapi',
    'tools/backfill',
    '-d',
    'dist',
    '--config-file',
    configFile,
    '--ignore',
    '**/*.spec.ts,apps/console/**',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (result.error) {
  // Without node_modules there is no swc to run: say so instead of failing without a word.
  console.error(`build: cannot run ${swc} (${result.error.message}); run \`npm ci\` first`);
  process.exit(1);
}
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
// Non-TypeScript assets the services read at run time (the Kafka Maven descriptor, for one).
const assetPattern = /\.(xml|properties|json)$/;
function copyAssets(dir) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') copyAssets(rel);
    } else if (assetPattern.test(entry.name) && rel.includes('/src/')) {
      mkdirSync(join(root, 'dist', dir), { recursive: true });
      copyFileSync(join(root, rel), join(root, 'dist', rel));
    }
  }
}
['apps', 'libs', 'tools/dev', 'tools/bench', 'tools/asyncapi'].forEach(copyAssets);

// The gateway's OpenAPI document, and the console's API types generated from it, before the
// console is bundled (and type-checked): a view the gateway changed then breaks the console's
// type check instead of drifting from it. Needs no database or Kafka.
const openapi = spawnSync(
  process.execPath,
  [join(root, 'dist/apps/gateway/src/write-openapi.js')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (openapi.status !== 0) process.exit(openapi.status ?? 1);

// apps/console/vite.config.mts (ESM, hence .mts) sets base '/console/' and outDir dist/console,
// emptied first.
const { build } = await import('vite');
await build({
  configFile: join(root, 'apps', 'console', 'vite.config.mts'),
  logLevel: 'warn',
});
