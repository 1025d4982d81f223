// The administration calls, made through the shared client's typed `http` (the CodeRev paths, as the SDK's CodeRevClient makes them).
import type { JsonBody, Query, Schemas } from '@resoftai/sdk';
import { api, saveDownload } from '../../api/client.ts';

export type Experiment = Schemas['Experiment'];
export type ExperimentStage = Experiment['status'];
export type AuditLog = Schemas['AuditLog'];
export type GovernanceSetting = Schemas['GovernanceSetting'];
export type AdminUser = Schemas['AdminUser'];
export type SigningKey = Schemas['SigningKey'];
export type PendingApproval = Schemas['PendingApproval'];
export type ApprovalRequest = Schemas['ApprovalRequest'];
export type MultisigPolicy = Schemas['MultisigPolicy'];
export type AuditQuery = Query<'getAdminAuditLogs'>;
export type AuditRange = JsonBody<'postAdminAuditVerify'>;
export type UserQuery = Query<'getAdminUsers'>;
export type ProfileConfig = JsonBody<'postThreeVersionExperiments'>['config'];

/** The body of a call that succeeded: the transport throws an `ApiError` for every other. */
async function bodyOf<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

export const threeVersion = {
  status: () => bodyOf(api.http.GET('/api/three-version/status')),
  experiments: () => bodyOf(api.http.GET('/api/three-version/experiments')),
  create: (name: string, config: ProfileConfig) => bodyOf(api.http.POST('/api/three-version/experiments', { body: { name, config } })),
  evaluate: (experimentId: string) => bodyOf(api.http.POST('/api/three-version/experiments/{experiment_id}/evaluate', { params: { path: { experiment_id: experimentId } } })),
  promote: (experimentId: string, reason: string) => bodyOf(api.http.POST('/api/three-version/promote', { body: { experiment_id: experimentId, reason } })),
  demote: (versionId: string, reason: string) => bodyOf(api.http.POST('/api/three-version/demote', { body: { version_id: versionId, reason, evidence: {} } })),
  reevaluate: (quarantineId: string, newConfig: ProfileConfig) => bodyOf(api.http.POST('/api/three-version/reevaluate', { body: { quarantine_id: quarantineId, new_config: newConfig } })),
};

/** Promotion and monitor thresholds: changed only through approved `config_change` requests. */
export const governanceSettings = {
  list: async () => (await bodyOf(api.http.GET('/api/admin/settings'))).settings,
  requestChange: (name: string, value: number, reason: string) => bodyOf(api.http.POST('/api/admin/settings/changes', { body: { name, value, reason } })),
};

export const audit = {
  logs: (query: AuditQuery) => bodyOf(api.http.GET('/api/admin/audit/logs', { params: { query } })),
  verify: (range: AuditRange) => bodyOf(api.http.POST('/api/admin/audit/verify', { body: range })),
  download: (format: 'json' | 'csv', range: { from_ts?: string; to_ts?: string }) =>
    saveDownload(api.http.GET('/api/admin/audit/export', { params: { query: { format, ...range } }, parseAs: 'blob' }), `audit.${format}`),
  requestExport: (body: JsonBody<'postAdminAuditExports'>) => bodyOf(api.http.POST('/api/admin/audit/exports', { body })),
  downloadApproved: (requestId: string) =>
    saveDownload(api.http.GET('/api/admin/audit/exports/{request_id}', { params: { path: { request_id: requestId } }, parseAs: 'blob' }), `audit-${requestId}`),
};

export const multisig = {
  keys: async () => (await bodyOf(api.http.GET('/api/admin/multisig/keys'))).keys,
  registerKey: (publicKeyPem: string) => bodyOf(api.http.POST('/api/admin/multisig/keys', { body: { algorithm: 'ed25519', public_key: publicKeyPem } })),
  revokeKey: (keyId: string) => api.http.DELETE('/api/admin/multisig/keys/{key_id}', { params: { path: { key_id: keyId } } }),
  pending: async () => (await bodyOf(api.http.GET('/api/admin/multisig/pending'))).requests,
  request: (requestId: string) => bodyOf(api.http.GET('/api/admin/multisig/requests/{request_id}', { params: { path: { request_id: requestId } } })),
  sign: (requestId: string, signature: string, comment: string) =>
    bodyOf(api.http.POST('/api/admin/multisig/sign/{request_id}', { params: { path: { request_id: requestId } }, body: { signature, comment: comment || undefined } })),
  policies: async () => (await bodyOf(api.http.GET('/api/admin/multisig/policies'))).policies,
  setPolicy: (operationType: MultisigPolicy['operation_type'], requiredSignatures: number, expiryHours: number) =>
    bodyOf(api.http.PUT('/api/admin/multisig/policies/{operation_type}', { params: { path: { operation_type: operationType } }, body: { required_signatures: requiredSignatures, expiry_hours: expiryHours } })),
  reject: (requestId: string, reason: string) => bodyOf(api.http.POST('/api/admin/multisig/reject/{request_id}', { params: { path: { request_id: requestId } }, body: { reason } })),
};

export const adminUsers = {
  list: (query: UserQuery) => bodyOf(api.http.GET('/api/admin/users', { params: { query } })),
  suspend: (userId: number, reason: string) => bodyOf(api.http.POST('/api/admin/users/{user_id}/suspend', { params: { path: { user_id: userId } }, body: { reason } })),
  reactivate: (userId: number) => bodyOf(api.http.POST('/api/admin/users/{user_id}/reactivate', { params: { path: { user_id: userId } } })),
  resetPassword: (userId: number) => bodyOf(api.http.POST('/api/admin/users/{user_id}/reset-password', { params: { path: { user_id: userId } } })),
  setRole: (userId: number, role: AdminUser['role']) => bodyOf(api.http.PUT('/api/admin/users/{user_id}/role', { params: { path: { user_id: userId } }, body: { role } })),
  remove: (userId: number, reason: string) => bodyOf(api.http.DELETE('/api/admin/users/{user_id}', { params: { path: { user_id: userId } }, body: { reason } })),
};
