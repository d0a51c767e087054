import { ConfigError } from './config-error';

/**
 * Reads configuration before a service starts. Invalid configuration stops the process with
 * one clear line naming the variable, and no stack trace.
 */
export function loadConfigOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
