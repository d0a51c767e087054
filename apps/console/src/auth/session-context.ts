import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, Session } from '../api/api-types';

/** The signed-in token's session; null until the gateway said (or when it could not). */
export const SessionContext = createContext<Session | null>(null);

/** Whether the signed-in token may do what `role` covers. Unknown means no: hide, not fail. */
export function useCan(role: Role): boolean {
  return can(useContext(SessionContext), role);
}

export function useSession(): Session | null {
  return useContext(SessionContext);
}

export function can(session: Session | null, role: Role): boolean {
  return session?.roles.includes(role) ?? false;
}
