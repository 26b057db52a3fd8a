// Prints a development token: organization org_dev, user dev-user. Never valid in production (other JWT_SECRET).
import { loadConfig, signAccessToken } from '@cp/config';

const config = loadConfig();
process.stdout.write(`${signAccessToken({ organizationId: process.env.DEV_ORG_ID ?? 'org_dev', userId: process.env.DEV_USER_ID ?? 'dev-user', email: process.env.DEV_USER_EMAIL ?? 'dev@example.com' }, config.jwtSecret)}\n`);
