/** The languages the analyzer parses (the `language` field of POST /api/analyze/code). */
export const ANALYSIS_LANGUAGES = ['python', 'javascript', 'typescript', 'tsx', 'java', 'go', 'rust', 'c', 'cpp', 'csharp', 'php'] as const;
export type AnalysisLanguage = (typeof ANALYSIS_LANGUAGES)[number];

export const LANGUAGE_LABELS: Record<AnalysisLanguage, string> = {
  python: 'Python', javascript: 'JavaScript', typescript: 'TypeScript', tsx: 'TSX', java: 'Java', go: 'Go',
  rust: 'Rust', c: 'C', cpp: 'C++', csharp: 'C#', php: 'PHP',
};

// The analyzer's extensions (packages/analyzer/src/languages.ts).
const BY_EXTENSION: Record<string, AnalysisLanguage> = {
  py: 'python', pyw: 'python', pyi: 'python', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx', java: 'java', go: 'go', rs: 'rust', c: 'c', h: 'c',
  cpp: 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp', cs: 'csharp', php: 'php', phtml: 'php',
};

/** The language a file name stands for, by its extension. */
export function languageOfFile(name: string): AnalysisLanguage | undefined {
  const extension = name.includes('.') ? name.split('.').at(-1)!.toLowerCase() : '';
  return BY_EXTENSION[extension];
}

/** A file name with the language's usual extension, for code that came without one (highlighting, SARIF, downloads). */
export function fileNameFor(language: string, base = 'snippet'): string {
  const extension = Object.entries(BY_EXTENSION).find(([, value]) => value === language)?.[0];
  return extension ? `${base}.${extension}` : `${base}.txt`;
}
