import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError, JsonLogger, loadConfig } from '@cp/config';
import type { AppConfig } from '@cp/config';
import type { ProjectionRunner } from '@cp/read-model';
import { ProjectorModule } from './projector.module';
import { PROJECTION_RUNNER } from './projector.tokens';

const SERVICE = 'projector';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = new JsonLogger(SERVICE, config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(ProjectorModule.forConfig(config, logger), { logger });
    await app.init();
  } catch (error) {
    logger.error('failed to start', { error });
    process.exit(1);
  }
  const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
  logger.info('ready', { projection: runner.name, checkpoint: await runner.checkpoint(), schema: config.dbSchema, eventStore: config.eventStore });
  handleShutdown(app, logger);
}

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${SERVICE}: ${error.message}\n`);
    process.exit(78);
  }
}

/** SIGTERM/SIGINT: stop the subscription, let the current transaction commit, close connections, exit 0. */
function handleShutdown(app: INestApplicationContext, logger: JsonLogger): void {
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing) return;
    closing = true;
    logger.info('shutting down', { signal });
    try {
      await app.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error('shutdown failed', { error });
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

void main();
