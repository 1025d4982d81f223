import { type ChangeEvent, type FormEvent, useState } from 'react';
import { Link, NavLink, useParams } from 'react-router';
import { ErrorBanner, Field, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useSession } from '../../hooks/session.tsx';
import { useI18n } from '../../i18n.tsx';
import { Forbidden } from '../Forbidden.tsx';
import { NotFound } from '../NotFound.tsx';
import { type ApprovalRequest, audit, multisig, type MultisigPolicy } from './governance-api.ts';
import { describeOperation, isForbidden, operationName, UnplacedError, useDateTime } from './shared.tsx';
import { forgetKey, generateKey, importPrivateKeyPem, keepKey, KeyFileError, localKeysOf, type NewKey, payloadHashOf, signPayloadHash } from './signing-keys.ts';

/** The sections of the multisig area, as tabs over its pages. */
function MultisigTabs() {
  const { t } = useI18n();
  return (
    <nav className="gov-tabs" aria-label={t('governance.ms.title')}>
      <NavLink to="/admin/multisig" end>{t('governance.ms.pending')}</NavLink>
      <NavLink to="/admin/multisig/keys">{t('governance.ms.keys')}</NavLink>
      <NavLink to="/admin/multisig/policies">{t('governance.ms.policies')}</NavLink>
    </nav>
  );
}

