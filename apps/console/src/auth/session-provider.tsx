import type { ComponentChildren } from 'preact';
import { useApi } from '../api/api-context';
import { useResource } from '../ui/use-resource';
import { SessionContext } from './session-context';

/** Asks the gateway once what the token may do, so pages show only the actions it allows. */
export function SessionProvider({ children }: { children: ComponentChildren }) {
  const api = useApi();
  const session = useResource((signal) => api.getSession(signal), 'session');
  return <SessionContext.Provider value={session.data ?? null}>{children}</SessionContext.Provider>;
}
