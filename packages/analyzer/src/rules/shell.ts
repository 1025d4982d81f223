import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../syntax/calls.ts';
import { literalTruth } from '../syntax/values.ts';
import type { RuleContext } from './rule.ts';

/** Python calls that always hand their first argument to `/bin/sh -c`. */
export const PY_SHELL_CALLS = /^(os\.(system|popen[234]?)|commands\.getoutput|commands\.getstatusoutput|subprocess\.getoutput|subprocess\.getstatusoutput)$/;
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
