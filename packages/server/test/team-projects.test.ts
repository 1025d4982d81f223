import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { io, type Socket } from 'socket.io-client';
import { addMember, api, createOrganization, createTeam } from './org-support.ts';
import { uploadFile } from './project-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';
import { createFakeLlmConfig, REQUIREMENT } from './workflow-support.ts';

let t: TestApp;
let fake: FakeProviderServer;
let base: string;
let admin: TestUser;
let owner: TestUser;
let teamAdmin: TestUser;
let member: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let teamId: number;
let otherTeamId: number;
const sockets: Socket[] = [];

before(async () => {
  [t, fake] = await Promise.all([createTestApp(), startFakeProviderServer()]);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await createUser(t.app, 'root');
  [owner, teamAdmin, member, viewer, outsider] = [
    await createUser(t.app, 'owner'), await createUser(t.app, 'lead'), await createUser(t.app, 'member'),
    await createUser(t.app, 'viewer'), await createUser(t.app, 'outsider'),
  ];
  const organizationId = await createOrganization(t.app, admin, 'acme');
  teamId = await createTeam(t.app, admin, organizationId, 'dev');
  otherTeamId = await createTeam(t.app, admin, organizationId, 'ops');
  await addMember(t.app, admin, teamId, owner, 'member');
  await addMember(t.app, admin, teamId, teamAdmin, 'admin');
  await addMember(t.app, admin, teamId, member, 'member');
  await addMember(t.app, admin, teamId, viewer, 'viewer');
  // In the organisation, but not in the project's team.
  await addMember(t.app, admin, otherTeamId, outsider, 'owner');
  await createFakeLlmConfig(t.app, owner.accessToken, fake);
});
after(async () => {
  for (const socket of sockets) socket.disconnect();
  await t.close();
  await fake.close();
});

const createSharedProject = async (creator: TestUser, team: number | null = teamId) => {
  const response = await api(t.app, creator, 'POST', '/api/projects', { name: 'shared', requirements: REQUIREMENT, config: { enable_cache: false }, team_id: team });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  assert.equal(response.body.team_id, team);
  return response.body.id as number;
};

