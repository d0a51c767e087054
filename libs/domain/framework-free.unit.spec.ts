import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

// libs/domain must stay free of frameworks; this proves the lint rule really refuses one.
describe('libs/domain import boundary', () => {
  const probe = join(__dirname, 'src', '__boundary_probe__.ts');

  afterEach(() => rmSync(probe, { force: true }));

  async function lintDomain(): Promise<{ code: number; output: string }> {
    try {
      const { stdout, stderr } = await run(
        'npx',
        ['nx', 'lint', 'domain', '--skip-nx-cache', '--outputStyle=static'],
        {
          cwd: root,
          env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
        },
      );
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr };
    }
  }

  it.each(['@nestjs/common', 'typeorm', 'kafkajs', 'pg'])(
    'nx lint fails when libs/domain imports %s',
    async (pkg) => {
      writeFileSync(
        probe,
        `import * as framework from '${pkg}';\n\nexport const probe = typeof framework;\n`,
      );

      const result = await lintDomain();

      expect(result.code).not.toBe(0);
      expect(result.output).toContain('@nx/enforce-module-boundaries');
      expect(result.output).toContain('__boundary_probe__.ts');
    },
    180_000,
  );
});
