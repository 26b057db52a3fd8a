import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ConfigError, JsonLogger, loadConfig, type AppConfig } from '@cp/config';

type ServiceOptions = {
  /** For HTTP services: set up the app (body parsing, filters) and return the port to listen on. */
  http?: (app: INestApplication, config: AppConfig) => number;
};

/**
 * Starts one service as its own process: validated config, JSON logs, graceful shutdown on SIGTERM/SIGINT,
 * and one `ready` log line that launchers (npm start, e2e tests) wait for.
 */
export async function runService(service: string, rootModule: unknown, options: ServiceOptions = {}): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = new JsonLogger(service, config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
  try {
    let app: INestApplicationContext;
    if (options.http) {
      const httpApp = await NestFactory.create(rootModule as never, { logger, bodyParser: false });
      const port = options.http(httpApp, config);
      httpApp.enableShutdownHooks();
      await httpApp.listen(port, '0.0.0.0');
      app = httpApp;
      logger.info('ready', { port, url: `http://localhost:${port}` });
    } else {
      app = await NestFactory.createApplicationContext(rootModule as never, { logger });
      app.enableShutdownHooks();
      await app.init();
      logger.info('ready');
    }
  } catch (error) {
    logger.error('failed to start', { error });
    process.exit(1);
  }
}