async function connect(user: TestUser): Promise<Socket> {
  const socket = io(base, { auth: { token: user.accessToken }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

const subscribeWith = (socket: Socket, projectId: number) =>
  socket.timeout(5000).emitWithAck('subscribe_project', { project_id: projectId, since: 0 }) as Promise<Record<string, unknown>>;

const subscribe = async (user: TestUser, projectId: number) => subscribeWith(await connect(user), projectId);

/** The next `error` event of a socket. */
const nextError = (socket: Socket) => new Promise<Record<string, unknown>>((resolve) => socket.once('error', resolve));

describe('a project shared with a team', () => {
  test('team_id must name one of the caller\'s teams (422), and nothing is created', async () => {
    for (const team of [otherTeamId, 999_999]) {
      const response = await api(t.app, owner, 'POST', '/api/projects', { name: 'x', requirements: REQUIREMENT, team_id: team });
      assert.equal(response.status, 422, JSON.stringify(response.body));
      assert.deepEqual(response.body.detail[0].loc, ['body', 'team_id']);
    }
    assert.equal((await api(t.app, owner, 'GET', '/api/projects')).body.length, 0);
  });

  test('viewers read, members also edit and run, admins also delete; anyone else gets 404 everywhere', async () => {
    const id = await createSharedProject(owner);

    // Editing: members yes, viewers 403 (they can see it), outsiders 404.
    assert.equal((await api(t.app, member, 'PUT', `/api/projects/${id}`, { name: 'renamed by member' })).status, 200);
    const viewerEdit = await api(t.app, viewer, 'PUT', `/api/projects/${id}`, { name: 'nope' });
    assert.equal(viewerEdit.status, 403, JSON.stringify(viewerEdit.body));
    assert.match(viewerEdit.body.detail, /viewer/);
    assert.equal((await api(t.app, outsider, 'PUT', `/api/projects/${id}`, { name: 'nope' })).status, 404);

    // Files: members upload, viewers cannot, outsiders cannot see.
    const uploaded = await uploadFile(t.app, member, id, 'notes/readme.md', '# shared notes\n');
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const fileId = uploaded.json().id as number;
    assert.equal((await uploadFile(t.app, viewer, id, 'x.md', 'x')).statusCode, 403);
    assert.equal((await uploadFile(t.app, outsider, id, 'x.md', 'x')).statusCode, 404);

    // Running: a member starts the workflow (with the owner's model config); viewers and outsiders cannot.
    fake.respondWith(scriptedProject({ modules: 1 }));
    assert.equal((await api(t.app, viewer, 'POST', `/api/projects/${id}/execute`)).status, 403);
    assert.equal((await api(t.app, outsider, 'POST', `/api/projects/${id}/execute`)).status, 404);
    const run = await api(t.app, member, 'POST', `/api/projects/${id}/execute`);
    assert.equal(run.status, 200, JSON.stringify(run.body));
    await t.app.services.workflows.settled(id);
    assert.equal((await api(t.app, owner, 'GET', `/api/projects/${id}`)).body.status, 'completed');

    // Reading everything the project has: every team member may, the outsider gets 404 on each.
    const reads: [string, 'GET' | 'POST', string][] = [
      ['project', 'GET', `/api/projects/${id}`],
      ['files', 'GET', `/api/files?project_id=${id}`],
      ['file', 'GET', `/api/files/${fileId}`],
      ['file download', 'GET', `/api/files/${fileId}/download`],
      ['file versions', 'GET', `/api/files/${fileId}/versions`],
      ['project download', 'GET', `/api/projects/${id}/download`],
      ['activities', 'GET', `/api/agent-activities?project_id=${id}`],
      ['analysis', 'POST', `/api/code-analysis/project/${id}`],
    ];
    for (const [what, method, url] of reads) {
      for (const reader of [owner, member, viewer, teamAdmin]) {
        assert.equal((await api(t.app, reader, method, url)).status, 200, `${reader.username} reads ${what}`);
      }
      assert.equal((await api(t.app, outsider, method, url)).status, 404, `outsider is refused ${what}`);
    }
    const activities = await api(t.app, viewer, 'GET', `/api/agent-activities?project_id=${id}`);
    assert.ok(activities.body.length > 0);
    const activityId = activities.body[0].id;
    assert.equal((await api(t.app, viewer, 'GET', `/api/agent-activities/${activityId}`)).status, 200);
    assert.equal((await api(t.app, outsider, 'GET', `/api/agent-activities/${activityId}`)).status, 404);

    // Socket subscriptions follow the same rule, replaying the stored events to team members.
    const viewerAck = await subscribe(viewer, id);
    assert.equal(viewerAck.ok, true, JSON.stringify(viewerAck));
    assert.ok((viewerAck.last_seq as number) > 0);
    const outsiderAck = await subscribe(outsider, id);
    assert.equal(outsiderAck.ok, false);
    assert.equal(outsiderAck.error_code, 'PROJ_001');

    // Lists: shared projects appear for team members only.
    for (const reader of [member, viewer, teamAdmin]) {
      assert.ok((await api(t.app, reader, 'GET', '/api/projects')).body.some((project: { id: number }) => project.id === id), reader.username);
    }
    assert.ok(!(await api(t.app, outsider, 'GET', '/api/projects')).body.some((project: { id: number }) => project.id === id));

    // Deleting: members and viewers 403, the team admin may.
    assert.equal((await api(t.app, member, 'DELETE', `/api/files/${fileId}`)).status, 204, 'a member edits files');
    assert.equal((await api(t.app, member, 'DELETE', `/api/projects/${id}`)).status, 403);
    assert.equal((await api(t.app, viewer, 'DELETE', `/api/projects/${id}`)).status, 403);
    assert.equal((await api(t.app, outsider, 'DELETE', `/api/projects/${id}`)).status, 404);
    assert.equal((await api(t.app, teamAdmin, 'DELETE', `/api/projects/${id}`)).status, 204);
    assert.equal((await api(t.app, owner, 'GET', `/api/projects/${id}`)).status, 404);
  });

  test('sharing changes with team_id: only the owner and team admins may move it; leaving the team ends access, live subscriptions too', async () => {
    const id = await createSharedProject(owner);
    assert.equal((await api(t.app, member, 'PUT', `/api/projects/${id}`, { team_id: null })).status, 403);
    assert.equal((await api(t.app, viewer, 'GET', `/api/projects/${id}`)).status, 200);
    const viewerSocket = await connect(viewer);
    assert.equal((await subscribeWith(viewerSocket, id)).ok, true);
    const ended = nextError(viewerSocket);

    const unshared = await api(t.app, teamAdmin, 'PUT', `/api/projects/${id}`, { team_id: null });
    assert.equal(unshared.status, 200, JSON.stringify(unshared.body));
    assert.equal(unshared.body.team_id, null);
    assert.deepEqual(await ended, { error_code: 'PROJ_001', message: 'Project not found', project_id: id });
    assert.equal((await api(t.app, viewer, 'GET', `/api/projects/${id}`)).status, 404);
    assert.equal((await api(t.app, teamAdmin, 'GET', `/api/projects/${id}`)).status, 404);
    assert.equal((await api(t.app, owner, 'PUT', `/api/projects/${id}`, { team_id: teamId })).body.team_id, teamId);
    const audited = await queryRows<{ actor_id: number; payload: { team_id: unknown } }>(
      t.database, sql`SELECT actor_id, payload FROM audit_logs WHERE entity = 'project' AND action = 'update' AND resource_id = ${String(id)} ORDER BY seq`,
    );
    assert.deepEqual(audited.map((row) => [row.actor_id, row.payload.team_id]), [[teamAdmin.id, { from: teamId, to: null }], [owner.id, { from: null, to: teamId }]]);
    assert.equal((await api(t.app, viewer, 'GET', `/api/projects/${id}`)).status, 200);

    assert.equal((await subscribeWith(viewerSocket, id)).ok, true);
    const removed = nextError(viewerSocket);
    assert.equal((await api(t.app, admin, 'DELETE', `/api/teams/${teamId}/members/${viewer.id}`)).status, 204);
    assert.equal((await removed).error_code, 'PROJ_001');
    assert.equal((await api(t.app, viewer, 'GET', `/api/projects/${id}`)).status, 404);
    assert.equal((await api(t.app, viewer, 'GET', `/api/files?project_id=${id}`)).status, 404);
    await addMember(t.app, admin, teamId, viewer, 'viewer');
  });
});
