/** One field the server refused: where it is (`loc`) and why (`msg`). */
export interface FieldProblem {
  loc: Array<string | number>;
  msg: string;
  type: string;
}

interface ErrorEnvelope {
  detail?: string | FieldProblem[];
  error_code?: string;
  request_id?: string;
}

/** A reply outside 2xx, carrying the server's error envelope. */
export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  readonly status: number;
  /** The envelope's `error_code`, e.g. `VALIDATION_ERROR`; `HTTP_<status>` when the reply had no envelope. */
  readonly errorCode: string;
  readonly requestId: string | undefined;
  /** The refused fields of a validation error; empty otherwise. */
  readonly fields: FieldProblem[];
  /** Seconds the server asked to wait (`Retry-After`), on 429 and 503. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, errorCode: string, message: string, options: { requestId?: string | undefined; fields?: FieldProblem[]; retryAfterSeconds?: number | undefined } = {}) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.requestId = options.requestId;
    this.fields = options.fields ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export class AuthenticationError extends ApiError {
  override readonly name = 'AuthenticationError';
}
export class PermissionDeniedError extends ApiError {
  override readonly name = 'PermissionDeniedError';
}
export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
}
export class ConflictError extends ApiError {
  override readonly name = 'ConflictError';
}
export class ValidationError extends ApiError {
  override readonly name = 'ValidationError';
}
export class RateLimitError extends ApiError {
  override readonly name = 'RateLimitError';
}
export class ServerError extends ApiError {
  override readonly name = 'ServerError';
}

/** The server could not be reached (refused connection, DNS, aborted). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

function errorClassOf(status: number): typeof ApiError {
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 400 || status === 422) return ValidationError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  return ApiError;
}

export function retryAfterSecondsOf(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** The typed error of a refused reply, read from its envelope (or its status when it has none). */
export async function errorOf(response: Response): Promise<ApiError> {
  let envelope: ErrorEnvelope = {};
  try {
    envelope = (await response.json()) as ErrorEnvelope;
  } catch {
    // Not JSON (a proxy's page, an empty body): the status alone describes it.
  }
  const fields = Array.isArray(envelope.detail) ? envelope.detail : [];
  const message = typeof envelope.detail === 'string'
    ? envelope.detail
    : fields.map((field) => `${field.loc.join('.')}: ${field.msg}`).join('; ') || `${response.status} ${response.statusText}`.trim();
  const ErrorClass = errorClassOf(response.status);
  return new ErrorClass(response.status, envelope.error_code ?? `HTTP_${response.status}`, message, {
    requestId: envelope.request_id ?? response.headers.get('x-request-id') ?? undefined,
    fields,
    retryAfterSeconds: retryAfterSecondsOf(response),
  });
}
