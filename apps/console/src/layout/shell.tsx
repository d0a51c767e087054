import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { useSession } from '../auth/session-context';
import { paths } from '../routes';

const NAV = [
  { href: paths.overview, label: 'Overview' },
  { href: paths.events, label: 'Events' },
  { href: paths.subscriptions, label: 'Subscriptions' },
  { href: paths.backfills, label: 'Backfills' },
  { href: paths.settings, label: 'Settings' },
];

export function Shell({
  onSignOut,
  children,
}: {
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const { path } = useLocation();
  const session = useSession();
  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href={paths.events}>
          subsync <span class="brand-sub">console</span>
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map(({ href, label }) => {
              const current = path === href || path.startsWith(`${href}/`);
              return (
                <li key={href}>
                  <a href={href} aria-current={current ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        {session !== null && (
          <span class="session small" data-testid="session">
            <span class="mono">{session.subject}</span>
            {' · '}
            {session.roles.length > 0 ? session.roles.join(', ') : 'no role'}
          </span>
        )}
        <button type="button" class="button button-quiet" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main class="content">{children}</main>
    </div>
  );
}
