import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../syntax/calls.ts';
import { visibleAssignments } from '../../syntax/taint.ts';
import { integerValue, stringValue } from '../../syntax/values.ts';
import { defineRule, type RuleContext } from '../rule.ts';
import { JS_FAMILY, replaceNode } from '../patterns.ts';

const OS_CHMOD = /^os\.(chmod|lchmod|fchmod)$/;
const OS_MKDIR = /^os\.(mkdir|makedirs)$/;
const STAT_BITS: Record<string, number> = {
  S_ISUID: 0o4000, S_ISGID: 0o2000, S_ISVTX: 0o1000,
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100, S_IREAD: 0o400, S_IWRITE: 0o200, S_IEXEC: 0o100,
  S_IRWXG: 0o70, S_IRGRP: 0o40, S_IWGRP: 0o20, S_IXGRP: 0o10,
  S_IRWXO: 0o7, S_IROTH: 0o4, S_IWOTH: 0o2, S_IXOTH: 0o1,
};
const WORLD_WRITE = 0o2;
/** Node's `fs` and `fs/promises` receivers (`fs`, `fsp`, `fs.promises`, `fse`); a bare call is a destructured import. */
const NODE_FS = /^$|(^|\.)(fs\w*|promises)$/i;
/** Node calls that take a mode, by the position of the mode or of the options object holding it. */
const NODE_MODE_POSITION: Record<string, number> = {
  chmod: 1, chmodSync: 1, lchmod: 1, lchmodSync: 1, fchmod: 1, fchmodSync: 1,
  mkdir: 1, mkdirSync: 1, open: 2, openSync: 2, writeFile: 2, writeFileSync: 2, appendFile: 2, appendFileSync: 2, createWriteStream: 1,
};
const NODE_SETS_MODE = /^[fl]?chmod(Sync)?$/;
const OCTAL_STRING = /^0?[0-7]{3,4}$/;
const LEGACY_OCTAL = /^0[0-7]+$/;

interface ModeArgument {
  node: Node;
  /** Whether the call creates the file, so that the process umask still masks the mode. */
  creates: boolean;
}

/** The mode argument of a Python call: `os.chmod(path, mode)`, `os.makedirs(path, mode)`, `os.open(path, flags, mode)`, `p.chmod(mode)`. */
function pythonMode(call: CallSite): ModeArgument | undefined {
  const keyword = call.kwargs.get('mode');
  if (OS_CHMOD.test(call.name)) return wrap(keyword ?? call.args[1], false);
  if (OS_MKDIR.test(call.name)) return wrap(keyword ?? call.args[1], true);
  if (call.name === 'os.open') return wrap(keyword ?? call.args[2], true);
  if (call.receiver === '' || call.receiver === 'os') return undefined;
  if (call.method === 'chmod' || call.method === 'lchmod') return wrap(keyword ?? call.args[0], false);
  if (call.method === 'mkdir' || call.method === 'touch') return wrap(keyword ?? call.args[0], true);
  return undefined;
}

/** The mode argument of a Node `fs` call, given as it is (`0o777`, `'777'`) or as the `mode` of an options object. */
function nodeMode(call: CallSite): ModeArgument | undefined {
  const position = NODE_MODE_POSITION[call.method];
  // A FileHandle's `handle.chmod(mode)` takes the mode alone.
  const ownMode = call.method === 'chmod' && call.receiver !== '' && call.args.length === 1;
  if (position === undefined || (!ownMode && !NODE_FS.test(call.receiver))) return undefined;
  const argument = call.args[ownMode ? 0 : position];
  const mode = argument?.type === 'object'
    ? argument.namedChildren.find((pair) => pair?.type === 'pair' && pair.childForFieldName('key')?.text.replace(/['"]/g, '') === 'mode')?.childForFieldName('value')
    : argument;
  return wrap(mode ?? undefined, !NODE_SETS_MODE.test(call.method));
}

function wrap(node: Node | undefined, creates: boolean): ModeArgument | undefined {
  return node ? { node, creates } : undefined;
}

/** The value of a mode written with literals, octal strings, `stat.S_*`/`fs.constants.S_*` names and `|`/`+`, through constant variables; null when unknown. */
function modeBits(node: Node, context: RuleContext, depth = 0): number | null {
  // JavaScript's legacy `0777` is octal.
  if (node.type === 'number' && LEGACY_OCTAL.test(node.text)) return parseInt(node.text, 8);
  const literal = integerValue(node);
  if (literal !== null) return literal;
  const text = stringValue(node, context.spec.kinds);
  if (text !== null) return OCTAL_STRING.test(text) ? parseInt(text, 8) : null;
  const member = node.type === 'attribute' ? node.childForFieldName('attribute') : node.type === 'member_expression' ? node.childForFieldName('property') : null;
  if (member) return STAT_BITS[member.text] ?? null;
  if (node.type === 'identifier') {
    const stat = STAT_BITS[node.text];
    if (stat !== undefined) return stat;
    const values = visibleAssignments(node, context.spec);
    const [value] = values;
    return values.length === 1 && value && depth < 2 ? modeBits(value, context, depth + 1) : null;
  }
  if (node.type === 'parenthesized_expression' && node.firstNamedChild) return modeBits(node.firstNamedChild, context, depth);
  if (node.type !== 'binary_operator' && node.type !== 'binary_expression') return null;
  const operator = node.childForFieldName('operator')?.text;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const [a, b] = [left && modeBits(left, context, depth), right && modeBits(right, context, depth)];
  if (a === null || b === null || a === undefined || b === undefined || (operator !== '|' && operator !== '+')) return null;
  return operator === '|' ? a | b : a + b;
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
    languages: ['python', ...JS_FAMILY],
    messages: {
      en: '{callee}() sets mode {mode} (o+w): every user on the system can modify or replace the file',
      zh: '{callee}() 设置的权限 {mode}（o+w）使系统上的任何用户都能修改或替换该文件',
    },
    suggestion: {
      en: 'Grant only the owner (and the group where needed) write access, e.g. 0o644 for files and 0o755 or 0o750 for directories that must be traversed',
      zh: '只授予属主（必要时属组）写权限，例如文件用 0o644，需要遍历的目录用 0o755 或 0o750',
    },
    fix: { en: 'Remove write permission for other users', zh: '去掉其他用户的写权限' },
  },
  create(context) {
    const modeOf = context.spec.id === 'python' ? pythonMode : nodeMode;
    return {
      call(node) {
        const call = context.call(node);
        const argument = modeOf(call);
        const mode = argument ? modeBits(argument.node, context) : null;
        // Read and execute for the group or everyone are the usual 0o644/0o755/0o750: only a world-writable mode opens the file.
        if (!argument || mode === null || !(mode & WORLD_WRITE)) return;
        const fix = integerValue(argument.node) === null ? undefined : replaceNode(argument.node, `0o${(mode & ~WORLD_WRITE).toString(8)}`);
        // A mode given when creating the file is still masked by the process umask.
        const confidence = argument.creates ? 'medium' : 'high';
        context.report({ node, data: { callee: call.name, mode: `0o${mode.toString(8)}` }, fix, confidence });
      },
    };
  },
});
