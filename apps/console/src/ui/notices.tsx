import type { ComponentChildren } from 'preact';
import { errorMessage } from '../api/api-errors';

export function Loading({ what }: { what: string }) {
  return (
    <p class="notice notice-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}

/** An error in words: the API's `{message}`, or why the gateway could not be reached. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  return (
    <div class="callout callout-error" role="alert">
      {title !== undefined && <strong>{title} </strong>}
      {errorMessage(error)}
    </div>
  );
}

/** Says what is empty and why. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children !== undefined && <p class="muted">{children}</p>}
    </div>
  );
}
