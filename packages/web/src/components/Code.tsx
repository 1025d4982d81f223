import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import 'highlight.js/styles/github.css';
import { useMemo } from 'react';

// The languages the agents write; others are shown as plain text.
const LANGUAGES = { bash, css, dockerfile, go, ini, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

const BY_EXTENSION: Record<string, keyof typeof LANGUAGES> = {
  py: 'python', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript', ts: 'typescript', tsx: 'typescript',
  json: 'json', md: 'markdown', html: 'xml', htm: 'xml', xml: 'xml', svg: 'xml', vue: 'xml', css: 'css', scss: 'css',
  sh: 'bash', bash: 'bash', yml: 'yaml', yaml: 'yaml', sql: 'sql', java: 'java', go: 'go', rs: 'rust', toml: 'ini', ini: 'ini', cfg: 'ini',
};

export function languageOf(filename: string): keyof typeof LANGUAGES | undefined {
  const base = filename.split('/').at(-1) ?? filename;
  if (base === 'Dockerfile') return 'dockerfile';
  return BY_EXTENSION[base.split('.').at(-1)?.toLowerCase() ?? ''];
}

/** Source text with syntax highlighting chosen by the file name. */
export function Code({ filename, content }: { filename: string; content: string }) {
  const language = languageOf(filename);
  // highlight.js escapes the text it is given, so its HTML holds no markup from the file.
  const html = useMemo(() => (language ? hljs.highlight(content, { language }).value : undefined), [content, language]);
  return (
    <pre className="code" aria-label={filename}>
      {html === undefined ? <code>{content}</code> : <code className="hljs" dangerouslySetInnerHTML={{ __html: html }} />}
    </pre>
  );
}
