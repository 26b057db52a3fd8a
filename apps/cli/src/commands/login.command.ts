import type { Command } from 'commander';
import { ControlPlaneClient, DEFAULT_BASE_URL, JobError } from '@cp/sdk';
import type { CliContext } from '../cli-context';
import { AuthRequiredError, UsageError } from '../cli-errors';
import { configFilePath, writeConfigFile } from '../config/config-file';
import { ask, askSecret } from '../prompt';

type LoginOptions = { url?: string; token?: string; verify: boolean };

export function registerLogin(program: Command, ctx: CliContext): void {
  program
    .command('login')
    .description('Store the control plane URL and your API token in ~/.config/jobs-control-plane/config.json (mode 0600)')
    .option('--no-verify', 'save without checking the token against the server')
    .addHelpText('after', '\nExamples:\n  $ jobs login --url http://localhost:8000 --token "$TOKEN"\n  $ jobs login            # asks for both in a terminal')
    .action(async (options: LoginOptions, command: Command) => {
      const globals = command.optsWithGlobals() as LoginOptions;
      const url = globals.url ?? (ctx.terminal.stdinIsTTY ? (await ask(`Control plane URL [${DEFAULT_BASE_URL}]: `)) || DEFAULT_BASE_URL : undefined);
      const token = globals.token ?? (ctx.terminal.stdinIsTTY ? await askSecret('API token: ') : undefined);
      if (!url || !token) throw new UsageError('jobs login needs --url <url> and --token <token> when not running in a terminal');
      const client = newClient(url, token);
      if (options.verify) await verify(client, url);
      const path = configFilePath(ctx.terminal.env);
      writeConfigFile(path, { url: client.baseUrl, token });
      ctx.terminal.out(`Logged in to ${client.baseUrl}; settings saved in ${path}\n`);
    });
}

function newClient(url: string, token: string): ControlPlaneClient {
  try {
    return new ControlPlaneClient({ baseUrl: url, apiKey: token, retry: { retries: 1 } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function verify(client: ControlPlaneClient, url: string): Promise<void> {
  try {
    await client.jobs.list({ enabled: true });
  } catch (error) {
    if (error instanceof JobError && error.isAuthError) throw new AuthRequiredError(`${url} refused the token: ${error.message}`);
    throw error;
  }
}
