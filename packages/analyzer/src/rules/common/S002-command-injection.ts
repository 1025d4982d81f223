import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../syntax/calls.ts';
import { assignedValues } from '../../syntax/taint.ts';
import { stringValue } from '../../syntax/values.ts';
import { defineRule, type RuleContext } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';
import { PY_SHELL_CALLS, shellSafeCommand, subprocessShell } from '../shell.ts';

/** Calls that hand their first argument to a shell or start the named program (paramiko's `exec_command` runs it on the remote shell). */
const SHELL_SINKS: PatternTable = {
  python: new RegExp(`${PY_SHELL_CALLS.source}|^os\\.(execl|execlp|execv|execvp|spawnl|spawnlp)$|\\.exec_command$`),
  js: /^(exec|execSync|(child_process|childProcess|cp)\.(exec|execSync))$/,
  java: /(^|\.)getRuntime\(\)\.exec$|^new ProcessBuilder$/,
  go: /^exec\.Command(Context)?$/,
  php: /^(system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec)$/,
  c: /^(system|popen|_popen|_wsystem|execl|execlp|execv|execvp)$/,
  cpp: /^(system|popen|_popen|_wsystem|execl|execlp|execv|execvp|std\.system)$/,
  csharp: /^(Process\.Start|new ProcessStartInfo|System\.Diagnostics\.Process\.Start)$/,
  rust: /(^|\.)Command\.new$/,
};
const JS_SPAWN = /^((child_process|childProcess|cp)\.)?(spawn|spawnSync|execFile|execFileSync)$/;
const SHELLS = /^(\/bin\/)?(sh|bash|zsh|cmd(\.exe)?|powershell)$/;

/** Go: exec.Command("sh", "-c", script) runs `script` through a shell. */
function goCommandArgument(call: CallSite, context: RuleContext): Node | undefined {
  const args = call.method === 'CommandContext' ? call.args.slice(1) : call.args;
  const program = args[0] ? stringValue(args[0], context.spec.kinds) : null;
  if (program !== null && SHELLS.test(program)) return args.slice(1).find((arg) => !context.isConstant(arg));
  return args[0] && !context.isConstant(args[0]) ? args[0] : undefined;
}

/** `const run = util.promisify(exec)` makes `run(command)` the same sink. */
function promisifiedSink(call: Node, sinks: RegExp | undefined, context: RuleContext): boolean {
  const callee = call.childForFieldName('function');
  if (!sinks || callee?.type !== 'identifier') return false;
  return assignedValues(call.tree.rootNode, callee.text, context.spec).some((value) => {
    if (!context.spec.kinds.call.includes(value.type)) return false;
    const wrapper = context.call(value);
    return /^(util\.)?promisify$/.test(wrapper.name) && wrapper.args[0] !== undefined && sinks.test(wrapper.args[0].text);
  });
}

export default defineRule({
  meta: {
    id: 'S002',
    name: 'command-injection',
    title: 'OS command injection',
    category: 'security',
    severity: 'critical',
    confidence: 'high',
    cwe: 'CWE-78',
    languages: tableLanguages(SHELL_SINKS),
    messages: { en: '{callee}() runs a command built from non-constant input', zh: '{callee}() 使用非常量输入执行系统命令，存在命令注入风险' },
    suggestion: {
      en: 'Pass the program and its arguments as a list without a shell, and validate the input against an allow-list',
      zh: '以参数列表形式调用程序且不经过 shell，并用白名单校验输入',
    },
  },
  create(context) {
    const sinks = patternFor(SHELL_SINKS, context.spec.id);
    const report = (call: CallSite) => context.report({ node: call.node, data: { callee: call.name.replace(/^new /, '') } });
    return {
      call(node) {
        const call = context.call(node);
        const shell = context.spec.id === 'python' ? subprocessShell(call, context) : null;
        if (shell) {
          if (!shellSafeCommand(shell.command, context)) report(call);
          return;
        }
        if (JS_SPAWN.test(call.name) && /\bshell\s*:\s*true\b/.test(node.text) && !call.args.every((arg) => context.isConstant(arg))) {
          report(call);
          return;
        }
        if (!sinks?.test(call.name) && !(context.spec.id !== 'python' && promisifiedSink(node, sinks, context))) return;
        if (context.spec.id === 'go') {
          if (goCommandArgument(call, context)) report(call);
          return;
        }
        const first = call.args[0];
        const safe = (command: Node) => (context.spec.id === 'python' ? shellSafeCommand(command, context) : context.isConstant(command));
        if (first && !safe(first)) report(call);
      },
    };
  },
});
