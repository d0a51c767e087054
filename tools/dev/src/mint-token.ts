import { parseArgs } from 'node:util';
import { loadConfigOrExit, readGatewayConfig } from '@subsync/config';
import { ALL_ROLES, signOperatorToken } from './dev-token';

// `node dist/tools/dev/src/mint-token.js [--subject ops] [--roles read,operate] [--hours 8]`:
// signs an operator token with the AUTH_JWT_SECRET of this shell, for a gateway that uses it.

const USAGE =
  'usage: AUTH_JWT_SECRET=… node dist/tools/dev/src/mint-token.js [--subject <who>] [--roles read,operate,administer] [--hours <n>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      subject: { type: 'string', default: 'operator' },
      roles: { type: 'string', default: 'read' },
      hours: { type: 'string', default: '8' },
    },
  });
  const config = loadConfigOrExit(() => readGatewayConfig(process.env));
  if (config.auth.kind !== 'secret' || config.auth.isDevSecret) {
    fail('AUTH_JWT_SECRET is not set: with AUTH_JWKS_URL, tokens come from your identity provider');
  }
  const roles = values.roles.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !ALL_ROLES.includes(role));
  if (unknown.length > 0)
    fail(`unknown role ${unknown.join(', ')} (roles: ${ALL_ROLES.join(', ')})`);
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0) fail('--hours must be a positive number');
  const token = await signOperatorToken(config.auth.secret, config, {
    subject: values.subject,
    roles,
    lifetimeSeconds: Math.round(hours * 3600),
  });
  process.stdout.write(`${token}\n`);
}

function fail(problem: string): never {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  process.exit(2);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
