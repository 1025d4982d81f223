import { readFileSync } from 'node:fs';
import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import type { Command } from 'commander';
import { CommandError, UsageError } from '../errors.ts';

interface SignOptions {
  key: string;
  url?: string;
  token?: string;
  comment?: string;
  print?: boolean;
  payloadHash?: string;
}

interface ApprovalRequest {
  request_id: string;
  operation_type: string;
  status: string;
  payload: Record<string, unknown>;
  payload_hash: string;
  required_signatures: number;
  signatures: unknown[];
}

function loadPrivateKey(path: string): { key: KeyObject; algorithm: 'ed25519' | 'ecdsa-p256' } {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(path));
  } catch (error) {
    throw new UsageError(`cannot read a PEM private key from ${path}: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType === 'ed25519') return { key, algorithm: 'ed25519' };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { key, algorithm: 'ecdsa-p256' };
  throw new UsageError(`${path} is neither an ed25519 nor an ECDSA P-256 private key`);
}

/** The signature the server verifies: over the ASCII bytes of payload_hash; ECDSA in DER encoding. */
export function signPayloadHash(key: KeyObject, algorithm: 'ed25519' | 'ecdsa-p256', payloadHash: string): string {
  return sign(algorithm === 'ed25519' ? null : 'sha256', Buffer.from(payloadHash, 'utf8'), key).toString('base64');
}

async function api<T>(base: string, token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new CommandError(`cannot reach ${base}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    const detail = (() => { try { return (JSON.parse(text) as { error?: { message?: string } }).error?.message; } catch { return undefined; } })();
    throw new CommandError(`${method} ${path} answered ${response.status}: ${detail ?? text.slice(0, 200)}`);
  }
  return JSON.parse(text) as T;
}

async function signCommand(requestId: string, options: SignOptions): Promise<void> {
  const { key, algorithm } = loadPrivateKey(options.key);
  const url = options.url ?? process.env.RESOFTAI_URL;
  const token = options.token ?? process.env.RESOFTAI_TOKEN;
  if (options.print && options.payloadHash) {
    if (!/^[0-9a-f]{64}$/.test(options.payloadHash)) throw new UsageError('--payload-hash must be 64 lowercase hex digits');
    console.log(signPayloadHash(key, algorithm, options.payloadHash));
    return;
  }
  if (!url || !token) throw new UsageError('the server is needed: give --url and --token (or RESOFTAI_URL and RESOFTAI_TOKEN), or --print with --payload-hash');

  const request = await api<ApprovalRequest>(url, token, 'GET', `/api/admin/multisig/requests/${encodeURIComponent(requestId)}`);
  // Loaded here, like the other commands' server imports: the server package is large and `review` needs none of it.
  const { payloadHashOf } = await import('@resoftai/server');
  // Sign only what the payload really hashes to, not whatever hash the server states.
  if (payloadHashOf(request.payload) !== request.payload_hash) throw new CommandError(`payload_hash of ${requestId} does not match its payload; refusing to sign`);
  if (request.status !== 'pending') throw new CommandError(`${requestId} is ${request.status}; there is nothing to sign`);
  const signature = signPayloadHash(key, algorithm, request.payload_hash);
  if (options.print) {
    console.log(signature);
    return;
  }
  console.error(`${request.operation_type} ${requestId}\n${JSON.stringify(request.payload, null, 2)}`);
  const signed = await api<ApprovalRequest>(url, token, 'POST', `/api/admin/multisig/sign/${encodeURIComponent(requestId)}`, {
    signature,
    ...(options.comment ? { comment: options.comment } : {}),
  });
  console.log(`${signed.request_id}: ${signed.status} (${signed.signatures.length}/${signed.required_signatures} signatures)`);
}

export function registerMultisigCommands(program: Command): void {
  const multisig = program.command('multisig').description('Multi-signature approvals');
  multisig
    .command('sign')
    .argument('<request_id>', 'the approval request to sign (req-…)')
    .requiredOption('--key <file>', 'PEM private key (ed25519 or ECDSA P-256) whose public key is registered')
    .option('--url <url>', 'server URL (default: $RESOFTAI_URL)')
    .option('--token <token>', 'access token or API key of the signing administrator (default: $RESOFTAI_TOKEN)')
    .option('--comment <text>', 'comment stored with the signature')
    .option('--print', 'print the base64 signature instead of submitting it')
    .option('--payload-hash <hex>', 'with --print: sign this payload_hash without asking the server')
    .description('Check a request\'s payload against its payload_hash, sign the hash with a local key and submit the signature')
    .action(signCommand);
}
