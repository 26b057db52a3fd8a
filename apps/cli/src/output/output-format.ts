import { Option } from 'commander';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function outputOption(): Option {
  return new Option('-o, --output <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table');
}

/** JSON and YAML print the server's data unchanged (pipe JSON into jq); tables are for people. */
export function formatData(format: OutputFormat, data: unknown, table: () => string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
    case 'yaml':
      return toYaml(data);
    case 'table':
      return table();
    default: {
      const unknownFormat: never = format;
      throw new Error(`Unknown output format ${String(unknownFormat)}`);
    }
  }
}

function toYaml(data: unknown): string {
  // Loaded only when asked for, to keep start-up fast.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof import('yaml');
  return yaml.stringify(data, { lineWidth: 0 });
}
