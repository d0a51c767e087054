import { jestInfraState } from './jest-infra-state';

/** Stops what global-setup started and forgets the addresses it exported. Idempotent. */
export default async function globalTeardown(): Promise<void> {
  const state = jestInfraState();
  const { kafka, postgres } = state;
  state.kafka = undefined;
  state.postgres = undefined;
  const results = await Promise.allSettled([kafka?.stop(), postgres?.stop()]);
  for (const name of state.exportedEnv.splice(0)) {
    delete process.env[name];
  }
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) {
    const reason: unknown = failed.reason;
    throw reason instanceof Error ? reason : new Error(String(reason));
  }
}
