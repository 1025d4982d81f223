import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { STAGES } from '@resoftai/engine';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type RouteTransform = typeof jsonSchemaTransform;
type JsonObject = Record<string, unknown>;

/** `GET /api/projects/{id}/files` → `getProjectsByIdFiles`: unique per method and path, stable for generated clients. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'api')
    .flatMap((segment) => {
      const param = /^[:{](\w+)\}?$/.exec(segment)?.[1];
      return param ? ['by', ...param.split('_')] : segment.split(/[-_.]/);
    })
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((word) => word[0]!.toUpperCase() + word.slice(1))].join('');
}

/** A multipart body is documented as its object (the parser leaves the validated body null), so "Try it out" offers a file picker. */
function withoutNullBranch(body: unknown): unknown {
  const anyOf = (body as { anyOf?: JsonObject[] } | undefined)?.anyOf;
  if (!anyOf) return body;
  const kept = anyOf.filter((branch) => branch.type !== 'null');
  return kept.length === 1 ? kept[0] : { ...(body as JsonObject), anyOf: kept };
}

const documentRoute: RouteTransform = (input) => {
  const { schema, url } = jsonSchemaTransform(input) as { schema: JsonObject; url: string };
  if (schema.hide) return { schema, url };
  const method = Array.isArray(input.route.method) ? input.route.method[0]! : input.route.method;
  const consumes = schema.consumes as string[] | undefined;
  const body = consumes?.includes('multipart/form-data') ? withoutNullBranch(schema.body) : schema.body;
  return { schema: { operationId: operationIdOf(method, url), ...schema, ...(body === undefined ? {} : { body }) }, url };
};

// Every event carries all its fields (null where the schema allows), so generated clients type them as present.
const projectEvent = (properties: JsonObject) => ({
  type: 'object',
  required: ['project_id', 'seq', ...Object.keys(properties)],
  properties: {
    project_id: { type: 'integer' },
    seq: { type: 'integer', description: 'Position in the project\'s stored event history; pass the last one seen as `since` to replay what was missed' },
    ...properties,
  },
});
const stage = { type: ['string', 'null'], enum: [...STAGES, null], description: 'Workflow stage, e.g. requirements_analysis' };

/** The Socket.IO side of the API, which OpenAPI cannot express: connection, client messages and server events. */
const SOCKET_IO = {
  path: '/socket.io',
  connection: {
    description: 'Socket.IO 4 on the API port. Authenticate in the handshake: `io(baseUrl, { auth: { token } })` with a JWT access token or an `rsk_…` API key.',
    auth: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } },
  },
  client_events: {
    subscribe_project: {
      description: 'Receive a project\'s workflow events (read access required). With `since`, stored events after that sequence number are replayed first, in order, without gaps.',
      payload: { type: 'object', required: ['project_id'], properties: { project_id: { type: 'integer', minimum: 1 }, since: { type: 'integer', minimum: 0 } } },
      ack: { type: 'object', properties: { ok: { type: 'boolean' }, project_id: { type: 'integer' }, last_seq: { type: 'integer' }, error_code: { type: 'string' }, message: { type: 'string' } } },
    },
    unsubscribe_project: {
      description: 'Stop receiving a project\'s events.',
      payload: { type: 'object', required: ['project_id'], properties: { project_id: { type: 'integer', minimum: 1 } } },
      ack: { type: 'object', properties: { ok: { type: 'boolean' }, project_id: { type: 'integer' } } },
    },
  },
  server_events: {
    project_update: projectEvent({ status: { type: 'string', enum: ['pending', 'running', 'completed', 'failed', 'cancelled', 'interrupted'] }, progress: { type: 'number' }, current_stage: stage }),
    agent_activity: projectEvent({ agent_name: { type: 'string' }, stage, status: { type: 'string', enum: ['running', 'completed', 'failed', 'cancelled'] }, message: { type: 'string' } }),
    workflow_started: projectEvent({ workflow_id: { type: 'string' }, strategy: { type: 'string' }, resumed: { type: 'boolean' }, checkpoint_stage: stage, started_at: { type: 'string', format: 'date-time' } }),
    stage_completed: projectEvent({ stage, duration_seconds: { type: 'number' }, tokens_used: { type: 'integer' } }),
    workflow_completed: projectEvent({ workflow_id: { type: 'string' }, duration_seconds: { type: 'number' }, tokens_used: { type: 'integer' }, cost_usd: { type: 'number' }, deliverables: { type: 'object', additionalProperties: true, description: 'What the run delivered (documents, files, test results), as on GET /api/projects/{id}' } }),
    workflow_failed: projectEvent({ workflow_id: { type: 'string' }, stage, agent: { type: ['string', 'null'] }, error_code: { type: 'string' }, error_message: { type: 'string' } }),
    error: { type: 'object', description: 'A refused subscription or an ended credential (the socket is then disconnected)', properties: { error_code: { type: 'string' }, message: { type: 'string' }, project_id: { type: 'integer' } } },
  },
};

/** The OpenAPI document's options: schemas named by id land in components.schemas, every operation gets an id. */
export function openApiOptions(version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ResoftAI API', version, description: 'ResoftAI platform and CodeRev code-review API. Live workflow events: see `x-socketio`.' },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      'x-socketio': SOCKET_IO,
    } as FastifyDynamicSwaggerOptions['openapi'],
    transform: documentRoute,
    transformObject: jsonSchemaTransformObject,
  };
}
