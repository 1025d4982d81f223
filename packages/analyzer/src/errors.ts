export class UnsupportedLanguageError extends Error {
  override readonly name = 'UnsupportedLanguageError';
  constructor(readonly requested: string, supported: readonly string[]) {
    super(`Unsupported language "${requested}". Supported: ${supported.join(', ')}.`);
  }
}

export class AnalysisTimeoutError extends Error {
  override readonly name = 'AnalysisTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`Analysis exceeded the time limit of ${timeoutMs} ms.`);
  }
}
