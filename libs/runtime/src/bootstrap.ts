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
      await httpApp.listen(port, '0.0.0.0');
      app = httpApp;
      logger.info('ready', { port, url: `http://localhost:${port}` });
    } else {
      app = await NestFactory.createApplicationContext(rootModule as never, { logger });
      await app.init();
      logger.info('ready');
    }
    closeOnSignals(app, logger);
  } catch (error) {
    logger.error('failed to start', { error });
    process.exit(1);
  }
}

/**
 * SIGTERM/SIGINT: stop taking work, let what runs finish (Nest shutdown hooks of each module), close connections,
 * exit 0. Nest's own enableShutdownHooks() re-raises the signal, which would end the process with a signal status.
 */
function closeOnSignals(app: INestApplicationContext, logger: JsonLogger): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info('shutting down', { signal });
    const forced = setTimeout(() => {
      logger.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000);
    forced.unref();
    try {
      await app.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error('error while shutting down', { error });
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
}
