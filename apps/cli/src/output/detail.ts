import { pad, visibleWidth } from './style';

export type DetailRow = [label: string, value: string];

/** `Label:  value` lines; multi-line values are indented under their label. Rows with an undefined value are left out. */
export function renderDetail(rows: (DetailRow | null)[], label: (text: string) => string = (t) => t): string {
  const present = rows.filter((row): row is DetailRow => row !== null);
  const width = Math.max(...present.map(([name]) => visibleWidth(name))) + 1;
  return present
    .map(([name, value]) => {
      const [first, ...rest] = value.split('\n');
      const indent = ' '.repeat(width + 2);
      return [`${label(pad(`${name}:`, width))}  ${first}`, ...rest.map((line) => `${indent}${line}`)].join('\n');
    })
    .join('\n')
    .concat('\n');
}
