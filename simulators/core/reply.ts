/**
 * What a handler returns: status, headers and a body tagged with its wire format. The kernel owns turning it into
 * bytes (one serializer per protocol), so no endpoint writes JSON/XML/SOAP by hand.
 */
export type ReplyBody =
  | { format: 'json'; value: unknown }
  | { format: 'xml'; root: string; value: unknown }
  | { format: 'soap'; value: string }
  | { format: 'text'; value: string; contentType: string }
  /** Large collections: written chunk by chunk with back-pressure instead of one giant string. */
  | { format: 'stream'; contentType: string; chunks: () => Iterable<string> };

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: ReplyBody;
}

export const reply = {
  json(status: number, value: unknown, headers?: Record<string, string>): Reply {
    return { status, headers, body: { format: 'json', value } };
  },
  xml(status: number, root: string, value: unknown, headers?: Record<string, string>): Reply {
    return { status, headers, body: { format: 'xml', root, value } };
  },
  text(status: number, value: string, contentType = 'text/plain', headers?: Record<string, string>): Reply {
    return { status, headers, body: { format: 'text', value, contentType } };
  },
  stream(status: number, contentType: string, chunks: () => Iterable<string>, headers?: Record<string, string>): Reply {
    return { status, headers, body: { format: 'stream', contentType, chunks } };
  },
  empty(status: number, headers?: Record<string, string>): Reply {
    return { status, headers };
  },
};
