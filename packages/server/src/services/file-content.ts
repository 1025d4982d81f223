import { createHash } from 'node:crypto';
import { extname } from 'node:path/posix';
import { fileTypeFromBuffer } from 'file-type';
import mime from 'mime-types';
import { AppError, fieldError } from '../errors.ts';

export const MAX_FILENAME_LENGTH = 255;
export const MAX_PATH_LENGTH = 1024;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/u;
const UNSAFE_CHARACTERS = /[^\p{L}\p{N}\p{M} ._+@=,~#()[\]{}-]/gu;
const WINDOWS_DRIVE = /^[A-Za-z]:/;

export interface SanitizeOptions {
  /** Generated files keep `.gitignore`-style names; uploaded names lose their leading dots. */
  keepDotfiles?: boolean;
}

function sanitizeSegment(segment: string, keepDotfiles: boolean): string {
  let clean = segment.replace(UNSAFE_CHARACTERS, '_').replace(/[ .]+$/u, '').trimStart();
  if (!keepDotfiles || clean.toLowerCase() === '.git') clean = clean.replace(/^\.+/u, '');
  return clean;
}

/**
 * A safe project-relative path: unsafe characters become `_`, leading dots go, and a path that
 * tries to leave the project (absolute, drive letter, `..`) keeps only its last segment.
 */
export function sanitizeFilePath(raw: string, options: SanitizeOptions = {}): string {
  if (CONTROL_CHARACTERS.test(raw)) throw fieldError(422, ['body', 'file'], 'File name must not contain control characters (NUL, newline, …)');
  if (raw.length > MAX_PATH_LENGTH) throw fieldError(422, ['body', 'file'], `File path must be at most ${MAX_PATH_LENGTH} characters`);
  let segments = raw.split(/[\\/]+/u);
  const escapes = /^[\\/]/u.test(raw) || WINDOWS_DRIVE.test(raw) || segments.includes('..');
  if (escapes) segments = segments.slice(-1);
  const clean = segments
    .filter((s) => s !== '' && s !== '.')
    .map((s) => sanitizeSegment(s, options.keepDotfiles ?? false))
    .filter((s) => s !== '');
  const fileName = clean.at(-1);
  if (fileName !== undefined && fileName.length > MAX_FILENAME_LENGTH) {
    throw fieldError(422, ['body', 'file'], `File name must be at most ${MAX_FILENAME_LENGTH} characters`);
  }
  return clean.length > 0 ? clean.join('/') : 'file';
}

// Source types mime-db lacks or gets wrong (it maps `.ts` to MPEG transport streams).
const SOURCE_TYPES: Record<string, string> = {
  '.py': 'text/x-python',
  '.pyi': 'text/x-python',
  '.ts': 'text/x-typescript',
  '.mts': 'text/x-typescript',
  '.cts': 'text/x-typescript',
  '.tsx': 'text/x-typescript',
  '.go': 'text/x-go',
  '.rs': 'text/x-rust',
  '.vue': 'text/x-vue',
  '.svelte': 'text/x-svelte',
  '.kt': 'text/x-kotlin',
  '.dart': 'text/x-dart',
};

const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/vnd.microsoft.portable-executable',
  'application/x-elf',
  'application/x-executable',
  'application/x-sharedlib',
  'application/x-mach-binary',
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/x-msi',
  'application/x-apple-diskimage',
  'application/x-deb',
  'application/vnd.debian.binary-package',
  'application/x-rpm',
  'application/x-redhat-package-manager',
]);

const ARCHIVE_TYPES = new Set([
  'application/zip',
  'application/x-zip-compressed',
  'application/gzip',
  'application/x-gzip',
  'application/x-tar',
  'application/x-7z-compressed',
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/x-bzip',
  'application/x-bzip2',
  'application/x-xz',
  'application/x-lzma',
  'application/x-lzip',
  'application/zstd',
  'application/x-compress',
  'application/x-cpio',
  'application/x-ar',
  'application/vnd.ms-cab-compressed',
]);

const TEXT_APPLICATION_TYPES = new Set(['application/toml', 'application/x-sh', 'application/sql', 'application/graphql', 'application/x-httpd-php']);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text is valid UTF-8 without NUL bytes; such content is returned inline by the file detail. */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

const isTextType = (type: string): boolean =>
  type.startsWith('text/') || type.endsWith('+xml') || type.endsWith('+json') || TEXT_APPLICATION_TYPES.has(type) || mime.charset(type) !== false;

export interface UploadPolicy {
  maxBytes: number;
  allowArchives: boolean;
}

export interface InspectedContent {
  bytes: Buffer;
  sha256: string;
  size: number;
  mimeType: string;
}

/** Checks size and type and detects the MIME type from the content's magic bytes, else from the name. */
export async function inspectContent(path: string, bytes: Buffer, policy: UploadPolicy): Promise<InspectedContent> {
  if (bytes.length > policy.maxBytes) throw fileTooLarge(policy.maxBytes);
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime;
  const isText = sniffed === undefined && decodeText(bytes) !== null;
  const byName = mime.lookup(path) || undefined;
  // A name only condemns content that is not text: `build.bat` with a batch script is source code.
  const declared = sniffed ?? (isText ? undefined : byName);
  if (declared !== undefined && EXECUTABLE_TYPES.has(declared)) {
    throw new AppError(400, `Executable files are not accepted (${declared})`, { errorCode: 'FILE_002' });
  }
  if (declared !== undefined && ARCHIVE_TYPES.has(declared) && !policy.allowArchives) {
    throw new AppError(400, `Archives are not accepted (${declared})`, { errorCode: 'FILE_002' });
  }
  let mimeType: string;
  if (sniffed !== undefined) mimeType = sniffed;
  else if (isText) mimeType = SOURCE_TYPES[extname(path).toLowerCase()] ?? (byName && isTextType(byName) ? byName : 'text/plain');
  else mimeType = byName ?? 'application/octet-stream';
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mimeType };
}

export function fileTooLarge(maxBytes: number): AppError {
  return new AppError(413, `File exceeds the maximum upload size of ${maxBytes} bytes`, { errorCode: 'FILE_001' });
}
