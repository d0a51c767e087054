import { AuthProvidersSection } from './auth-providers-section';
import { HotSyncSetting } from './hot-sync-setting';

export function SettingsPage() {
  return (
    <section>
      <div class="page-head">
        <h1>Settings</h1>
      </div>
      <HotSyncSetting />
      <AuthProvidersSection />
    </section>
  );
}
