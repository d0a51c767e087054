import { useApi } from '../api/api-context';
import type { ProviderInfo } from '../api/api-types';
import { type Resource, useResource } from '../ui/use-resource';

/** The gateway's providers (`GET /api/providers`), fetched once per sign-in. */
export function useProviders(): Resource<ProviderInfo[]> {
  const api = useApi();
  return useResource(async () => (await api.listProviders()).providers, 'providers');
}
