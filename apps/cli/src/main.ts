import { CommanderError } from 'commander';
import { CliContext } from './cli-context';
import { EXIT, errorLines, exitCodeFor } from './cli-errors';
import { buildProgram } from './cli-program';
import { createStyle } from './output/style';
import { processTerminal, type Terminal } from './terminal';

/** Runs one `jobs ...` invocation and returns its exit code; errors go to stderr, data to stdout. */
export async function run(argv: string[], terminal: Terminal = processTerminal()): Promise<number> {
  const ctx = new CliContext(terminal);
  const program = buildProgram(ctx);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has already printed its own message (unknown option, missing argument, --help, --version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const style = createStyle(ctx.terminal.colorErr);
    errorLines(error).forEach((line, index) => ctx.terminal.err(`${index === 0 ? style.red(line) : line}\n`));
    return exitCodeFor(error);
  }
}
