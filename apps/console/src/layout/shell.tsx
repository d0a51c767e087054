import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { paths } from '../routes';

const NAV = [
  { href: paths.events, label: 'Events' },
  { href: paths.subscriptions, label: 'Subscriptions' },
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
        <button type="button" class="button button-quiet" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main class="content">{children}</main>
    </div>
  );
}
