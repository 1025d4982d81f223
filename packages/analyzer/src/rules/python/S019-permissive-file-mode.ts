import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../syntax/calls.ts';
import { integerValue } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';
import { replaceNode } from '../patterns.ts';

const OS_CHMOD = /^os\.(chmod|lchmod|fchmod)$/;
const STAT_BITS: Record<string, number> = {
  S_ISUID: 0o4000, S_ISGID: 0o2000, S_ISVTX: 0o1000,
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100, S_IREAD: 0o400, S_IWRITE: 0o200, S_IEXEC: 0o100,
  S_IRWXG: 0o70, S_IRGRP: 0o40, S_IWGRP: 0o20, S_IXGRP: 0o10,
  S_IRWXO: 0o7, S_IROTH: 0o4, S_IWOTH: 0o2, S_IXOTH: 0o1,
};
const WORLD_WRITE = 0o2;
const GROUP_EXECUTE = 0o10;
const OTHERS_EXECUTE = 0o1;

/** The permission bits of a mode written as literals and `stat.S_*` names joined by `|` or `+`; null when not constant. */
function modeBits(node: Node): number | null {
  const literal = integerValue(node);
  if (literal !== null) return literal;
  if (node.type === 'attribute' || node.type === 'identifier') {
    return STAT_BITS[(node.type === 'attribute' ? node.childForFieldName('attribute')?.text : node.text) ?? ''] ?? null;
  }
  if (node.type === 'parenthesized_expression' && node.firstNamedChild) return modeBits(node.firstNamedChild);
  if (node.type !== 'binary_operator') return null;
  const operator = node.childForFieldName('operator')?.text;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const [a, b] = [left && modeBits(left), right && modeBits(right)];
  if (a === null || b === null || a === undefined || b === undefined || (operator !== '|' && operator !== '+')) return null;
  return operator === '|' ? a | b : a + b;
}

/** The mode argument: `os.chmod(path, mode)`, or a path object's `p.chmod(mode)`. */
function modeArgument(call: CallSite): Node | undefined {
  if (OS_CHMOD.test(call.name)) return call.kwargs.get('mode') ?? call.args[1];
  if (call.method === 'chmod' && call.receiver !== '' && call.receiver !== 'os') return call.kwargs.get('mode') ?? call.args[0];
  return undefined;
}

export default defineRule({
  meta: {
    id: 'S019',
    name: 'permissive-file-mode',
    title: 'File permissions open to other users',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-732',
    languages: ['python'],
    messages: { en: '{callee}() sets mode {mode} ({bits}), opening the file to users other than its owner', zh: '{callee}() 设置的权限 {mode}（{bits}）向属主以外的用户开放了文件' },
    suggestion: {
      en: 'Grant only the owner (and the group where needed) write access, e.g. 0o644 for files and 0o755 for directories that must be traversed',
      zh: '只授予属主（必要时属组）写权限，例如文件用 0o644，需要遍历的目录用 0o755',
    },
    fix: { en: 'Remove write permission for other users', zh: '去掉其他用户的写权限' },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        const argument = modeArgument(call);
        const mode = argument ? modeBits(argument) : null;
        if (!argument || mode === null) return;
        const data = { callee: call.name, mode: `0o${mode.toString(8)}` };
        if (mode & WORLD_WRITE) {
          const fix = integerValue(argument) === null ? undefined : replaceNode(argument, `0o${(mode & ~WORLD_WRITE).toString(8)}`);
          context.report({ node, data: { ...data, bits: 'o+w' }, fix });
        } else if (mode & (GROUP_EXECUTE | OTHERS_EXECUTE)) {
          // Executable by the group or everyone is common for scripts and directories, so it is only a hint.
          context.report({ node, data: { ...data, bits: mode & GROUP_EXECUTE ? 'g+x' : 'o+x' }, severity: 'low', confidence: 'low' });
        }
      },
    };
  },
});
