import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { listTemplates, renderTemplate } from '../src/index.ts';
import { checkProject, writeProject } from './toolchain.ts';

// Values that are legal for free-text variables yet hostile to string literals and template engines.
const AWKWARD_TEXT = `Quotes "double" 'single' \`tick\` back\\slash {{ braces }} {% raw %} $HOME %s & ünïcødé`;

/** Non-default values per template name, chosen so every conditional branch is rendered at least once. */
const VARIANTS: Record<string, Record<string, unknown>[]> = {
  'FastAPI REST API': [
    { project_name: 'MyInventoryAPI', resources: 'items,user_groups', database: 'postgresql', enable_auth: true, port: 9000 },
    { project_name: 'tiny api', database: 'sqlite', docker: false, python_version: '3.13', description: AWKWARD_TEXT },
  ],
  'Express + TypeScript REST API': [
    { project_name: 'OrdersService', resources: 'orders,line_items', enable_cors: true, docker: false, description: AWKWARD_TEXT },
  ],
  'Go net/http service': [
    { project_name: 'Billing API', module_prefix: 'github.com/acme', resources: 'invoices,payments', request_logging: false, docker: false, go_version: '1.24' },
  ],
  'React + Vite SPA': [
    { project_name: 'Dashboard UI', pages: 'overview,user_settings,billing', include_tests: false, description: AWKWARD_TEXT },
    { project_name: 'single', pages: 'home' },
  ],
  'Vue + Vite SPA': [{ project_name: 'Todo Board', typescript: false, dev_port: 4000, description: AWKWARD_TEXT }],
  'React + FastAPI fullstack': [{ project_name: 'NotesHub', docker: false, api_port: 9000, web_port: 3000, description: AWKWARD_TEXT }],
  'Python CLI': [
    { project_name: 'DataTool', cli_library: 'click', commands: 'import,export_all,class', description: AWKWARD_TEXT },
    { project_name: 'sync files', commands: 'pull,push,delete', python_version: '3.13' },
  ],
  'Node CLI': [
    { project_name: 'ReleaseBot', argument_parser: 'commander', commands: 'delete,new,publish_all', description: AWKWARD_TEXT },
    { project_name: 'tidy', commands: 'class,function', node_version: 22, description: AWKWARD_TEXT },
  ],
};

async function renderAndCheck(id: number, variables: Record<string, unknown>): Promise<void> {
  const { files } = await renderTemplate(id, variables);
  const root = writeProject(files);
  try {
    const { problems, skipped } = checkProject(root, files);
    for (const reason of skipped) console.log(`# skipped: ${reason}`);
    assert.deepEqual(problems, [], `template ${id} with ${JSON.stringify(variables)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function exampleValues(variables: Awaited<ReturnType<typeof listTemplates>>[number]['variables']): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(variables)) {
    if (spec.required && 'example' in spec) values[name] = spec.example;
  }
  return values;
}

describe('every template yields a project its toolchain accepts', async () => {
  const templates = await listTemplates();
  for (const { id, name, variables } of templates) {
    test(`${name}: defaults`, async () => {
      await renderAndCheck(id, exampleValues(variables));
    });
    (VARIANTS[name] ?? []).forEach((variant, index) => {
      test(`${name}: variant ${index + 1}`, async () => {
        await renderAndCheck(id, variant);
      });
    });
  }

  test('every template has variants covering its branches', () => {
    assert.deepEqual(Object.keys(VARIANTS).sort(), templates.map((t) => t.name).sort());
  });
});
