const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], cyan: [36, 39], gray: [90, 39] } as const;
export type StyleName = keyof typeof CODES;
export type Style = Record<StyleName, (text: string) => string>;

/** ANSI styles, or identity functions when colour is off. */
export function createStyle(enabled: boolean): Style {
  const entries = Object.entries(CODES).map(([name, [open, close]]) => [name, enabled ? (text: string) => `\x1b[${open}m${text}\x1b[${close}m` : (text: string) => text]);
  return Object.fromEntries(entries) as Style;
}

const ANSI = /\x1b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Printed width: ANSI codes take no room; wide (CJK, emoji) characters count as two. */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd);
}

/** Cuts plain text to a printed width, ending with an ellipsis when something was cut. */
export function truncate(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  let out = '';
  let used = 0;
  for (const char of stripAnsi(text)) {
    const w = isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

export function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}
