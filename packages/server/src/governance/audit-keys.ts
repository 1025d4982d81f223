import { createHmac, createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';

// PKCS#8 DER of an Ed25519 private key is this fixed prefix followed by its 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const derive = (secret: Buffer, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), purpose, 32));

/**
 * The audit chain's secrets, derived from ENCRYPTION_KEY (which the database never holds): the HMAC key of its
 * hashes, and the Ed25519 key that signs its checkpoints. Every process of one deployment derives the same ones.
 */
export interface AuditKeys {
  hmacKey: Buffer;
  signingKey: KeyObject;
  /** SPKI PEM of the checkpoint key: anyone can check a checkpoint with it, no secret needed. */
  publicKeyPem: string;
}

export function deriveAuditKeys(encryptionKey: Buffer): AuditKeys {
  const signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, derive(encryptionKey, 'resoftai audit checkpoint signing v1')]), format: 'der', type: 'pkcs8' });
  return {
    hmacKey: derive(encryptionKey, 'resoftai audit chain hmac v1'),
    signingKey,
    publicKeyPem: createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const hmacSha256Hex = (key: Buffer, text: string): string => createHmac('sha256', key).update(text, 'utf8').digest('hex');
