import type { Node } from 'web-tree-sitter';
import { defineRule, type Visitors } from '../rule.ts';

const JS_DECLARATIONS = new Set(['function_declaration', 'class_declaration', 'generator_function_declaration', 'abstract_class_declaration']);
const JAVA_DECLARATIONS = new Set(['class_declaration', 'interface_declaration', 'method_declaration', 'enum_declaration', 'record_declaration']);
const GO_DECLARATIONS = new Set(['function_declaration', 'method_declaration', 'type_declaration']);

function isCommentNode(node: Node | null): boolean {
  return node !== null && node.type.endsWith('comment');
}

// True when a doc comment (slash-star-star) is among the comments right before the declaration.
function hasDocComment(node: Node): boolean {
  for (let previous = node.previousNamedSibling; isCommentNode(previous); previous = previous?.previousNamedSibling ?? null) {
    if (previous?.text.startsWith('/**')) return true;
  }
  return false;
}

function pythonDocumented(node: Node): boolean {
  const first = node.childForFieldName('body')?.firstNamedChild;
  return first?.type === 'expression_statement' && first.firstNamedChild?.type === 'string';
}

/** True for module-level definitions and methods directly in a class. */
function pythonIsApi(node: Node): boolean {
  const holder = node.parent?.type === 'decorated_definition' ? node.parent : node;
  const container = holder.parent;
  return container?.type === 'module' || (container?.type === 'block' && container.parent?.type === 'class_definition');
}

export default defineRule({
  meta: {
    id: 'Q012',
    name: 'missing-docstring',
    title: 'Public API without documentation',
    category: 'quality',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: ['python', 'javascript', 'typescript', 'tsx', 'java', 'go'],
    messages: { en: 'Public {kind} "{name}" has no documentation comment', zh: '公开的{kind}“{name}”缺少文档注释' },
    suggestion: { en: 'Add a docstring / doc comment saying what it does and why', zh: '添加文档字符串或文档注释，说明其用途' },
  },
  create(context): Visitors {
    const report = (declaration: Node, kind: string) => {
      const name = declaration.childForFieldName('name');
      if (name) context.report({ node: name, data: { kind, name: name.text } });
    };
    if (context.spec.id === 'python') {
      const check = (node: Node) => {
        const name = node.childForFieldName('name')?.text ?? '_';
        if (!name.startsWith('_') && pythonIsApi(node) && !pythonDocumented(node)) report(node, node.type === 'class_definition' ? 'class' : 'function');
      };
      return { function_definition: check, class_definition: check };
    }
    return {
      'program:exit'(root) {
        const language = context.spec.id;
        if (language === 'go') {
          for (const node of root.namedChildren) {
            if (!node || !GO_DECLARATIONS.has(node.type) || isCommentNode(node.previousNamedSibling)) continue;
            const named = node.type === 'type_declaration' ? node.firstNamedChild : node;
            if (named && /^[A-Z]/.test(named.childForFieldName('name')?.text ?? '')) report(named, 'declaration');
          }
        } else if (language === 'java') {
          for (const node of root.descendantsOfType([...JAVA_DECLARATIONS])) {
            const modifiers = node?.namedChildren.find((child) => child?.type === 'modifiers');
            if (!node || !/\bpublic\b/.test(modifiers?.text ?? '') || /@Override/.test(modifiers?.text ?? '')) continue;
            if (!hasDocComment(node)) report(node, 'declaration');
          }
        } else {
          for (const node of root.namedChildren) {
            if (node?.type !== 'export_statement') continue;
            const declaration = node.childForFieldName('declaration');
            if (declaration && JS_DECLARATIONS.has(declaration.type) && !hasDocComment(node)) report(declaration, 'declaration');
          }
        }
      },
    };
  },
});
