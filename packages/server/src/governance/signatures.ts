import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { fieldError } from '../errors.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';

export type SigningAlgorithm = 'ed25519' | 'ecdsa-p256';

/** What approvers sign: the SHA-256 hex of the RFC 8785 canonical JSON of the operation's payload. */
export const payloadHashOf = (payload: Record<string, unknown>): string => sha256Hex(canonicalJson(payload));

export interface ParsedPublicKey {
  /** Normalised SPKI PEM. */
  pem: string;
  /** SHA-256 hex of the SPKI DER encoding. */
  fingerprint: string;
}

/** Parses a PEM public key and checks it is of the declared algorithm; private keys are refused outright. */
export function parsePublicKey(pem: string, algorithm: SigningAlgorithm): ParsedPublicKey {
  if (/PRIVATE KEY/.test(pem)) throw fieldError(400, ['body', 'public_key'], 'This is a private key: register the public key only and keep the private key local');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw fieldError(400, ['body', 'public_key'], 'Not a PEM-encoded public key');
  }
  const matches = algorithm === 'ed25519'
    ? key.asymmetricKeyType === 'ed25519'
    : key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  if (!matches) throw fieldError(400, ['body', 'public_key'], `The key is not an ${algorithm} public key`);
  const der = key.export({ type: 'spki', format: 'der' });
  return { pem: key.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: createHash('sha256').update(der).digest('hex') };
}

/**
 * Checks a base64 signature over the ASCII bytes of `payloadHash`: Ed25519 (RFC 8032), or ECDSA P-256 with
 * SHA-256 in DER encoding (what node:crypto and `openssl dgst -sha256 -sign` produce).
 */
export function signatureMatches(key: { algorithm: SigningAlgorithm; publicKey: string }, payloadHash: string, signatureBase64: string): boolean {
  const signature = Buffer.from(signatureBase64, 'base64');
  const data = Buffer.from(payloadHash, 'utf8');
  try {
    return key.algorithm === 'ed25519'
      ? verify(null, data, key.publicKey, signature)
      : verify('sha256', data, { key: key.publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}
