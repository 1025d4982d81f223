import type { Node } from 'web-tree-sitter';
import { localAssignments } from '../../syntax/taint.ts';
import { defineRule, type RuleContext } from '../rule.ts';
import { replaceNode } from '../patterns.ts';
import { pythonShellCommand } from '../shell.ts';

/** Programs whose options a file name can supply: `--checkpoint-action=exec=…`, `--reference=…`, `-e sh`. */
const OPTION_TAKING = new Set(['tar', 'chown', 'chgrp', 'chmod', 'rsync']);
const COMMAND_SEPARATOR = /[;&|\n]+/;
/** A glob word at the start of an argument: it expands to bare file names, which may begin with `-`. */
const LEADING_GLOB = /(^|[\s"'])\*/g;

/** Stands for an interpolated value: no space, quote or `*`, so no glob test takes it for a word boundary or a glob. */
const HOLE = /\uE000/g;

/**
 * The string literal that gives a command its words: the command itself, the template of `"…" % x` or
 * `"…".format(x)`, or that of the one value a variable is assigned.
 */
function commandTemplate(node: Node, context: RuleContext): Node | null {
  if (node.type === 'string') return node;
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '%') {
    const left = node.childForFieldName('left');
    return left?.type === 'string' ? left : null;
  }
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'format') {
    const receiver = callee.childForFieldName('object');
    return receiver?.type === 'string' ? receiver : null;
  }
  const values = node.type === 'identifier' ? localAssignments(node, context.spec) : [];
  return values.length === 1 && values[0]!.type !== 'identifier' ? commandTemplate(values[0]!, context) : null;
}

/** A literal's source with each interpolation (`{archive}`) replaced by a hole, the interpolations, and the quotes' lengths. */
function maskedLiteral(literal: Node): { masked: string; holes: string[]; quotes: [number, number] } {
  const source = literal.tree.rootNode.text;
  const holes = literal.namedChildren.filter((hole): hole is Node => hole?.type === 'interpolation');
  let masked = '';
  let at = literal.startIndex;
  for (const hole of holes) {
    masked += `${source.slice(at, hole.startIndex)}\uE000`;
    at = hole.endIndex;
  }
  masked += source.slice(at, literal.endIndex);
  const open = literal.firstNamedChild?.type === 'string_start' ? literal.firstNamedChild.text.length : 0;
  const close = literal.lastNamedChild?.type === 'string_end' ? literal.lastNamedChild.text.length : 0;
  return { masked, holes: holes.map((hole) => hole.text), quotes: [open, close] };
}

/** The program of a shell command whose arguments include a leading glob, or null. */
function globbedProgram(command: string): string | null {
  for (const segment of command.split(COMMAND_SEPARATOR)) {
    const [program = '', ...args] = segment.trim().split(/\s+/);
    const name = program.slice(program.lastIndexOf('/') + 1);
    if (OPTION_TAKING.has(name) && args.some((arg) => arg.startsWith('*'))) return name;
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'S026',
    name: 'wildcard-injection',
    title: 'Wildcard in a shell command that takes options',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-155',
    languages: ['python'],
    messages: {
      en: 'The shell expands * in "{command}" to file names, which {program} reads as options when they start with -',
      zh: 'shell 会把“{command}”中的 * 展开为文件名，以 - 开头的文件名会被 {program} 当作选项',
    },
    suggestion: {
      en: 'Prefix the glob with ./ (./*) or end the options with --, or list the files in Python and pass them as arguments',
      zh: '在通配符前加 ./（./*）或用 -- 结束选项，或在 Python 中列出文件后作为参数传入',
    },
    fix: { en: 'Write ./* instead of *', zh: '将 * 改写为 ./*' },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        const command = pythonShellCommand(call, context);
        const template = command ? commandTemplate(command, context) : null;
        if (!template) return;
        const { masked, holes, quotes } = maskedLiteral(template);
        const words = masked.slice(quotes[0], masked.length - quotes[1]);
        const program = globbedProgram(words);
        if (!program) return;
        const unmask = (text: string) => {
          let next = 0;
          return text.replace(HOLE, () => holes[next++] ?? '');
        };
        context.report({ node, data: { command: unmask(words), program }, fix: replaceNode(template, unmask(masked.replace(LEADING_GLOB, '$1./*'))) });
      },
    };
  },
});
