import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../rule.ts';

const PY_IMPORTS = new Set(['import_statement', 'import_from_statement']);

/** Names an import statement binds, each with the node to report. */
function importedNames(statement: Node): Node[] {
  if (statement.type === 'import_statement' && statement.childForFieldName('source')) {
    const clause = statement.namedChildren.find((child) => child?.type === 'import_clause');
    if (!clause || statement.text.startsWith('import type')) return [];
    return clause.descendantsOfType(['identifier']).filter((name): name is Node =>
      name !== null && !(name.parent?.type === 'import_specifier' && name.parent.childForFieldName('alias') && name.parent.childForFieldName('name')?.equals(name)));
  }
  if (statement.type === 'import_from_statement' && statement.text.includes('*')) return [];
  return statement.childrenForFieldName('name').flatMap((child) => {
    if (child.type === 'aliased_import') return child.childForFieldName('alias') ?? [];
    return child.firstNamedChild ?? [];
  });
}

export default defineRule({
  meta: {
    id: 'Q008',
    name: 'unused-import',
    title: 'Unused import',
    category: 'quality',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    messages: { en: '"{name}" is imported but never used', zh: '导入了“{name}”但从未使用' },
    suggestion: { en: 'Remove the unused import', zh: '删除未使用的导入' },
  },
  create(context): Visitors {
    const isPython = context.spec.id === 'python';
    if (isPython && /(^|[/\\])__init__\.py$/.test(context.filePath ?? '')) return {};
    const statements: Node[] = [];
    const collect = (node: Node) => {
      if (node.parent?.type === 'module' || node.parent?.type === 'program') statements.push(node);
    };
    const visitors: Visitors = {
      // Used when the name occurs more often in the file than in the import statements themselves.
      'program:exit'() {
        const imported = statements.flatMap(importedNames);
        const inImports = new Map<string, number>();
        for (const statement of statements) {
          for (const token of statement.text.match(/[\w$]+/g) ?? []) inImports.set(token, (inImports.get(token) ?? 0) + 1);
        }
        for (const name of imported) {
          if (!name.text.startsWith('_') && context.tokenCount(name.text) <= (inImports.get(name.text) ?? 0)) {
            context.report({ node: name, data: { name: name.text } });
          }
        }
      },
    };
    for (const type of isPython ? PY_IMPORTS : ['import_statement']) visitors[type] = collect;
    return visitors;
  },
});
