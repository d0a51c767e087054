import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

/** A file that imports what its project may not, and the project it is written into. */
interface Probe {
  project: string;
  imports: string;
}

// The lint rule, not a convention, keeps the house in order: each probe is a real file written
// into the project, and lint must refuse every one of them.
const probes: Probe[] = [
  // libs/domain stays free of frameworks.
  ...['@nestjs/common', 'typeorm', 'kafkajs', 'pg'].map((imports) => ({
    project: 'libs/domain',
    imports,
  })),
  // Product apps never load a sandbox or test code, so the doubles stay out of production.
  { project: 'apps/gateway', imports: '@subsync/zuora-sandbox' },
  { project: 'apps/zuora-sync', imports: '@subsync/zuora-sandbox' },
  { project: 'apps/stripe-sync', imports: '@subsync/stripe-sandbox' },
  { project: 'apps/hot-sync', imports: '@subsync/sandbox-kit' },
  { project: 'apps/gateway', imports: '@subsync/testkit' },
  { project: 'apps/zuora-sync', imports: '@subsync/local-infra' },
  // The sandboxes stand apart from the product they stand in for.
  { project: 'libs/sandboxes/zuora', imports: '@subsync/messaging' },
  { project: 'libs/sandboxes/stripe', imports: '@subsync/persistence' },
];
// A control that lint must accept, so a probe cannot pass for being broken in some other way.
const control: Probe = { project: 'apps/gateway', imports: '@subsync/domain' };
const written = [...probes, control];

function probeFile(probe: Probe, index: number): string {
  return join(root, probe.project, 'src', `__boundary_probe_${index}__.ts`);
}

/**
 * The module-boundary rule reads nx's cached project graph and is skipped (with a warning) when
 * there is none, as in a fresh clone before any nx command ran: make the graph first.
 */
async function computeProjectGraph(): Promise<void> {
  await run('npx', ['nx', 'show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function lint(files: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(
      'npx',
      ['eslint', '--no-warn-ignored', '--format', 'json', ...files],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
    return stdout + stderr;
  } catch (error) {
    // eslint exits 1 when it reports errors, which is what these probes expect.
    const failed = error as { stdout?: string; stderr?: string };
    return (failed.stdout ?? '') + (failed.stderr ?? '');
  }
}

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

describe('import boundaries', () => {
  const files = written.map(probeFile);
  let results: LintResult[] = [];

  beforeAll(async () => {
    await computeProjectGraph();
    written.forEach((probe, index) =>
      writeFileSync(
        probeFile(probe, index),
        `import * as forbidden from '${probe.imports}';\n\nexport const probe = typeof forbidden;\n`,
      ),
    );
    try {
      results = JSON.parse(await lint(files)) as LintResult[];
    } finally {
      files.forEach((file) => rmSync(file, { force: true }));
    }
  }, 180_000);

  it('lets a product app import the domain (the probes are refused for what they import)', () => {
    const allowed = results.find((candidate) => candidate.filePath === files[probes.length]);

    expect(allowed).toBeDefined();
    expect(allowed?.messages.map((message) => message.ruleId)).not.toContain(
      '@nx/enforce-module-boundaries',
    );
  });

  it.each(probes.map((probe, index) => [probe.project, probe.imports, index] as const))(
    'lint refuses %s importing %s',
    (_project, imports, index) => {
      const result = results.find((candidate) => candidate.filePath === files[index]);

      expect(result?.messages).toContainEqual(
        expect.objectContaining({ ruleId: '@nx/enforce-module-boundaries' }),
      );
      const said = result?.messages.map((message) => message.message).join('\n');
      expect(said).toMatch(
        imports.startsWith('@subsync/')
          ? /can only depend on libs tagged/
          : `is not allowed to import "${imports}"`,
      );
    },
  );
});
