import { extname } from 'node:path';
import { format } from 'prettier';

const PARSERS = {
  '.js': 'babel', '.mjs': 'babel', '.cjs': 'babel', '.jsx': 'babel',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescript',
  '.json': 'json',
  '.css': 'css', '.scss': 'scss', '.less': 'less',
  '.md': 'markdown',
};

export const hooks = {
  async 'file.saving'(file, { settings }) {
    const parser = PARSERS[extname(file.path).toLowerCase()];
    if (parser === undefined) return undefined;
    try {
      return { content: await format(file.content, { parser, printWidth: settings.print_width, singleQuote: settings.single_quote }) };
    } catch (error) {
      // Code Prettier cannot parse is saved as generated; the QA stage reports it.
      if (error instanceof SyntaxError || error?.loc !== undefined) return undefined;
      throw error;
    }
  },
};
