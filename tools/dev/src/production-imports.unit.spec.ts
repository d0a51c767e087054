import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

// The subsync image installs production dependencies only (npm ci --omit=dev), so every package
// its commands load at start must be one. Lazy `import()`s are left out: they load only on the
// path that needs them (embedded PostgreSQL, Testcontainers), which the image never takes.
// This walk finds a dev-only import in seconds; otherwise only the containers run would.

const root = resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const aliases = (
  JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  }
).compilerOptions.paths;
const builtins = new Set(builtinModules);

/** What the image's `subsync` command runs (tools/containers/subsync/subsync). */
function imageEntryPoints(): string[] {
  const services = readdirSync(join(root, 'apps'))
    .map((app) => `apps/${app}/src/main.ts`)
    .filter((main) => !main.startsWith('apps/console/') && existsSync(join(root, main)));
  return [
    ...services,
    'tools/dev/src/main.ts',
    'tools/dev/src/migrate.ts',
    'tools/dev/src/mint-token.ts',
    'libs/local-infra/src/process/service-node-args.ts',
    // Required only with OTEL_EXPORTER_OTLP_ENDPOINT set, which a container may well set.
    'libs/platform/tracing/src/otel-sdk.ts',
  ];
}

/** Specifiers a compiled file still requires: type-only imports and exports are erased. */
function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) specifiers.push(statement.moduleSpecifier.text);
    }
    if (
      ts.isExportDeclaration(statement) &&
      !statement.isTypeOnly &&
      statement.moduleSpecifier !== undefined &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      const named = statement.exportClause;
      const allTypes =
        named !== undefined &&
        ts.isNamedExports(named) &&
        named.elements.every((element) => element.isTypeOnly);
      if (!allTypes) specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

function sourceFile(path: string): string | undefined {
  return [`${path}.ts`, join(path, 'index.ts'), path].find(
    (candidate) => candidate.endsWith('.ts') && existsSync(candidate),
  );
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/** Each package the entry points load at start, with the first file that loads it. */
function packagesLoadedBy(entryPoints: string[]): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = entryPoints.map((entry) => join(root, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeSpecifiers(file)) {
      if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const alias = aliases[specifier]?.[0];
      const local = specifier.startsWith('.')
        ? sourceFile(resolve(dirname(file), specifier))
        : alias !== undefined
          ? join(root, alias)
          : undefined;
      if (local !== undefined) queue.push(local);
      else if (specifier.startsWith('.') || specifier.startsWith('@subsync/')) {
        throw new Error(`${relative(root, file)}: cannot resolve ${specifier}`);
      } else if (!packages.has(packageName(specifier))) {
        packages.set(packageName(specifier), relative(root, file));
      }
    }
  }
  return packages;
}

describe('what the subsync image loads', () => {
  it('finds the packages the services load, so the walk sees through the aliases', () => {
    const loaded = packagesLoadedBy(imageEntryPoints());
    expect([...loaded.keys()]).toEqual(
      expect.arrayContaining(['@nestjs/core', 'kafkajs', 'typeorm', 'pg', 'prom-client']),
    );
  });

  it('is production dependencies only', () => {
    const devOnly = [...packagesLoadedBy(imageEntryPoints())]
      .filter(([name]) => manifest.dependencies[name] === undefined)
      .map(([name, file]) => `${name} (loaded by ${file})`);
    expect(devOnly).toEqual([]);
  });
});
