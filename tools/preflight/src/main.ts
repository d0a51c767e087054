import { checkDocker, checkJava, checkMaven } from '@subsync/local-infra';
import { checkChromium } from '@subsync/testkit';
import { aptGetInstall, canUseAptGet } from './apt-get';
import {
  type Command,
  debianPackages,
  type MachineFacts,
  missingLine,
  missingTools,
  type Need,
} from './requirements';

// Run by `npm start` and `npm test` before anything else: brings what the machine lacks when it
// can (root on Debian, as CI runs), and otherwise stops at once with one line naming what to install.

async function facts(): Promise<MachineFacts> {
  const [java, maven, chromium] = await Promise.all([checkJava(), checkMaven(), checkChromium()]);
  const { SUBSYNC_INFRA, KAFKA_BROKERS, CHROMIUM_PATH } = process.env;
  return { java, maven, chromium, env: { SUBSYNC_INFRA, KAFKA_BROKERS, CHROMIUM_PATH } };
}

/** `npm start` without Java picks Testcontainers by itself when a container engine answers. */
async function dockerStandsIn(command: Command, needs: readonly Need[]): Promise<boolean> {
  return (
    command === 'start' && needs.every((need) => need.forLocalKafka) && (await checkDocker()).ok
  );
}

async function main(command: Command): Promise<number> {
  let needs = missingTools(command, await facts());
  if (needs.length === 0) return 0;
  const packages = debianPackages(needs);
  if (packages && canUseAptGet()) {
    process.stdout.write(`npm ${command}: installing ${packages.join(' ')} with apt-get…\n`);
    aptGetInstall(packages);
    needs = missingTools(command, await facts());
    if (needs.length === 0) return 0;
  }
  if (await dockerStandsIn(command, needs)) return 0;
  process.stderr.write(`${missingLine(command, needs)}\n`);
  return 1;
}

const command = process.argv[2];
if (command !== 'start' && command !== 'test') {
  process.stderr.write('usage: preflight start|test\n');
  process.exit(2);
}
main(command).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `preflight failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
