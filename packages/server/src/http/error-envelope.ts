import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ValidationDetail } from '../errors.ts';

const CODEREV_PREFIXES = ['/api/analyze', '/api/fixes', '/api/three-version', '/api/admin'];

/** CodeRev routes answer validation failures with 400 VALIDATION_ERROR, ResoftAI routes with 422. */
export function isCodeRevRoute(url: string): boolean {
  const path = url.split('?')[0]!;
  return CODEREV_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export const errorEnvelopeSchema = z
  .object({
    detail: z.union([
      z.string(),
      z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string(), type: z.string() })),
    ]),
    status_code: z.number().int(),
    error_code: z.string(),
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
    request_id: z.string(),
    timestamp: z.string(),
  })
  .meta({ id: 'ErrorEnvelope' });

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export function buildEnvelope(requestId: string, error: AppError): ErrorEnvelope {
  const validation = error.validation;
  return {
    detail: validation ?? error.message,
    status_code: error.statusCode,
    error_code: error.errorCode,
    error: {
      code: error.code,
      message: error.message,
      details: (validation ?? []).map((v) => ({ field: v.loc.slice(1).join('.') || String(v.loc[0]), message: v.msg })),
    },
    request_id: requestId,
    timestamp: new Date().toISOString(),
  };
}

/** A refused input, reported as CodeRev (400) or ResoftAI (422) reports it. */
export function validationFailure(request: FastifyRequest, details: ValidationDetail[]): AppError {
  const status = isCodeRevRoute(request.url) ? 400 : 422;
  const message = details.length === 1 ? `${details[0]!.loc.join('.')}: ${details[0]!.msg}` : 'Request validation failed';
  return new AppError(status, message, { validation: details, errorCode: 'VALIDATION_ERROR', code: 'VALIDATION_ERROR' });
}

/** Maps anything thrown while handling a request onto an AppError; unknown errors become a bare 500. */
export function toAppError(request: FastifyRequest, error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    return validationFailure(
      request,
      error.validation.map((v) => ({
        loc: [context, ...v.instancePath.split('/').filter(Boolean)],
        msg: v.message ?? 'Invalid value',
        type: `value_error.${v.keyword}`,
      })),
    );
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    switch (fastifyError.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return new AppError(415, 'Unsupported Content-Type for this endpoint');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return new AppError(413, 'Request body is too large');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return validationFailure(request, [{ loc: ['body'], msg: 'Malformed JSON body', type: 'value_error.jsondecode' }]);
      default:
        if (error instanceof SyntaxError) {
          return validationFailure(request, [{ loc: ['body'], msg: 'Malformed JSON body', type: 'value_error.jsondecode' }]);
        }
        return new AppError(status, fastifyError.message ?? 'Bad request');
    }
  }
  return new AppError(500, 'Internal server error');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.statusCode).type('application/json; charset=utf-8').send(buildEnvelope(String(request.id), error));
}

export function installErrorEnvelope(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(request, error);
    if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new AppError(404, `Route ${request.method} ${request.url.split('?')[0]} not found`)),
  );
}

/** Framework refusals before routing (a path that is not valid UTF-8, a path parameter over the limit) in the envelope. */
export function frameworkErrorReply(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(request, reply, toAppError(request, error));
}

// Node's HTTP parser refused the request before Fastify saw it: headers too large, a malformed request line.
const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request headers (or the URL) are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request was not received in time'],
};

/** Answers a request Node could not parse with the envelope, on the raw socket, then closes it. */
export function clientErrorReply(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Malformed HTTP request'];
  const body = JSON.stringify(buildEnvelope(`req-${randomUUID()}`, new AppError(status, message)));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
