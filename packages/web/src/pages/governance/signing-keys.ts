// Ed25519 signing keys kept in this browser: private keys are non-extractable CryptoKeys stored in IndexedDB,
// signing exactly what the server verifies (packages/server/src/governance/signatures.ts) and the CLI signs.
import canonicalizeModule from 'canonicalize';

// The package is CommonJS with an ES default export in its typings; RFC 8785, as the server hashes payloads.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string;

const DATABASE = 'resoftai-signing-keys';
const STORE = 'keys';
const ED25519 = { name: 'Ed25519' } as const;

/** A private key held by this browser for one user, found again by the fingerprint the server lists. */
export interface LocalKey {
  fingerprint: string;
  userId: number;
  privateKey: CryptoKey;
  createdAt: string;
}

/** A key ready to register: its public half as SPKI PEM, and what identifies it on the server. */
export interface NewKey {
  privateKey: CryptoKey;
  publicKeyPem: string;
  fingerprint: string;
}

/** Why a picked file is not a usable key; the page names it in the user's language. */
export class KeyFileError extends Error {
  constructor(readonly reason: 'notPem' | 'encrypted' | 'notEd25519') {
    super(reason);
  }
}

const toBase64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
const toHex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: 'fingerprint' });
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error ?? new Error('IndexedDB cannot be opened'));
  });
}

async function inStore<T>(mode: IDBTransactionMode, operate: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = operate(database.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    database.close();
  }
}

export async function localKeysOf(userId: number): Promise<LocalKey[]> {
  const all = await inStore<LocalKey[]>('readonly', (store) => store.getAll() as IDBRequest<LocalKey[]>);
  return all.filter((key) => key.userId === userId);
}

export async function keepKey(userId: number, key: NewKey): Promise<void> {
  await inStore('readwrite', (store) => store.put({ fingerprint: key.fingerprint, userId, privateKey: key.privateKey, createdAt: new Date().toISOString() } satisfies LocalKey));
}

export async function forgetKey(fingerprint: string): Promise<void> {
  await inStore('readwrite', (store) => store.delete(fingerprint));
}

async function describePublicKey(publicKey: CryptoKey): Promise<{ publicKeyPem: string; fingerprint: string }> {
  const spki = await crypto.subtle.exportKey('spki', publicKey);
  const lines = toBase64(spki).match(/.{1,64}/g) ?? [];
  // The server's fingerprint: SHA-256 hex of the SPKI DER encoding.
  return { publicKeyPem: `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`, fingerprint: toHex(await crypto.subtle.digest('SHA-256', spki)) };
}

/** A new key pair made in the browser; the private key can never be read out of it. */
export async function generateKey(): Promise<NewKey> {
  const pair = (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
  return { privateKey: pair.privateKey, ...(await describePublicKey(pair.publicKey)) };
}

/** A PKCS#8 PEM Ed25519 private key (what `openssl genpkey -algorithm ed25519` writes), kept non-extractable. */
export async function importPrivateKeyPem(pem: string): Promise<NewKey> {
  if (/BEGIN ENCRYPTED PRIVATE KEY/.test(pem)) throw new KeyFileError('encrypted');
  const body = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/.exec(pem)?.[1];
  if (!body) throw new KeyFileError('notPem');
  const der = fromBase64(body.replace(/\s+/g, ''));
  let readable: CryptoKey;
  try {
    readable = await crypto.subtle.importKey('pkcs8', der, ED25519, true, ['sign']);
  } catch {
    throw new KeyFileError('notEd25519');
  }
  // The public half comes from the private key's JWK `x`; only this throwaway copy is extractable.
  const { x } = await crypto.subtle.exportKey('jwk', readable);
  const publicKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x }, ED25519, true, ['verify']);
  const privateKey = await crypto.subtle.importKey('pkcs8', der, ED25519, false, ['sign']);
  return { privateKey, ...(await describePublicKey(publicKey)) };
}

/** The base64 Ed25519 signature over the ASCII bytes of the payload hash, as `resoftai multisig sign` makes it. */
export async function signPayloadHash(privateKey: CryptoKey, payloadHash: string): Promise<string> {
  return toBase64(await crypto.subtle.sign(ED25519, privateKey, new TextEncoder().encode(payloadHash)));
}

/** The hash the server says it signs for, recomputed here so the signer knows it is the payload shown. */
export async function payloadHashOf(payload: Record<string, unknown>): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalize(payload))));
}
