import type { ServerResponse } from 'node:http';
import type { Reply, ReplyBody } from './reply.ts';
import { JSON_CONTENT_TYPE, serializeJson } from './serializers/json.ts';
import { XML_CONTENT_TYPE, serializeXml } from './serializers/xml.ts';

export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

/**
 * Writes a Reply with the serializer of its format. Returns the text sent (or a placeholder for streams), which the
 * journal keeps.
 */
export async function sendReply(res: ServerResponse, out: Reply): Promise<string> {
  const body = out.body;
  if (!body || body.format === 'stream') {
    res.statusCode = out.status;
    for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value);
    if (body) return writeStream(res, body.contentType, body.chunks());
    res.end();
    return '';
  }
  const { text, contentType } = render(body);
  // One flat header list for writeHead: cheaper than a setHeader per header on every call.
  const headers: string[] = [];
  let typed = false;
  for (const [name, value] of Object.entries(out.headers ?? {})) {
    headers.push(name, value);
    typed ||= name.toLowerCase() === 'content-type';
  }
  if (!typed) headers.push('content-type', contentType);
  headers.push('content-length', String(Buffer.byteLength(text)));
  res.writeHead(out.status, headers);
  if (text.length <= WRITE_SLICE_CHARS) res.end(text);
  else await writeInSlices(res, text);
  return text;
}

/** Past this, a reply is written in slices: one write would copy the whole text into one more buffer first. */
const WRITE_SLICE_CHARS = 1024 * 1024;

async function writeInSlices(res: ServerResponse, text: string): Promise<void> {
  for (let start = 0; start < text.length && !res.destroyed;) {
    let end = Math.min(start + WRITE_SLICE_CHARS, text.length);
    // Never between the two halves of a surrogate pair: each half alone would be written as U+FFFD.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    if (!res.write(text.slice(start, end))) await drainOrClose(res);
    start = end;
  }
  res.end();
}

function render(body: Exclude<ReplyBody, { format: 'stream' }>): { text: string; contentType: string } {
  switch (body.format) {
    case 'json':
      return { text: serializeJson(body.value), contentType: `${JSON_CONTENT_TYPE}; charset=utf-8` };
    case 'xml':
      return { text: serializeXml(body.root, body.value), contentType: `${XML_CONTENT_TYPE}; charset=utf-8` };
    case 'soap':
      return { text: body.value, contentType: SOAP_CONTENT_TYPE };
    case 'text':
      return { text: body.value, contentType: body.contentType };
  }
}

async function writeStream(res: ServerResponse, contentType: string, chunks: Iterable<string>): Promise<string> {
  res.setHeader('content-type', contentType);
  let bytes = 0;
  let buffer = '';
  const flushAt = 64 * 1024;
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length < flushAt) continue;
    bytes += buffer.length;
    if (!res.write(buffer)) await drainOrClose(res);
    buffer = '';
    if (res.destroyed) return `[stream aborted after ${bytes} chars]`;
  }
  bytes += buffer.length;
  res.end(buffer);
  return `[streamed ${bytes} chars]`;
}

/** Waits for the socket to take more; a client that went away never drains, so its close ends the wait too. */
function drainOrClose(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
