import { sign, verify } from 'node:crypto';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditKeys } from './audit-keys.ts';
import { canonicalJson } from './canonical.ts';

/** A signed record of the chain's head at a moment: `seq` and `hash` of its newest entry. */
export interface ChainAnchor {
  seq: number;
  hash: string;
  /** ISO 8601 UTC. */
  at: string;
  /** Base64 Ed25519 signature over the canonical JSON of `{ at, hash, seq }`. */
  signature: string;
}

export interface AnchorSettings {
  /** The JSON Lines file the checkpoints are appended to, outside the database. */
  file: string;
  intervalMs: number;
}

// The newest checkpoints are at the end; this much of it always holds several whole lines.
const TAIL_BYTES = 16 * 1024;

const signedBytes = (anchor: Pick<ChainAnchor, 'seq' | 'hash' | 'at'>): Buffer => Buffer.from(canonicalJson({ at: anchor.at, hash: anchor.hash, seq: anchor.seq }));

function parseAnchor(line: string): ChainAnchor | undefined {
  try {
    const value = JSON.parse(line) as Partial<ChainAnchor>;
    const valid = Number.isInteger(value.seq) && typeof value.hash === 'string' && typeof value.at === 'string' && typeof value.signature === 'string';
    return valid ? (value as ChainAnchor) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signed checkpoints of the audit chain's head, written to a file outside the database: removing the chain's
 * newest entries, which leaves a shorter chain that still links, then shows against the last checkpoint.
 */
export class AuditAnchors {
  private timer: NodeJS.Timeout | undefined;
  private lastWritten: { seq: number; hash: string } | undefined;

  constructor(private readonly settings: AnchorSettings, private readonly keys: AuditKeys, private readonly onError: (error: unknown) => void) {}

  get publicKeyPem(): string {
    return this.keys.publicKeyPem;
  }

  /** The newest checkpoint whose signature verifies; lines that do not (a forged or torn line) are passed over. */
  async latest(): Promise<ChainAnchor | undefined> {
    let tail: string;
    try {
      const handle = await open(this.settings.file, 'r');
      try {
        const { size } = await handle.stat();
        const length = Math.min(size, TAIL_BYTES);
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, size - length);
        tail = buffer.toString('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const lines = tail.split('\n').reverse();
    for (const line of lines) {
      const anchor = parseAnchor(line);
      if (anchor && verify(null, signedBytes(anchor), this.keys.signingKey, Buffer.from(anchor.signature, 'base64'))) return anchor;
    }
    return undefined;
  }

  /** Appends a checkpoint of `head` unless it is the one written last. */
  async checkpoint(head: { seq: number; hash: string } | undefined, now = new Date()): Promise<void> {
    if (!head || (head.seq === this.lastWritten?.seq && head.hash === this.lastWritten.hash)) return;
    const unsigned = { seq: head.seq, hash: head.hash, at: now.toISOString() };
    const anchor: ChainAnchor = { ...unsigned, signature: sign(null, signedBytes(unsigned), this.keys.signingKey).toString('base64') };
    await mkdir(dirname(this.settings.file), { recursive: true });
    await appendFile(this.settings.file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
    this.lastWritten = head;
  }

  /** Checkpoints the head every interval (committed entries only: `head` reads outside any transaction). */
  start(head: () => Promise<{ seq: number; hash: string } | undefined>): void {
    if (this.timer) return;
    this.timer = setInterval(() => void head().then((current) => this.checkpoint(current)).catch(this.onError), this.settings.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
