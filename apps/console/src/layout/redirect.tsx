import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';

/** Replaces the current URL (so Back does not bounce here again). */
export function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => {
    route(to, true);
  }, [to, route]);
  return null;
}
