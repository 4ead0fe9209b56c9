/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [
    headers,
    ...rows.map((r) => r.map((c) => (c === undefined ? '—' : typeof c === 'number' ? c.toLocaleString('en-US') : c))),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === 'number' || r[i] === undefined));
  const line = (r: (string | number)[]) =>
    r
      .map((c, i) => (numeric[i] ? String(c).padStart(widths[i] as number) : String(c).padEnd(widths[i] as number)))
      .join('  ');
  return [
    line(headers),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...cells.slice(1).map((r) => line(r as string[])),
  ].join('\n');
}

export function mib(bytes: number | undefined): string {
  return bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}
