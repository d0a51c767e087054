import { paths } from '../routes';

export function NotFoundPage() {
  return (
    <section>
      <h1>No page here</h1>
      <p>
        The console has no page at this address. Go to the <a href={paths.events}>Events</a> log.
      </p>
    </section>
  );
}
