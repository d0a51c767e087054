import { access, constants } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { type ToolCheck } from '@subsync/local-infra';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Chromium stays quiet on a closed network: without these it keeps calling Google services
 * (updates, sync, QUIC probes) and floods the logs with refused connections.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LaunchBrowserOptions {
  /** Defaults to `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
  executablePath?: string;
}

/** The Chromium the browser tests run: `CHROMIUM_PATH`, else Debian's. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM_PATH;
}

/** Whether `executablePath` is a file this process may run. */
export async function checkChromium(executablePath = chromiumPath()): Promise<ToolCheck> {
  try {
    await access(executablePath, constants.X_OK);
    return { ok: true, detail: `chromium ${executablePath}` };
  } catch {
    return { ok: false, detail: `no executable at ${executablePath}` };
  }
}

/**
 * A headless Chromium for the console's browser tests, driven by playwright-core with the
 * system's Chromium (playwright never downloads a browser here). Close it when done.
 */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? chromiumPath();
  if (!(await checkChromium(executablePath)).ok) {
    throw new Error(
      `No Chromium at ${executablePath}: install Debian's chromium: apt-get install chromium ` +
        '(or set CHROMIUM_PATH to a Chromium executable)',
    );
  }
  // Loaded on demand, like testcontainers: suites without a browser never pay for it.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
