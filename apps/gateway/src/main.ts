import { runService } from '@cp/runtime';
import { GatewayModule } from './gateway.module';
import { jsonBodyParser } from './http/body-parser';
import { recordHttpMetrics } from './metrics/http-metrics';

void runService('gateway', GatewayModule, {
  http: (app, config) => {
    app.use(recordHttpMetrics);
    app.use(jsonBodyParser);
    const express = app.getHttpAdapter().getInstance();
    express.disable('x-powered-by');
    express.set('trust proxy', true);
    return config.gatewayPort;
  },
});
