import { Command } from 'commander';
import { SDK_VERSION } from '@cp/sdk';
import type { CliContext, GlobalOptions } from './cli-context';
import { registerAdmin } from './commands/admin-rebuild.command';
import { registerAudit } from './commands/audit.command';
import { registerDelete } from './commands/delete.command';
import { registerLogs, registerTrigger } from './commands/execution-commands';
import { registerLogin } from './commands/login.command';
import { registerExecutions, registerGet, registerList } from './commands/read-commands';
import { registerCreate, registerToggle, registerUpdate } from './commands/write-commands';

const EXAMPLES = `
Examples:
  $ jobs login --url http://localhost:8000 --token "$TOKEN"
  $ jobs list
  $ jobs list -o json | jq -r '.[] | [.id, .name] | @tsv'
  $ jobs create --name "daily-report" --agent <agent-id> --schedule "0 9 * * *" --prompt "Generate daily report"
  $ jobs get <job-id>
  $ jobs trigger <job-id> --param environment=staging --follow
  $ jobs executions <job-id> --limit 10
  $ jobs disable <job-id>

Settings: flags win over CONTROL_PLANE_URL / CONTROL_PLANE_API_KEY (or KUBIYA_CONTROL_PLANE_BASE_URL / KUBIYA_API_KEY),
which win over the file written by 'jobs login'.
Exit codes: 0 ok, 1 server or connection failure, 2 usage error, 3 not found, 4 authentication.`;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('jobs')
    .description('Manage background jobs of the job control plane: cron, webhook and manual jobs, their runs and logs')
    .version(SDK_VERSION, '-V, --version')
    .option('--url <url>', 'control plane URL (default: env, then jobs login, then http://localhost:8000)')
    .option('--token <token>', 'API token (default: env CONTROL_PLANE_API_KEY, then jobs login)')
    .option('--no-color', 'no colours (also when NO_COLOR is set or output is not a terminal)')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeOut: (text) => ctx.terminal.out(text), writeErr: (text) => ctx.terminal.err(text) })
    .showSuggestionAfterError(true)
    .hook('preAction', (_program, action) => ctx.configure(action.optsWithGlobals() as GlobalOptions));
  registerList(program, ctx);
  registerGet(program, ctx);
  registerCreate(program, ctx);
  registerUpdate(program, ctx);
  registerTrigger(program, ctx);
  registerToggle(program, ctx, 'enable');
  registerToggle(program, ctx, 'disable');
  registerExecutions(program, ctx);
  registerLogs(program, ctx);
  registerDelete(program, ctx);
  registerLogin(program, ctx);
  registerAudit(program, ctx);
  registerAdmin(program, ctx);
  return program;
}
