import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../syntax/calls.ts';
import { stringValue } from '../../syntax/values.ts';
import { defineRule, type Fix, type RuleContext } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';

/** Calls that hand their first argument to a shell or start the named program. */
const SHELL_SINKS: PatternTable = {
  python: /^(os\.(system|popen[234]?|execl|execlp|execv|execvp|spawnl|spawnlp)|commands\.getoutput|commands\.getstatusoutput|subprocess\.getoutput|subprocess\.getstatusoutput)$/,
  js: /^(exec|execSync|(child_process|childProcess|cp)\.(exec|execSync))$/,
  java: /(^|\.)getRuntime\(\)\.exec$|^new ProcessBuilder$/,
  go: /^exec\.Command(Context)?$/,
  php: /^(system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec)$/,
  c: /^(system|popen|_popen|_wsystem|execl|execlp|execv|execvp)$/,
  cpp: /^(system|popen|_popen|_wsystem|execl|execlp|execv|execvp|std\.system)$/,
  csharp: /^(Process\.Start|new ProcessStartInfo|System\.Diagnostics\.Process\.Start)$/,
  rust: /(^|\.)Command\.new$/,
};
const PY_SUBPROCESS = /^subprocess\.(run|call|check_call|check_output|Popen)$/;
const JS_SPAWN = /^((child_process|childProcess|cp)\.)?(spawn|spawnSync|execFile|execFileSync)$/;
const SHELLS = /^(\/bin\/)?(sh|bash|zsh|cmd(\.exe)?|powershell)$/;
const SHELL_META = /[|&;<>()$`\\"'*?[\]#~=%{}\n]/;

function isTrue(node: Node | undefined): boolean {
  return node?.type === 'true';
}

/** Go: exec.Command("sh", "-c", script) runs `script` through a shell. */
function goCommandArgument(call: CallSite, context: RuleContext): Node | undefined {
  const args = call.method === 'CommandContext' ? call.args.slice(1) : call.args;
  const program = args[0] ? stringValue(args[0], context.spec.kinds) : null;
  if (program !== null && SHELLS.test(program)) return args.slice(1).find((arg) => !context.isConstant(arg));
  return args[0] && !context.isConstant(args[0]) ? args[0] : undefined;
}

/** `subprocess.run("ls -l", shell=True)` → `subprocess.run(["ls", "-l"])` when the command has no shell syntax. */
function argumentListFix(call: CallSite, command: string, shellFlag: Node): Fix | undefined {
  if (SHELL_META.test(command) || command.trim() === '') return undefined;
  const first = call.args[0];
  const keyword = shellFlag.parent;
  if (!first || !keyword) return undefined;
  const list = `[${command.trim().split(/\s+/).map((part) => JSON.stringify(part)).join(', ')}]`;
  const previous = keyword.previousSibling;
  const start = previous?.type === ',' ? previous.startIndex : keyword.startIndex;
  return { edits: [{ start: first.startIndex, end: first.endIndex, text: list }, { start, end: keyword.endIndex, text: '' }] };
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
    fix: { en: 'Replace a constant shell command by an argument list and drop shell=True', zh: '将常量 shell 命令改写为参数列表并去掉 shell=True' },
  },
  create(context) {
    const sinks = patternFor(SHELL_SINKS, context.spec.id);
    const report = (call: CallSite, fix?: Fix, severity?: 'low') =>
      context.report({ node: call.node, data: { callee: call.name.replace(/^new /, '') }, fix, severity });
    return {
      call(node) {
        const call = context.call(node);
        if (context.spec.id === 'python' && PY_SUBPROCESS.test(call.name)) {
          const shell = call.kwargs.get('shell');
          const command = call.args[0];
          if (!isTrue(shell) || !command || !shell) return;
          const constant = stringValue(command, context.spec.kinds);
          if (!context.isConstant(command)) report(call);
          else if (constant !== null) report(call, argumentListFix(call, constant, shell), 'low');
          return;
        }
        if (JS_SPAWN.test(call.name) && /\bshell\s*:\s*true\b/.test(node.text) && !call.args.every((arg) => context.isConstant(arg))) {
          report(call);
          return;
        }
        if (!sinks?.test(call.name)) return;
        if (context.spec.id === 'go') {
          if (goCommandArgument(call, context)) report(call);
          return;
        }
        const first = call.args[0];
        if (first && !context.isConstant(first)) report(call);
      },
    };
  },
});