export function MultisigPending() {
  const { t } = useI18n();
  const date = useDateTime();
  const { user } = useSession();
  const pending = useResource(() => multisig.pending(), 'multisig-pending');
  if (isForbidden(pending.error)) return <Forbidden />;
  return (
    <>
      <div className="page-head gov-head"><div><h1>{t('governance.ms.title')}</h1><p className="muted">{t('governance.ms.text')}</p></div></div>
      <MultisigTabs />
      <ErrorBanner error={pending.error} onRetry={pending.reload} />
      {pending.loading && !pending.data && <Loading />}
      {pending.data && pending.data.length === 0 && <p className="empty">{t('governance.ms.empty')}</p>}
      {pending.data && pending.data.length > 0 && (
        <div className="gov-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('governance.ms.request')}</th><th>{t('governance.ms.wouldDo')}</th><th>{t('governance.ms.requester')}</th>
                <th>{t('governance.ms.signatures')}</th><th>{t('governance.ms.expires')}</th><th>{t('governance.ms.payloadHash')}</th>
              </tr>
            </thead>
            <tbody>
              {pending.data.map((request) => (
                <tr key={request.request_id}>
                  <td>
                    <Link className="mono" to={`/admin/multisig/requests/${encodeURIComponent(request.request_id)}`}>{request.request_id}</Link>
                    <br /><span className="small muted">{operationName(t, request.operation_type)}</span>
                  </td>
                  <td className="gov-wrap">{describeOperation(t, request.operation_type, request.payload)}</td>
                  <td className="small">
                    {request.requester_email ?? '—'}
                    {request.requester_id === user?.id && <><br /><span className="badge">{t('governance.ms.yours')}</span></>}
                  </td>
                  <td>{t('governance.ms.count', { signed: request.signatures, required: request.required_signatures })}</td>
                  <td className="small gov-nowrap">{date.format(new Date(request.expires_at))}</td>
                  <td className="mono small gov-hash" title={request.payload_hash}>{request.payload_hash.slice(0, 16)}…</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const STATUS_BADGE: Record<ApprovalRequest['status'], string> = { pending: 'badge-running', executed: 'badge-completed', failed: 'badge-failed', rejected: 'badge-failed', expired: 'badge-cancelled' };

/** Signs with a key of this browser that the server has registered for the user; rejects with a reason. */
function Decide({ request, onDecided }: { request: ApprovalRequest; onDecided: (next: ApprovalRequest) => void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const userId = user?.id ?? 0;
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const usable = useResource(async () => {
    const [registered, local] = await Promise.all([multisig.keys(), localKeysOf(userId)]);
    const mine = new Set(registered.filter((key) => key.user_id === userId && key.algorithm === 'ed25519').map((key) => key.fingerprint));
    return local.filter((key) => mine.has(key.fingerprint));
  }, `usable-keys-${userId}`);
  // The same check the CLI makes: the hash signed must be the hash of the payload shown.
  const hashCheck = useResource(async () => (await payloadHashOf(request.payload)) === request.payload_hash, request.payload_hash);
  const sign = useAction(async () => {
    const key = usable.data?.[0];
    if (!key) return;
    onDecided(await multisig.sign(request.request_id, await signPayloadHash(key.privateKey, request.payload_hash), comment));
  });
  const reject = useAction(async () => onDecided(await multisig.reject(request.request_id, reason)));
  const submitSign = (event: FormEvent) => {
    event.preventDefault();
    void sign.run();
  };
  const submitReject = (event: FormEvent) => {
    event.preventDefault();
    if (window.confirm(t('governance.ms.confirmReject', { id: request.request_id }))) void reject.run();
  };
  const ownRequest = request.requester_id === userId;
  const signed = request.signatures.some((signature) => signature.signer_id === userId);
  return (
    <div className="columns">
      <form className="card form" onSubmit={submitSign} noValidate aria-labelledby="ms-sign-title">
        <h2 id="ms-sign-title">{t('governance.ms.sign')}</h2>
        {hashCheck.data === false && <div className="banner banner-error" role="alert">{t('governance.ms.hashMismatch')}</div>}
        {ownRequest && <p className="muted">{t('governance.ms.ownRequest')}</p>}
        {!ownRequest && signed && <p className="muted">{t('governance.ms.alreadySigned')}</p>}
        {!ownRequest && !signed && usable.data?.length === 0 && (
          <p className="muted">{t('governance.ms.noKey')} <Link to="/admin/multisig/keys">{t('governance.ms.keys')}</Link></p>
        )}
        <ErrorBanner error={usable.error} onRetry={usable.reload} />
        {!ownRequest && !signed && Boolean(usable.data?.length) && (
          <>
            <p className="muted small">{t('governance.ms.signText')}</p>
            <Field label={t('governance.ms.comment')} name="comment" error={sign.error}>
              {(props) => <input {...props} value={comment} onChange={(event) => setComment(event.target.value)} />}
            </Field>
            <UnplacedError error={sign.error} fields={['comment']} />
            <div className="actions"><button type="submit" className="button button-primary" disabled={sign.busy || hashCheck.data !== true}>{t('governance.ms.signAction')}</button></div>
          </>
        )}
      </form>
      <form className="card form" onSubmit={submitReject} noValidate aria-labelledby="ms-reject-title">
        <h2 id="ms-reject-title">{t('governance.ms.reject')}</h2>
        <Field label={t('governance.reason')} name="reason" error={reject.error}>
          {(props) => <textarea {...props} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} required />}
        </Field>
        <UnplacedError error={reject.error} fields={['reason']} />
        <div className="actions"><button type="submit" className="button button-danger" disabled={reject.busy}>{t('governance.ms.rejectAction')}</button></div>
      </form>
    </div>
  );
}

export function MultisigRequest() {
  const { t } = useI18n();
  const date = useDateTime();
  const { user } = useSession();
  const requestId = useParams().requestId ?? '';
  const loaded = useResource(() => multisig.request(requestId), requestId);
  // A decision answers with the request as it now stands.
  const [decided, setDecided] = useState<ApprovalRequest>();
  const download = useAction(() => audit.downloadApproved(requestId));
  if (isForbidden(loaded.error)) return <Forbidden />;
  if (loaded.error?.status === 404) return <NotFound />;
  const request = decided?.request_id === requestId ? decided : loaded.data;
  return (
    <>
      <div className="page-head gov-head">
        <div>
          <h1>{t('governance.ms.requestTitle')} <span className="mono">{requestId}</span></h1>
          {request && <p className="muted">{operationName(t, request.operation_type)}</p>}
        </div>
        <Link className="button" to="/admin/multisig">{t('common.back')}</Link>
      </div>
      <ErrorBanner error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !request && <Loading />}
      {request && (
        <>
          <section className="card" aria-labelledby="ms-what">
            <div className="card-head">
              <h2 id="ms-what">{describeOperation(t, request.operation_type, request.payload)}</h2>
              <span className={`badge ${STATUS_BADGE[request.status]}`} data-testid="ms-status">{t(`governance.ms.status.${request.status}`)}</span>
            </div>
            <dl className="verdict">
              <div><dt>{t('governance.ms.signatures')}</dt><dd data-testid="ms-signature-count">{t('governance.ms.count', { signed: request.signatures.length, required: request.required_signatures })}</dd></div>
              <div><dt>{t('governance.ms.created')}</dt><dd>{date.format(new Date(request.created_at))}</dd></div>
              <div><dt>{t('governance.ms.expires')}</dt><dd>{date.format(new Date(request.expires_at))}</dd></div>
              {request.decided_at && <div><dt>{t('governance.ms.decided')}</dt><dd>{date.format(new Date(request.decided_at))}</dd></div>}
            </dl>
            {request.reason && <p><strong>{t('governance.reason')}:</strong> {request.reason}</p>}
            <p className="small"><strong>{t('governance.ms.payloadHash')}:</strong> <span className="mono gov-hash">{request.payload_hash}</span></p>
            <h3>{t('governance.ms.payload')}</h3>
            <pre className="code">{JSON.stringify(request.payload, null, 2)}</pre>
            {request.result && (
              <>
                <h3>{t('governance.ms.result')}</h3>
                <pre className="code">{JSON.stringify(request.result, null, 2)}</pre>
              </>
            )}
            {request.operation_type === 'data_export' && request.status === 'executed' && request.requester_id === user?.id && (
              <div className="actions">
                <button type="button" className="button button-primary" disabled={download.busy} onClick={() => void download.run()}>{t('governance.ms.downloadExport')}</button>
              </div>
            )}
            <ErrorBanner error={download.error} />
          </section>
          <section className="card" aria-labelledby="ms-signed-by">
            <h2 id="ms-signed-by">{t('governance.ms.signedBy')}</h2>
            {request.signatures.length === 0 ? <p className="empty">{t('governance.ms.noSignatures')}</p> : (
              <table className="table">
                <thead><tr><th>{t('governance.ms.signer')}</th><th>{t('governance.ms.key')}</th><th>{t('governance.ms.comment')}</th><th>{t('governance.ms.signedAt')}</th></tr></thead>
                <tbody>
                  {request.signatures.map((signature) => (
                    <tr key={`${signature.signer_id}-${signature.key_id}`}>
                      <td>{signature.signer_id === user?.id ? t('governance.ms.you') : `#${signature.signer_id}`}</td>
                      <td className="mono small">{signature.key_id}</td>
                      <td className="gov-wrap">{signature.comment ?? '—'}</td>
                      <td className="small gov-nowrap">{date.format(new Date(signature.signed_at))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {request.status === 'pending' && <Decide request={request} onDecided={setDecided} />}
        </>
      )}
    </>
  );
}

export function SigningKeys() {
  const { t } = useI18n();
  const date = useDateTime();
  const { user } = useSession();
  const userId = user?.id ?? 0;
  const keys = useResource(async () => {
    const [registered, local] = await Promise.all([multisig.keys(), localKeysOf(userId)]);
    return { registered: registered.filter((key) => key.user_id === userId), inBrowser: new Set(local.map((key) => key.fingerprint)) };
  }, `signing-keys-${userId}`);
  const [fileProblem, setFileProblem] = useState<string>();
  // Registers the key unless the server already has it (a PEM file used with the CLI before), then keeps it here.
  const adopt = async (key: NewKey) => {
    const registered = await multisig.keys();
    if (!registered.some((existing) => existing.fingerprint === key.fingerprint && existing.user_id === userId)) await multisig.registerKey(key.publicKeyPem);
    await keepKey(userId, key);
    keys.reload();
  };
  const generate = useAction(async () => adopt(await generateKey()));
  const importFile = useAction(async (file: File) => {
    setFileProblem(undefined);
    try {
      await adopt(await importPrivateKeyPem(await file.text()));
    } catch (failure) {
      if (!(failure instanceof KeyFileError)) throw failure;
      setFileProblem(t(`governance.keys.file.${failure.reason}`));
    }
  });
  const revoke = useAction(async (keyId: string, fingerprint: string) => {
    await multisig.revokeKey(keyId);
    await forgetKey(fingerprint);
    keys.reload();
  });
  if (isForbidden(keys.error)) return <Forbidden />;
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void importFile.run(file);
  };
  return (
    <>
      <div className="page-head gov-head"><div><h1>{t('governance.ms.title')}</h1><p className="muted">{t('governance.ms.text')}</p></div></div>
      <MultisigTabs />
      <section className="card" aria-labelledby="keys-add">
        <h2 id="keys-add">{t('governance.keys.add')}</h2>
        <p className="muted">{t('governance.keys.text')}</p>
        <div className="gov-key-actions">
          <button type="button" className="button button-primary" disabled={generate.busy} onClick={() => void generate.run()}>{t('governance.keys.generate')}</button>
          <label className="button gov-file">
            {t('governance.keys.import')}
            <input type="file" accept=".pem,.key,text/plain" className="sr-only" onChange={pick} disabled={importFile.busy} />
          </label>
        </div>
        <p className="hint">{t('governance.keys.importHint')}</p>
        {fileProblem && <p className="field-error" role="alert">{fileProblem}</p>}
        <ErrorBanner error={generate.error ?? importFile.error} />
      </section>
      <h2>{t('governance.keys.mine')}</h2>
      <ErrorBanner error={keys.error ?? revoke.error} onRetry={keys.reload} />
      {keys.loading && !keys.data && <Loading />}
      {keys.data && keys.data.registered.length === 0 && <p className="empty">{t('governance.keys.empty')}</p>}
      {keys.data && keys.data.registered.length > 0 && (
        <div className="gov-scroll">
          <table className="table">
            <thead><tr><th>{t('governance.ms.key')}</th><th>{t('governance.keys.fingerprint')}</th><th>{t('governance.keys.here')}</th><th>{t('governance.ms.created')}</th><th><span className="sr-only">{t('governance.keys.revoke')}</span></th></tr></thead>
            <tbody>
              {keys.data.registered.map((key) => (
                <tr key={key.key_id} data-testid="signing-key">
                  <td className="mono small">{key.key_id}<br /><span className="muted">{key.algorithm}</span></td>
                  <td className="mono small gov-hash">{key.fingerprint}</td>
                  <td>{keys.data?.inBrowser.has(key.fingerprint) ? <span className="badge badge-completed">{t('governance.keys.inBrowser')}</span> : <span className="muted small">{t('governance.keys.elsewhere')}</span>}</td>
                  <td className="small gov-nowrap">{date.format(new Date(key.created_at))}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      aria-label={`${t('governance.keys.revoke')} ${key.key_id}`}
                      disabled={revoke.busy}
                      onClick={() => {
                        if (window.confirm(t('governance.keys.confirmRevoke', { id: key.key_id }))) void revoke.run(key.key_id, key.fingerprint);
                      }}
                    >
                      {t('governance.keys.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** One operation type's policy, edited in its row: new requests of that type follow it. */
function PolicyRow({ policy, onSaved }: { policy: MultisigPolicy; onSaved: (next: MultisigPolicy) => void }) {
  const { t } = useI18n();
  const [required, setRequired] = useState(String(policy.required_signatures));
  const [expiry, setExpiry] = useState(String(policy.expiry_hours));
  const save = useAction(async () => onSaved(await multisig.setPolicy(policy.operation_type, Number(required), Number(expiry))));
  const name = operationName(t, policy.operation_type);
  const changed = required !== String(policy.required_signatures) || expiry !== String(policy.expiry_hours);
  return (
    <tr data-policy={policy.operation_type}>
      <td>{name}<br /><span className="mono small muted">{policy.operation_type}</span></td>
      <td>
        <input type="number" min={1} max={10} value={required} aria-label={t('governance.ms.policyRequiredOf', { name })} onChange={(event) => setRequired(event.target.value)} />
      </td>
      <td>
        <input type="number" min={1} max={720} value={expiry} aria-label={t('governance.ms.policyExpiryOf', { name })} onChange={(event) => setExpiry(event.target.value)} />
      </td>
      <td className="small">{policy.allowed_roles.join(', ')}</td>
      <td>
        <button type="button" className="button button-small" disabled={!changed || save.busy} onClick={() => void save.run()}>{t('common.save')}</button>
        {save.error && <p className="field-error" role="alert">{save.error.fields[0]?.msg ?? save.error.message}</p>}
      </td>
    </tr>
  );
}

export function MultisigPolicies() {
  const { t } = useI18n();
  const policies = useResource(() => multisig.policies(), 'multisig-policies');
  const [saved, setSaved] = useState<Record<string, MultisigPolicy>>({});
  if (isForbidden(policies.error)) return <Forbidden />;
  return (
    <>
      <div className="page-head gov-head"><div><h1>{t('governance.ms.title')}</h1><p className="muted">{t('governance.ms.policiesText')}</p></div></div>
      <MultisigTabs />
      <ErrorBanner error={policies.error} onRetry={policies.reload} />
      {policies.loading && !policies.data && <Loading />}
      {policies.data && (
        <div className="gov-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('governance.ms.policyOperation')}</th><th>{t('governance.ms.policyRequired')}</th><th>{t('governance.ms.policyExpiry')}</th>
                <th>{t('governance.ms.policyRoles')}</th><th><span className="sr-only">{t('common.save')}</span></th>
              </tr>
            </thead>
            <tbody>
              {policies.data.map((policy) => {
                const current = saved[policy.operation_type] ?? policy;
                return <PolicyRow key={`${current.operation_type}:${current.required_signatures}:${current.expiry_hours}`} policy={current} onSaved={(next) => setSaved((all) => ({ ...all, [next.operation_type]: next }))} />;
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
