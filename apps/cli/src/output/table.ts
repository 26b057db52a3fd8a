import { pad, truncate, visibleWidth } from './style';

export type Column<Row> = {
  header: string;
  value: (row: Row) => string;
  /** Applied after fitting, so colour never changes a width. */
  color?: (text: string, row: Row) => string;
  /** Never shrunk below this (ids stay whole so they can be copied). */
  minWidth?: number;
  /** Columns with the lowest priority are dropped first when even minimum widths do not fit. */
  priority?: number;
};

const GAP = 2;

/** A plain-text table fitted to `width`: long cells are cut with "…", then low-priority columns are dropped. */
export function renderTable<Row>(columns: Column<Row>[], rows: Row[], width: number, header: (text: string) => string = (t) => t): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row).replace(/\s*\n\s*/g, ' ')));
  const kept = keepColumns(columns, cells, width);
  const widths = fitWidths(kept.map((i) => naturalWidth(columns[i], cells, i)), kept.map((i) => minWidthOf(columns[i])), width);
  const line = (values: string[], colorize: (text: string, index: number) => string) =>
    kept.map((columnIndex, k) => {
      const text = truncate(values[columnIndex], widths[k]);
      const shown = text === '' ? text : colorize(text, columnIndex);
      return k === kept.length - 1 ? shown : pad(shown, widths[k]);
    }).join(' '.repeat(GAP)).trimEnd();
  const out = [line(columns.map((c) => c.header), (text) => header(text))];
  rows.forEach((row, r) => out.push(line(cells[r], (text, c) => columns[c].color?.(text, row) ?? text)));
  return `${out.join('\n')}\n`;
}

function naturalWidth<Row>(column: Column<Row>, cells: string[][], index: number): number {
  return Math.max(visibleWidth(column.header), ...cells.map((row) => visibleWidth(row[index])));
}

function minWidthOf<Row>(column: Column<Row>): number {
  return Math.max(column.minWidth ?? 6, Math.min(visibleWidth(column.header), 12));
}

function keepColumns<Row>(columns: Column<Row>[], cells: string[][], width: number): number[] {
  let kept = columns.map((_, i) => i);
  const needed = (indexes: number[]) => indexes.reduce((sum, i) => sum + Math.min(naturalWidth(columns[i], cells, i), minWidthOf(columns[i])), 0) + GAP * (indexes.length - 1);
  while (kept.length > 1 && needed(kept) > width) {
    const drop = kept.reduce((lowest, i) => ((columns[i].priority ?? 0) < (columns[lowest].priority ?? 0) ? i : lowest), kept[kept.length - 1]);
    kept = kept.filter((i) => i !== drop);
  }
  return kept;
}

/** Shrinks the widest columns first until the row fits, never below a column's minimum. */
function fitWidths(natural: number[], minimum: number[], width: number): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > width) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > Math.min(minimum[i], natural[i]) && (widest === -1 || w > widths[widest])) widest = i;
    });
    if (widest === -1) break;
    widths[widest] -= 1;
  }
  return widths;
}
