import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { providerInfo, type ProviderId, type WireFormat } from '../providers.ts';
import { completeBody, errorBody, streamEvents, type FakeAnswer } from './fake-wire.ts';

/** Something the fake provider can do instead of answering normally. */
export type FakeFault =
  /** Accept the request and never answer. */
  | 'hang'
  /** Answer 200 with a body that is not the provider's format. */
  | 'malformed'
  /** Answer with an empty choice / candidate / content list. */
  | 'empty'
  /** Stream part of the answer, then end without the provider's end marker. */
  | 'truncated'
  /** Stream part of the answer, then keep the connection open without another byte. */
  | 'stall'
  /** Drop the connection without answering. */
  | 'reset';

/** One scripted reply. Without `status` or `fault` it is a normal answer. */
export interface FakeReply {
  text?: string;
  /** A structured answer: a call of the offered tool when the request has tools, else JSON text. */
  json?: unknown;
  /** How a streamed answer is split (default: about three pieces). */
  chunks?: string[];
  usage?: { promptTokens?: number; completionTokens?: number };
  finishReason?: 'stop' | 'length';
  /** Wait before answering (injected latency). */
  delayMs?: number;
  /** Wait between the events of a streamed answer (a slow, long generation). */
  eventDelayMs?: number;
  /** Answer with this HTTP error status and the provider's error body. */
  status?: number;
  errorMessage?: string;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  fault?: FakeFault;
}

/** A request as the fake provider received it. */
export interface FakeRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined when it was not JSON). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary provider fields
  wire: WireFormat | undefined;
  stream: boolean;
  model: string | undefined;
  receivedAt: number;
  /** Set when the client went away before the answer was complete. */
  abortedAt: number | undefined;
}

export type FakeResponder = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeProviderServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: FakeRequest[];
  /** The `apiBase` to configure for a provider so its requests reach this server on their real paths. */
  baseUrlFor(provider: ProviderId): string;
  /** Queue replies; each request takes the next one, then the responder, then the default reply. */
  enqueue(...replies: FakeReply[]): void;
  respondWith(responder: FakeResponder | undefined): void;
  /** Forget queued replies, the responder and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  /** Answer when nothing is queued and no responder is set (default `{ text: 'OK' }`). */
  defaultReply?: FakeReply;
}

function routeOf(method: string, path: string): { wire: WireFormat; stream: boolean | undefined; model?: string } | undefined {
  if (method !== 'POST') return undefined;
  if (path.endsWith('/chat/completions')) return { wire: 'openai-chat', stream: undefined };
  if (path.endsWith('/messages')) return { wire: 'anthropic-messages', stream: undefined };
  const gemini = /\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path);
  if (gemini) return { wire: 'gemini', stream: gemini[2] === 'streamGenerateContent', model: decodeURIComponent(gemini[1] ?? '') };
  return undefined;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The tool a request offers (JSON/tool mode), by its forced choice or else the first one. */
function offeredTool(wire: WireFormat, body: any): string | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any -- provider bodies are untyped
  if (wire === 'openai-chat' && Array.isArray(body?.tools) && body.tools.length > 0) {
    return body.tool_choice?.function?.name ?? body.tools[0]?.function?.name;
  }
  if (wire === 'anthropic-messages' && Array.isArray(body?.tools) && body.tools.length > 0) {
    return body.tool_choice?.name ?? body.tools[0]?.name;
  }
  return undefined;
}

function splitIntoChunks(text: string): string[] {
  if (text.length <= 2) return [text];
  const size = Math.ceil(text.length / 3);
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return chunks;
}

function answerFor(request: FakeRequest, reply: FakeReply): FakeAnswer {
  const tool = request.wire ? offeredTool(request.wire, request.body) : undefined;
  const structured = reply.json !== undefined ? JSON.stringify(reply.json) : undefined;
  const toolCall = tool && structured !== undefined ? { name: tool, arguments: structured } : undefined;
  const text = structured ?? reply.text ?? '';
  return {
    model: request.model ?? 'fake-model',
    text,
    toolCall,
    chunks: reply.chunks ?? splitIntoChunks(text),
    promptTokens: reply.usage?.promptTokens ?? Math.max(1, Math.ceil(JSON.stringify(request.body ?? '').length / 4)),
    completionTokens: reply.usage?.completionTokens ?? Math.max(1, Math.ceil(text.length / 4)),
    finishReason: reply.finishReason ?? 'stop',
    empty: reply.fault === 'empty',
  };
}

function writeJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** Starts a fake of every supported provider's HTTP API on 127.0.0.1 at a random port. */
export async function startFakeProviderServer(options: FakeServerOptions = {}): Promise<FakeProviderServer> {
  const defaultReply = options.defaultReply ?? { text: 'OK' };
  const queue: FakeReply[] = [];
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let responder: FakeResponder | undefined;

  const wait = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(() => { timers.delete(timer); resolve(); }, ms);
    timers.add(timer);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(request);
    const route = routeOf(request.method ?? 'GET', url.pathname);
    const body = parseJson(raw) as FakeRequest['body'];
    const record: FakeRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value ?? ''])),
      body,
      wire: route?.wire,
      stream: route?.stream ?? body?.stream === true,
      model: route?.model ?? (typeof body?.model === 'string' ? body.model : undefined),
      receivedAt: Date.now(),
      abortedAt: undefined,
    };
    requests.push(record);
    response.on('close', () => {
      if (!response.writableFinished) record.abortedAt = Date.now();
    });
    if (!route) return writeJson(response, 404, { error: { message: `no fake provider API at ${record.method} ${record.path}` } });

    const reply = queue.shift() ?? (responder ? await responder(record) : defaultReply);
    if (reply.delayMs) await wait(reply.delayMs);
    if (response.destroyed) return;
    if (reply.fault === 'hang') return;
    if (reply.fault === 'reset') {
      request.socket.destroy();
      return;
    }
    if (reply.status !== undefined && reply.status >= 400) {
      const message = reply.errorMessage ?? `fake provider error ${reply.status}`;
      return writeJson(response, reply.status, errorBody(route.wire, reply.status, message), reply.headers);
    }
    if (reply.fault === 'malformed') {
      response.writeHead(200, { 'content-type': record.stream ? 'text/event-stream' : 'application/json', ...reply.headers });
      response.end(record.stream ? 'data: {"choices": [oops\n\n' : '<html>502 Bad Gateway</html> {"choices": [');
      return;
    }
    const answer = answerFor(record, reply);
    if (!record.stream) return writeJson(response, 200, completeBody(route.wire, answer), reply.headers);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
    const partial = reply.fault === 'truncated' || reply.fault === 'stall';
    for (const event of streamEvents(route.wire, answer, partial)) {
      if (reply.eventDelayMs) await wait(reply.eventDelayMs);
      response.write(`${event.event ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`);
    }
    if (reply.fault !== 'stall') response.end();
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) writeJson(response, 500, { error: { message: `fake provider failed: ${(error as Error).message}` } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    baseUrlFor(provider) {
      // A local OpenAI-compatible server (Ollama, vLLM) usually serves under /v1.
      return `${url}${provider === 'openai_compatible' ? '/v1' : providerInfo(provider).apiPath}`;
    },
    enqueue(...replies) {
      queue.push(...replies);
    },
    respondWith(next) {
      responder = next;
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
      responder = undefined;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
