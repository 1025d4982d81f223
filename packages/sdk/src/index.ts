export { CodeRevClient } from './coderev-client.ts';
export { ResoftClient, type Upload } from './resoft-client.ts';
export type { ClientOptions, Tokens } from './transport.ts';
export type { FollowOptions, WorkflowEvent, WorkflowEventName } from './follow.ts';
export type { JsonBody, OperationId, Query, Schemas } from './types.ts';
export {
  ApiError,
  AuthenticationError,
  ConflictError,
  type FieldProblem,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  ValidationError,
} from './errors.ts';
export type { paths, operations, components } from './generated/api.ts';
