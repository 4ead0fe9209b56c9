/**
 * Bodies as the dashboard shows them: JSON pretty-printed, XML (SOAP included) indented one element per line,
 * anything else as it came. Journaled bodies may be cut at 8 KiB (`…[n more]`): then they are shown as they are.
 */
export function pretty(body: string): string {
  const text = body.trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return body;
    }
  }
  return text.startsWith('<') ? indentXml(text) : body;
}

/** One tag (or text run) per line, two spaces per depth; `<a>text</a>` stays on one line. */
export function indentXml(xml: string): string {
  const tokens = xml.match(/<[^>]+>|[^<]+/g) ?? [];
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] as string).trim();
    if (token === '') continue;
    const isTag = token.startsWith('<');
    const closing = isTag && token.startsWith('</');
    const selfContained = isTag && (token.endsWith('/>') || token.startsWith('<?') || token.startsWith('<!'));
    if (closing) depth = Math.max(0, depth - 1);
    const [text, close] = [tokens[i + 1], tokens[i + 2]];
    if (isTag && !closing && !selfContained && text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
      lines.push(`${'  '.repeat(depth)}${token}${text.trim()}${close}`);
      i += 2;
      continue;
    }
    lines.push(`${'  '.repeat(depth)}${token}`);
    if (isTag && !closing && !selfContained) depth++;
  }
  return lines.join('\n');
}
