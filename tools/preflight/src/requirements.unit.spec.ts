import { debianPackages, type MachineFacts, missingLine, missingTools } from './requirements';

const found = { ok: true, detail: 'found' };
const everything: MachineFacts = { java: found, maven: found, chromium: found, env: {} };
const bare: MachineFacts = {
  java: { ok: false, detail: 'java not found on PATH' },
  maven: { ok: false, detail: 'mvn not found on PATH' },
  chromium: { ok: false, detail: 'no executable at /usr/bin/chromium' },
  env: {},
};

describe('missingTools', () => {
  it('asks nothing of a machine that has everything', () => {
    expect(missingTools('test', everything)).toEqual([]);
    expect(missingTools('start', everything)).toEqual([]);
  });

  it('npm test on a bare machine needs Java, Maven and Chromium, all from Debian packages', () => {
    const needs = missingTools('test', bare);
    expect(needs.map((need) => need.what)).toEqual(['Java 17+', 'Maven', 'Chromium']);
    expect(debianPackages(needs)).toEqual(['default-jre-headless', 'maven', 'chromium']);
  });

  it('npm start never needs Chromium', () => {
    expect(debianPackages(missingTools('start', bare))).toEqual(['default-jre-headless', 'maven']);
  });

  it('npm start with KAFKA_BROKERS needs no Java; npm test still does, for its own broker', () => {
    const facts = { ...bare, env: { KAFKA_BROKERS: 'kafka:9092' } };
    expect(missingTools('start', facts)).toEqual([]);
    expect(missingTools('test', facts).map((need) => need.what)).toEqual([
      'Java 17+',
      'Maven',
      'Chromium',
    ]);
  });

  it('on the Testcontainers path neither command needs Java or Maven', () => {
    const facts = { ...bare, env: { SUBSYNC_INFRA: 'testcontainers' } };
    expect(missingTools('start', facts)).toEqual([]);
    expect(missingTools('test', facts).map((need) => need.what)).toEqual(['Chromium']);
  });

  it('a Java older than 17 counts as missing', () => {
    const facts = { ...everything, java: { ok: false, detail: 'java 11 found, 17+ needed' } };
    expect(missingTools('start', facts)).toEqual([
      {
        what: 'Java 17+',
        found: 'java 11 found, 17+ needed',
        debianPackage: 'default-jre-headless',
        forLocalKafka: true,
      },
    ]);
  });

  it('a CHROMIUM_PATH to nothing is not fixed by installing Debian Chromium', () => {
    const facts = {
      ...bare,
      chromium: { ok: false, detail: 'no executable at /opt/chrome' },
      env: { CHROMIUM_PATH: '/opt/chrome' },
    };
    const needs = missingTools('test', facts);
    expect(needs.at(-1)?.debianPackage).toBeUndefined();
    expect(debianPackages(needs)).toBeUndefined();
  });
});

describe('missingLine', () => {
  it('names each missing tool with what was found, the packages, and the alternatives, on one line', () => {
    const line = missingLine('test', missingTools('test', bare));
    expect(line).toBe(
      'npm test needs Java 17+ (java not found on PATH), Maven (mvn not found on PATH), ' +
        'Chromium (no executable at /usr/bin/chromium): install them ' +
        '(Debian: apt-get install default-jre-headless maven chromium), ' +
        'or use Docker with SUBSYNC_INFRA=testcontainers instead of Java and Maven, ' +
        'or set CHROMIUM_PATH to another Chromium',
    );
    expect(line).not.toContain('\n');
  });
});
