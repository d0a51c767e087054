// What `npm start` and `npm test` need from the machine, decided from what was found. Pure: the
// checks are done by the caller, so every case can be tested without changing the machine.

export type Command = 'start' | 'test';

export interface Found {
  ok: boolean;
  /** What was found, or why not. */
  detail: string;
}

export interface MachineFacts {
  java: Found;
  maven: Found;
  chromium: Found;
  /** Only the variables that change what is needed. */
  env: { SUBSYNC_INFRA?: string; KAFKA_BROKERS?: string; CHROMIUM_PATH?: string };
}

export interface Need {
  what: string;
  /** What was found instead. */
  found: string;
  /** The Debian package that provides it; none when installing would not help. */
  debianPackage?: string;
  /** Needed only to run the local Kafka broker (Docker can stand in with `npm start`). */
  forLocalKafka: boolean;
}

/** `default-jre-headless` is Java 17 on Debian 12 and 21 on Debian 13 (which has no 17). */
const JAVA_PACKAGE = 'default-jre-headless';

export function missingTools(command: Command, facts: MachineFacts): Need[] {
  const needs: Need[] = [];
  // The local broker runs on Java with jars fetched by Maven. `npm test` needs it even with
  // KAFKA_BROKERS set: the broker-faults suite crashes a broker of its own.
  const localKafka =
    facts.env.SUBSYNC_INFRA?.trim() !== 'testcontainers' &&
    !(command === 'start' && facts.env.KAFKA_BROKERS?.trim());
  if (localKafka && !facts.java.ok) {
    needs.push({
      what: 'Java 17+',
      found: facts.java.detail,
      debianPackage: JAVA_PACKAGE,
      forLocalKafka: true,
    });
  }
  if (localKafka && !facts.maven.ok) {
    needs.push({
      what: 'Maven',
      found: facts.maven.detail,
      debianPackage: 'maven',
      forLocalKafka: true,
    });
  }
  if (command === 'test' && !facts.chromium.ok) {
    needs.push({
      what: 'Chromium',
      found: facts.chromium.detail,
      // Installing Debian's Chromium does not fix a CHROMIUM_PATH that points elsewhere.
      ...(facts.env.CHROMIUM_PATH?.trim() ? {} : { debianPackage: 'chromium' }),
      forLocalKafka: false,
    });
  }
  return needs;
}

/** The Debian packages to install, or undefined when apt-get cannot provide every need. */
export function debianPackages(needs: readonly Need[]): string[] | undefined {
  const packages = needs.map((need) => need.debianPackage);
  return packages.every((name): name is string => name !== undefined) ? packages : undefined;
}

/** The one line that says what to install, naming what was found. */
export function missingLine(command: Command, needs: readonly Need[]): string {
  const parts = needs.map((need) => `${need.what} (${need.found})`);
  const alternatives = [
    needs.some((need) => need.forLocalKafka)
      ? 'use Docker with SUBSYNC_INFRA=testcontainers instead of Java and Maven'
      : undefined,
    needs.some((need) => need.what === 'Chromium')
      ? 'set CHROMIUM_PATH to another Chromium'
      : undefined,
  ].filter((text) => text !== undefined);
  const packages = needs.flatMap((need) => (need.debianPackage ? [need.debianPackage] : []));
  return (
    `npm ${command} needs ${parts.join(', ')}: install ${needs.length > 1 ? 'them' : 'it'}` +
    (packages.length > 0 ? ` (Debian: apt-get install ${packages.join(' ')})` : '') +
    (alternatives.length > 0 ? `, or ${alternatives.join(', or ')}` : '')
  );
}
