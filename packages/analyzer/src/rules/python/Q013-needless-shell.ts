import type { Node } from 'web-tree-sitter';
import { stringValue } from '../../syntax/values.ts';
import { defineRule, type Fix } from '../rule.ts';
import { subprocessShell } from '../shell.ts';

/** Characters that only mean something to a shell: with none of them, splitting on spaces gives the same argv. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~=%{}\n]/;

/** `subprocess.run("ls -l", shell=True)` → `subprocess.run(["ls", "-l"])`. */
function argumentListFix(command: Node, text: string, shellFlag: Node): Fix | undefined {
  const keyword = shellFlag.parent;
  if (!keyword) return undefined;
  const list = `[${text.trim().split(/\s+/).map((part) => JSON.stringify(part)).join(', ')}]`;
  const previous = keyword.previousSibling;
  const start = previous?.type === ',' ? previous.startIndex : keyword.startIndex;
  return { edits: [{ start: command.startIndex, end: command.endIndex, text: list }, { start, end: keyword.endIndex, text: '' }] };
}

export default defineRule({
  meta: {
    id: 'Q013',
    name: 'needless-shell',
    title: 'Shell started for a constant command',
    category: 'quality',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: ['python'],
    messages: { en: '{callee}() starts a shell for "{command}", which uses no shell syntax', zh: '{callee}() 为不含 shell 语法的命令“{command}”启动了 shell' },
    suggestion: {
      en: 'Pass the program and its arguments as a list and drop shell=True, so later edits cannot turn it into an injection',
      zh: '以参数列表传入程序及参数并去掉 shell=True，避免日后修改引入命令注入',
    },
    fix: { en: 'Replace the command by an argument list and drop shell=True', zh: '将命令改写为参数列表并去掉 shell=True' },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        const shell = subprocessShell(call, context);
        if (!shell) return;
        const command = stringValue(shell.command, context.spec.kinds);
        if (command === null || command.trim() === '' || SHELL_SYNTAX.test(command)) return;
        context.report({ node, data: { callee: call.name, command }, fix: argumentListFix(shell.command, command, shell.shell) });
      },
    };
  },
});
