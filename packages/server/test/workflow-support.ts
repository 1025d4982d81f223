import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { FakeProviderServer } from '@resoftai/llm/testing';

export const REQUIREMENT = 'Build a small calculation library with one module per computation, each tested.';

/** Calls an API endpoint with a bearer token (through inject, or over HTTP when given a base URL). */
export async function call(target: FastifyInstance | string, token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (typeof target === 'string') {
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${target}${url}`, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  const response = await target.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: response.statusCode, body: response.body ? response.json() : undefined };
}

/** A default DeepSeek config pointed at the fake provider server. */
export async function createFakeLlmConfig(target: FastifyInstance | string, token: string, fake: FakeProviderServer): Promise<number> {
  const response = await call(target, token, 'POST', '/api/llm-configs', {
    name: 'fake deepseek', provider: 'deepseek', api_key: 'sk-workflow-test-0123456789', api_base: fake.baseUrlFor('deepseek'), is_default: true,
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

export async function createProject(target: FastifyInstance | string, token: string, config: Record<string, unknown> = { enable_cache: false }): Promise<number> {
  const response = await call(target, token, 'POST', '/api/projects', { name: 'calc', requirements: REQUIREMENT, config });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}
