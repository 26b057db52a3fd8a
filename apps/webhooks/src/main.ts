import { runService } from '@cp/runtime';
import { WebhooksModule } from './webhooks.module';

void runService('webhooks', WebhooksModule, {
  http: (app, config) => {
    const express = app.getHttpAdapter().getInstance();
    express.disable('x-powered-by');
    return config.webhooksPort;
  },
});
