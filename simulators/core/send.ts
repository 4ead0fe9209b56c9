import type { Response } from 'express';
import type { Reply } from './reply.ts';
import { JSON_CONTENT_TYPE, serializeJson } from './serializers/json.ts';
import { XML_CONTENT_TYPE, serializeXml } from './serializers/xml.ts';

export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

/**
 * Writes a Reply with the serializer of its format. Returns the text sent (or a placeholder for streams), which the
 * journal keeps.
 */
export async function sendReply(res: Response, out: Reply): Promise<string> {
  res.status(out.status);
  for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value);
  const body = out.body;
  if (!body) {
    res.end();
    return '';
  }
  if (body.format === 'stream') return writeStream(res, body.contentType, body.chunks());
  let text: string;
  let contentType: string;
  switch (body.format) {
    case 'json':
      text = serializeJson(body.value);
      contentType = `${JSON_CONTENT_TYPE}; charset=utf-8`;
      break;
    case 'xml':
      text = serializeXml(body.root, body.value);
      contentType = `${XML_CONTENT_TYPE}; charset=utf-8`;
      break;
    case 'soap':
      text = body.value;
      contentType = SOAP_CONTENT_TYPE;
      break;
    case 'text':
      text = body.value;
      contentType = body.contentType;
      break;
  }
  if (!res.hasHeader('content-type')) res.setHeader('content-type', contentType);
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
  return text;
}

async function writeStream(res: Response, contentType: string, chunks: Iterable<string>): Promise<string> {
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
function drainOrClose(res: Response): Promise<void> {
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
