import { extname } from 'node:path';

const LINE_COMMENT = {
  '//': ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.go', '.java', '.kt', '.scala', '.swift', '.c', '.h', '.cc', '.cpp', '.hpp', '.cs', '.rs', '.php', '.dart'],
  '#': ['.py', '.rb', '.sh', '.bash', '.pl', '.r', '.ex', '.exs'],
  '--': ['.sql', '.lua', '.hs'],
};
const PREFIX_BY_EXTENSION = new Map(Object.entries(LINE_COMMENT).flatMap(([prefix, extensions]) => extensions.map((extension) => [extension, prefix])));

function commented(header, extension) {
  const lines = header.trimEnd().split(/\r?\n/);
  if (extension === '.css' || extension === '.scss' || extension === '.less') return `/*\n${lines.map((line) => ` * ${line}`.trimEnd()).join('\n')}\n */\n`;
  const prefix = PREFIX_BY_EXTENSION.get(extension);
  return prefix === undefined ? undefined : `${lines.map((line) => `${prefix} ${line}`.trimEnd()).join('\n')}\n`;
}

export const hooks = {
  'file.saving'(file, { settings }) {
    if (file.category !== 'code' && file.category !== 'test') return undefined;
    const header = commented(settings.header, extname(file.path).toLowerCase());
    if (header === undefined) return undefined;
    // A shebang has to stay the first line.
    const shebang = file.content.startsWith('#!') ? file.content.slice(0, file.content.indexOf('\n') + 1 || file.content.length) : '';
    const body = file.content.slice(shebang.length);
    if (body.startsWith(header)) return undefined;
    return { content: `${shebang}${header}\n${body}` };
  },
};
