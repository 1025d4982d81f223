import hljs from 'highlight.js/lib/core';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import typescript from 'highlight.js/lib/languages/typescript';
import type { AnalysisLanguage } from './languages.ts';

// highlight.js's own registry, used here only to guess the language of pasted code (the analyzer needs one named).
const GUESSABLE = { python, javascript, typescript, java, go, rust, c, cpp, csharp, php };
for (const [name, definition] of Object.entries(GUESSABLE)) {
  if (!hljs.getLanguage(name)) hljs.registerLanguage(name, definition);
}

// The guess reads only the start of long code: it is re-run on every edit.
const GUESS_SAMPLE = 20_000;

/** The most likely analysis language of pasted code, or undefined when none stands out. */
export function guessLanguage(code: string): AnalysisLanguage | undefined {
  if (!code.trim()) return undefined;
  const guess = hljs.highlightAuto(code.slice(0, GUESS_SAMPLE), Object.keys(GUESSABLE));
  return guess.relevance > 0 ? (guess.language as AnalysisLanguage | undefined) : undefined;
}
