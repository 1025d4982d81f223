import { extname } from 'node:path';
import { format } from 'prettier';

const PARSERS = { '.js': 'babel', '.mjs': 'babel', '.jsx': 'babel', '.ts': 'typescript', '.tsx': 'typescript', '.json': 'json' };

export const hooks = {
  async 'file.saving'(file) {
    const parser = PARSERS[extname(file.path).toLowerCase()];
    if (parser === undefined) return undefined;
    // Code Prettier cannot parse is saved as generated.
    return format(file.content, { parser }).then((content) => ({ content }), () => undefined);
  },
};
