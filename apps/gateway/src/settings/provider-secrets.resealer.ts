import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AUTH_PROVIDERS, type AuthProviders, SecretSealer } from '@subsync/persistence';

/**
 * At start, seals again every provider secret that SECRETS_KEY did not seal: this finishes a
 * key rotation (values of SECRETS_KEY_PREVIOUS) and seals any plaintext put in by hand.
 */
@Injectable()
export class ProviderSecretsResealer implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProviderSecretsResealer.name);

  constructor(
    @Inject(AUTH_PROVIDERS) private readonly providers: AuthProviders,
    private readonly sealer: SecretSealer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.reseal();
    } catch (error) {
      // Not worth refusing to start for: the values stay readable, and the next start retries.
      this.logger.warn(
        `could not reseal the authentication provider secrets: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async reseal(): Promise<void> {
    if (!this.sealer.canSeal) {
      const stored = await this.providers.withSecrets();
      if (stored.length > 0) {
        this.logger.warn(
          `SECRETS_KEY is not set: authentication providers with an HS256 secret (${stored.join(', ')}) cannot verify logins, which are answered 503, until it is`,
        );
      }
      return;
    }
    const { sealed, unreadable } = await this.providers.sealSecrets(this.sealer);
    if (sealed.length > 0) {
      this.logger.log(
        `sealed the secrets of authentication providers ${sealed.join(', ')} with SECRETS_KEY`,
      );
    }
    for (const { id, reason } of unreadable) {
      this.logger.warn(`authentication provider '${id}': ${reason}; its logins are answered 503`);
    }
  }
}
