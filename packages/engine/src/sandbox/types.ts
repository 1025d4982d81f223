/** A stack whose tests this machine can run. */
export type RunnableStack = 'python' | 'node';

export interface SandboxRequest {
  stack: RunnableStack;
  files: ReadonlyArray<{ path: string; content: string }>;
  timeoutMs: number;
  memoryMb: number;
  signal?: AbortSignal;
}

export interface SandboxResult {
  command: string;
  exitCode: number | null;
  passed: number;
  failed: number;
  timedOut: boolean;
  durationMs: number;
  /** stdout and stderr interleaved, cut to a bounded size. */
  output: string;
  /** How the network was cut off: a namespace, or proxy variables pointing nowhere. */
  isolation: 'netns' | 'proxy';
}

/** The stack's toolchain is missing on this machine, so its tests cannot run here. */
export class SandboxUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxUnavailableError';
  }
}

/** Runs a generated project's tests somewhere they cannot harm the host. */
export interface Sandbox {
  runTests(request: SandboxRequest): Promise<SandboxResult>;
}

/** The runnable stack of a tech stack description, or undefined when its tests cannot run here. */
export function runnableStack(language: string, runtime = ''): RunnableStack | undefined {
  const text = `${language} ${runtime}`.toLowerCase();
  if (/typescript|\bts\b|deno|bun/.test(text)) return undefined;
  if (/python/.test(text)) return 'python';
  if (/javascript|node|\bjs\b/.test(text)) return 'node';
  return undefined;
}
