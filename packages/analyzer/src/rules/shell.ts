import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../syntax/calls.ts';
import { configuredValue, localAssignments } from '../syntax/taint.ts';
import { literalTruth } from '../syntax/values.ts';
import type { RuleContext } from './rule.ts';

/** Python calls that always hand their first argument to `/bin/sh -c`. */
export const PY_SHELL_CALLS = /^(os\.(system|popen[234]?)|commands\.getoutput|commands\.getstatusoutput|subprocess\.getoutput|subprocess\.getstatusoutput|asyncio\.create_subprocess_shell)$/;
const PY_SUBPROCESS = /^subprocess\.(run|call|check_call|check_output|Popen)$/;

/** A Python `subprocess` call whose `shell=` is a true literal (`True`, `1`, `"yes"`), with that keyword's value. */
export function subprocessShell(call: CallSite, context: RuleContext): { command: Node; shell: Node } | null {
  if (!PY_SUBPROCESS.test(call.name)) return null;
  const shell = call.kwargs.get('shell');
  const command = call.args[0];
  return shell && command && literalTruth(shell, context.spec.kinds) === true ? { command, shell } : null;
}

/** The command a Python call runs through a shell, or null when it starts no shell. */
export function pythonShellCommand(call: CallSite, context: RuleContext): Node | null {
  if (PY_SHELL_CALLS.test(call.name)) return call.args[0] ?? null;
  return subprocessShell(call, context)?.command ?? null;
}

/** Calls that quote a value for a POSIX shell: whatever it holds, it stays one word. */
const SHELL_QUOTE = /^(shlex\.quote|pipes\.quote|quote|shlex\.join)$/;
const CLOCK_TEXT = /^(datetime\.|date\.|time\.)[\w.()]*\.(strftime|isoformat)$|^time\.(time|time_ns|strftime)$/;
const PATH_BUILDERS = /^(os\.path|posixpath)\.(join|basename|dirname)$/;

/**
 * Whether a Python shell command holds nothing the shell could split or run: constants, configuration, and values
 * passed through `shlex.quote`, joined by `+`, f-strings or `%`/`.format` of a constant template.
 */
export function shellSafeCommand(node: Node, context: RuleContext, depth = 0): boolean {
  // What the operator configures (`os.environ["MEDIA_OWNER"]`) is theirs to run, like the command itself.
  if (context.isConstant(node) || configuredValue(node, context.spec)) return true;
  // Only steps from a name to its assignments count against the depth: one expression's parts are finite.
  if (depth >= 3) return false;
  const { kinds } = context.spec;
  if (kinds.call.includes(node.type)) {
    const name = context.call(node).name;
    if (SHELL_QUOTE.test(name)) return true;
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null && !arg.type.endsWith('comment'));
    // A clock formatted by a constant pattern, or a path joined from safe parts, holds nothing from outside.
    if (CLOCK_TEXT.test(name) || PATH_BUILDERS.test(name)) return args.every((arg) => shellSafeCommand(arg, context, depth));
    const callee = node.childForFieldName('function');
    const template = callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'format' ? callee.childForFieldName('object') : null;
    return template !== null && context.isConstant(template) && args.every((arg) => arg !== null && shellSafeCommand(arg.type === 'keyword_argument' ? arg.childForFieldName('value') ?? arg : arg, context, depth));
  }
  if (node.type === 'binary_operator' && /^[+%]$/.test(node.childForFieldName('operator')?.text ?? '')) {
    const parts = [node.childForFieldName('left'), node.childForFieldName('right')];
    const operands = parts[1]?.type === 'tuple' && node.childForFieldName('operator')?.text === '%' ? [parts[0], ...parts[1].namedChildren] : parts;
    return operands.every((part) => part !== null && part !== undefined && shellSafeCommand(part, context, depth));
  }
  if (node.type === 'parenthesized_expression' && node.firstNamedChild) return shellSafeCommand(node.firstNamedChild, context, depth);
  if (kinds.string.includes(node.type)) {
    return node.descendantsOfType('interpolation').every((hole) => {
      const expression = hole?.namedChildren.find((part) => part !== null && part.type !== 'format_specifier' && part.type !== 'type_conversion');
      return expression !== undefined && expression !== null && shellSafeCommand(expression, context, depth);
    });
  }
  if (node.type === 'identifier') {
    const values = localAssignments(node, context.spec);
    return values.length > 0 && values.every((value) => shellSafeCommand(value, context, depth + 1));
  }
  return false;
}
