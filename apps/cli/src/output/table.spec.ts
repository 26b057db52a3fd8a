import { renderTable, type Column } from './table';
import { visibleWidth } from './style';

type Row = { id: string; name: string; note: string };
const columns: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id, minWidth: 11, priority: 10 },
  { header: 'NAME', value: (r) => r.name, priority: 9 },
  { header: 'NOTE', value: (r) => r.note, priority: 1 },
];
const rows: Row[] = [
  { id: 'job_0123456', name: 'a rather long job name', note: 'something to say' },
  { id: 'job_9', name: 'short', note: '' },
];

describe('renderTable', () => {
  it('aligns columns at their natural width when there is room', () => {
    expect(renderTable(columns, rows, 200)).toBe(
      ['ID           NAME                    NOTE', 'job_0123456  a rather long job name  something to say', 'job_9        short'].join('\n') + '\n',
    );
  });

  it('cuts the widest cells with an ellipsis to fit the width', () => {
    const lines = renderTable(columns, rows, 40).trimEnd().split('\n');
    lines.forEach((line) => expect(visibleWidth(line)).toBeLessThanOrEqual(40));
    expect(lines[1]).toContain('job_0123456');
    expect(lines[1]).toContain('…');
  });

  it('drops the lowest-priority columns when even the minimum widths do not fit, and never cuts below a minimum width', () => {
    const text = renderTable(columns, rows, 22);
    expect(text).not.toContain('NOTE');
    expect(text).toContain('job_0123456');
  });

  it('colours after fitting, so alignment is unchanged', () => {
    const coloured: Column<Row>[] = columns.map((c) => ({ ...c, color: (text: string) => `\x1b[32m${text}\x1b[39m` }));
    const plain = renderTable(columns, rows, 200);
    expect(renderTable(coloured, rows, 200).replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });
});
