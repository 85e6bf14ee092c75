import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DemoSeed } from './demo-seed';

/** At start: the first admin, then (with SEED_DEMO) the demo retailer, each only once. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  constructor(
    private readonly auth: AuthService,
    private readonly demo: DemoSeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.auth.ensureAdmin();
    if (this.config.seedDemo) await this.demo.run(this.config);
  }
}
