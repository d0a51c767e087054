import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ToolCheck {
  ok: boolean;
  /** What was found, or why not: goes into error messages. */
  detail: string;
}

export interface JavaCheck extends ToolCheck {
  /** The java executable to run (JAVA_HOME wins over PATH, as in Kafka's own scripts). */
  bin: string;
  major?: number;
}

export const MIN_JAVA_MAJOR = 17;

interface CommandResult {
  ok: boolean;
  output: string;
  error?: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, windowsHide: true }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`.trim();
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        resolve({
          ok: false,
          output,
          error: code === 'ENOENT' ? 'not found on PATH' : error.message,
        });
      } else {
        resolve({ ok: true, output });
      }
    });
  });
}

export function javaBinary(): string {
  const javaHome = process.env['JAVA_HOME'];
  const candidate = javaHome
    ? join(javaHome, 'bin', process.platform === 'win32' ? 'java.exe' : 'java')
    : '';
  return candidate && existsSync(candidate) ? candidate : 'java';
}

/** Parses `java -version` output: "17.0.15", "21", or the old "1.8.0_202" form. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) {
    return undefined;
  }
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

export async function checkJava(): Promise<JavaCheck> {
  const bin = javaBinary();
  const result = await run(bin, ['-version'], 15_000);
  if (!result.ok) {
    return { ok: false, bin, detail: `java ${result.error ?? 'failed'}` };
  }
  const major = parseJavaMajor(result.output);
  if (major === undefined) {
    return {
      ok: false,
      bin,
      detail: `could not read the Java version from: ${result.output.split('\n')[0] ?? ''}`,
    };
  }
  if (major < MIN_JAVA_MAJOR) {
    return { ok: false, bin, major, detail: `java ${major} found, ${MIN_JAVA_MAJOR}+ needed` };
  }
  return { ok: true, bin, major, detail: `java ${major}` };
}

export function mavenBinary(): string {
  return process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
}

export async function checkMaven(): Promise<ToolCheck> {
  const result = await run(mavenBinary(), ['-v'], 30_000);
  if (!result.ok) {
    return { ok: false, detail: `mvn ${result.error ?? 'failed'}` };
  }
  const match = /Apache Maven (\S+)/.exec(result.output);
  return { ok: true, detail: `maven ${match?.[1] ?? '(unknown version)'}` };
}

let dockerCheck: Promise<ToolCheck> | undefined;

/** Whether Testcontainers can reach a container engine (any strategy it supports). Cached. */
export function checkDocker(timeoutMs = 10_000): Promise<ToolCheck> {
  dockerCheck ??= probeDocker(timeoutMs);
  return dockerCheck;
}

async function probeDocker(timeoutMs: number): Promise<ToolCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    // Loaded lazily: the local path must not pay for (or depend on) testcontainers.
    const { getContainerRuntimeClient } = await import('testcontainers');
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const client = await Promise.race([getContainerRuntimeClient(), timeout]);
    return { ok: true, detail: `container runtime ${client.info.containerRuntime.host}` };
  } catch (error) {
    return {
      ok: false,
      detail: `no container runtime (${error instanceof Error ? error.message : String(error)})`,
    };
  } finally {
    clearTimeout(timer);
  }
}
