import type { components, operations } from './generated/api.ts';

/** The named schemas of the OpenAPI document, e.g. `Schemas['Project']`. */
export type Schemas = components['schemas'];
export type OperationId = keyof operations;

type ContentOf<T> = T extends { content: infer Content } ? Content : never;
/** The JSON body an operation takes. */
export type JsonBody<Op extends OperationId> = ContentOf<NonNullable<operations[Op]['requestBody']>> extends { 'application/json': infer Body } ? Body : never;
/** The query parameters an operation takes. */
export type Query<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;
