import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-errors';
import { confirm } from '../prompt';

export function registerDelete(program: Command, ctx: CliContext): void {
  program
    .command('delete')
    .alias('rm')
    .argument('<job-id>', 'job id')
    .description('Delete a job permanently (its event history stays for audit)')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', '\nExamples:\n  $ jobs delete <job-id>\n  $ jobs delete <job-id> --yes')
    .action(async (jobId: string, options: { yes?: boolean }) => {
      const client = ctx.client();
      if (!options.yes) {
        if (!ctx.terminal.stdinIsTTY) throw new UsageError('refusing to delete without confirmation: pass --yes when not running in a terminal');
        const job = await client.jobs.get(jobId);
        if (!(await confirm(`Delete job ${job.id} ("${job.name}")?`))) {
          ctx.note('Nothing deleted.');
          return;
        }
      }
      await client.jobs.delete(jobId);
      ctx.terminal.out(`Deleted job ${jobId}\n`);
    });
}
