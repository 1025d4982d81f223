import type { Node } from 'web-tree-sitter';

/** What a Python module's imports bind: local names to the dotted paths they stand for. */
export interface ImportTable {
  /** `import hashlib as h` → h: hashlib; `from Crypto.Cipher import ARC2 as A` → A: Crypto.Cipher.ARC2. */
  aliases: Map<string, string>;
  /** Modules imported with `from m import *`, in source order. */
  starModules: string[];
  /** Names the module defines itself (functions, classes), which a star import cannot rebind. */
  defined: Set<string>;
}

const IMPORT_TYPES = ['import_statement', 'import_from_statement'];
const DEFINITION_TYPES = ['function_definition', 'class_definition'];

/** Python's built-in functions: a star import is not taken to replace them, as its module's exports are unknown. */
const BUILTINS = new Set([
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr',
  'classmethod', 'compile', 'complex', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'filter', 'float',
  'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance',
  'issubclass', 'iter', 'len', 'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open', 'ord',
  'pow', 'print', 'property', 'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod',
  'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip', '__import__',
]);

/** One name an import statement binds, `local` standing for `path`; `from m import *` gives local `*` and path `m.*`. */
export interface ImportBinding {
  local: string;
  path: string;
  /** The dotted name the statement spells out: `a.b` for `import a.b`, which binds only `a`. */
  imported: string;
}

/** What a Python import statement binds; relative imports (`from . import x`) name project files and give nothing. */
export function importBindings(statement: Node): ImportBinding[] {
  const module = statement.childForFieldName('module_name');
  if (module?.type === 'relative_import') return [];
  if (module && statement.namedChildren.some((child) => child?.type === 'wildcard_import')) {
    return [{ local: '*', path: `${module.text}.*`, imported: `${module.text}.*` }];
  }
  const prefix = module ? `${module.text}.` : '';
  return statement.childrenForFieldName('name').flatMap((name) => {
    const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
    const path = (name.type === 'aliased_import' ? name.childForFieldName('name') : name)?.text;
    if (!path) return [];
    const imported = prefix + path;
    if (alias) return [{ local: alias.text, path: imported, imported }];
    if (module) return [{ local: path, path: imported, imported }];
    const head = path.split('.')[0] ?? path;
    return [{ local: head, path: head, imported }];
  });
}

/** Lines that start with an import keyword; the tree then says whether each really is an import statement. */
const IMPORT_LINE = /^[ \t]*(?:import|from)[ \t\\]/gm;

/**
 * Reads every import statement of a Python tree, nested ones included (`try: import cPickle as pickle`). The lines are
 * found in the text and each confirmed by the node at its keyword: a search of the whole tree costs 5 % of an analysis.
 */
export function pythonImports(root: Node, code: string): ImportTable {
  const table: ImportTable = { aliases: new Map(), starModules: [], defined: new Set() };
  for (const line of code.matchAll(IMPORT_LINE)) {
    const keyword = root.descendantForIndex(line.index + line[0].search(/\S/));
    const statement = keyword?.parent;
    if (!statement || !IMPORT_TYPES.includes(statement.type) || statement.startIndex !== keyword.startIndex) continue;
    for (const { local, path } of importBindings(statement)) {
      if (local === '*') table.starModules.push(path.slice(0, -2));
      // `import a.b` binds `a` to itself: nothing to rename.
      else if (local !== path) table.aliases.set(local, path);
    }
  }
  if (table.starModules.length > 0) {
    for (const definition of root.descendantsOfType(DEFINITION_TYPES)) {
      const name = definition?.childForFieldName('name')?.text;
      if (name) table.defined.add(name);
    }
  }
  return table;
}

/**
 * The dotted path a callee written as `name` stands for: its first segment replaced through the import table.
 * A bare name is taken from a star import only when one module was star-imported and nothing else binds it.
 */
export function resolveImported(name: string, table: ImportTable): string {
  const end = name.search(/[.(]/);
  const head = end < 0 ? name : name.slice(0, end);
  const rest = end < 0 ? '' : name.slice(end);
  const target = table.aliases.get(head);
  if (target) return target + rest;
  const [star, ...others] = table.starModules;
  if (star && others.length === 0 && end < 0 && !BUILTINS.has(head) && !table.defined.has(head)) return `${star}.${head}`;
  return name;
}
