import { useCallback, useMemo, useState } from 'preact/hooks';
import { lazy, LocationProvider, Route, Router } from 'preact-iso';
import { ApiClient } from './api/api-client';
import { ApiContext } from './api/api-context';
import { SessionProvider } from './auth/session-provider';
import { SignInPage } from './auth/sign-in-page';
import { clearToken, readToken, saveToken } from './auth/token-store';
import { BackfillDetailPage } from './backfills/backfill-detail-page';
import { BackfillsPage } from './backfills/backfills-page';
import { EventDetailPage } from './events/event-detail-page';
import { EventsPage } from './events/events-page';
import { NotFoundPage } from './layout/not-found-page';
import { Redirect } from './layout/redirect';
import { Shell } from './layout/shell';
import { BASE, paths } from './routes';
import { SettingsPage } from './settings/settings-page';
import { SubscriptionDetailPage } from './subscriptions/subscription-detail-page';
import { SubscriptionsPage } from './subscriptions/subscriptions-page';

// The charts (uPlot) load with the overview page only, so the other pages stay as small as before.
const OverviewPage = lazy(() =>
  import('./overview/overview-page').then((module) => module.OverviewPage),
);

function ConsoleHome() {
  return <Redirect to={paths.events} />;
}

export function App() {
  const [token, setToken] = useState(readToken);
  const [rejection, setRejection] = useState<string | null>(null);

  const signOut = useCallback((reason: string | null) => {
    clearToken();
    setRejection(reason);
    setToken(null);
  }, []);
  const api = useMemo(
    () => (token === null ? null : new ApiClient(token, (message) => signOut(message))),
    [token, signOut],
  );

  return (
    <LocationProvider scope={BASE}>
      {api === null ? (
        <SignInPage
          rejection={rejection}
          onSignIn={(value) => {
            saveToken(value);
            setRejection(null);
            setToken(value);
          }}
        />
      ) : (
        <ApiContext.Provider value={api}>
          <SessionProvider>
            <Shell onSignOut={() => signOut(null)}>
              <Router>
                <Route path={BASE} component={ConsoleHome} />
                <Route path={paths.overview} component={OverviewPage} />
                <Route path={paths.events} component={EventsPage} />
                <Route path={`${paths.events}/:id`} component={EventDetailPage} />
                <Route path={paths.subscriptions} component={SubscriptionsPage} />
                <Route path={`${paths.subscriptions}/:id`} component={SubscriptionDetailPage} />
                <Route path={paths.backfills} component={BackfillsPage} />
                <Route path={`${paths.backfills}/:id`} component={BackfillDetailPage} />
                <Route path={paths.settings} component={SettingsPage} />
                <Route default component={NotFoundPage} />
              </Router>
            </Shell>
          </SessionProvider>
        </ApiContext.Provider>
      )}
    </LocationProvider>
  );
}
