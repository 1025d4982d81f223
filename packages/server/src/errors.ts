/** One error type for the whole server; the HTTP layer turns it into the shared envelope. */
export interface ValidationDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export interface AppErrorOptions {
  /** ResoftAI error code (AUTH_001, PROJ_002, …); defaults by status. */
  errorCode?: string;
  /** CodeRev error code (UNAUTHORIZED, …); defaults by status. */
  code?: string;
  validation?: ValidationDetail[];
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly statusCode: number;
  readonly errorCode: string;
  readonly code: string;
  readonly validation: ValidationDetail[] | undefined;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.statusCode = statusCode;
    const [errorCode, code] = defaultCodes(statusCode);
    this.errorCode = options.errorCode ?? errorCode;
    this.code = options.code ?? (options.errorCode ? CODE_OF_ERROR_CODE[options.errorCode] : undefined) ?? code;
    this.validation = options.validation;
    this.headers = options.headers ?? {};
  }
}

export const badRequest = (message: string, errorCode?: string) => new AppError(400, message, { errorCode });
export const unauthorized = (message = 'Not authenticated', errorCode = 'AUTH_001') => new AppError(401, message, { errorCode });
export const forbidden = (message = 'Permission denied', errorCode = 'AUTH_003') => new AppError(403, message, { errorCode });
export const notFound = (message = 'Not found', errorCode?: string) => new AppError(404, message, { errorCode });
export const conflict = (message: string, errorCode?: string) => new AppError(409, message, { errorCode });

/** A validation failure on one field, reported like the framework's own validation errors. */
export function fieldError(statusCode: 400 | 422, loc: (string | number)[], msg: string, type = 'value_error'): AppError {
  return new AppError(statusCode, msg, { validation: [{ loc, msg, type }] });
}

/** The `error.code` of each documented ResoftAI error code that is not a plain validation failure. */
const CODE_OF_ERROR_CODE: Record<string, string> = {
  AUTH_001: 'UNAUTHORIZED',
  AUTH_002: 'UNAUTHORIZED',
  AUTH_003: 'FORBIDDEN',
  PROJ_001: 'NOT_FOUND',
  PROJ_002: 'CONFLICT',
  PROJ_003: 'QUOTA_EXCEEDED',
  FILE_001: 'PAYLOAD_TOO_LARGE',
  FILE_002: 'UNSUPPORTED_FILE_TYPE',
  LLM_001: 'LLM_ERROR',
  LLM_002: 'LLM_CONFIG_INVALID',
  WORKFLOW_001: 'WORKFLOW_ERROR',
};

// Default codes by status: [ResoftAI error_code, CodeRev error.code].
const DEFAULT_CODES: Record<number, [string, string]> = {
  400: ['INVALID_REQUEST', 'VALIDATION_ERROR'],
  401: ['AUTH_001', 'UNAUTHORIZED'],
  403: ['AUTH_003', 'FORBIDDEN'],
  404: ['NOT_FOUND', 'NOT_FOUND'],
  409: ['CONFLICT', 'CONFLICT'],
  410: ['GONE', 'GONE'],
  413: ['PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_MEDIA_TYPE'],
  422: ['VALIDATION_ERROR', 'VALIDATION_ERROR'],
  429: ['RATE_LIMITED', 'RATE_LIMITED'],
  503: ['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
  504: ['TIMEOUT', 'TIMEOUT'],
};

function defaultCodes(status: number): [string, string] {
  return DEFAULT_CODES[status] ?? (status >= 500 ? ['INTERNAL_ERROR', 'INTERNAL_ERROR'] : ['INVALID_REQUEST', 'VALIDATION_ERROR']);
}
