import { stringValue } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';
import { replaceNode } from '../patterns.ts';
import { pythonShellCommand } from '../shell.ts';

/** Programs whose options a file name can supply: `--checkpoint-action=exec=…`, `--reference=…`, `-e sh`. */
const OPTION_TAKING = new Set(['tar', 'chown', 'chgrp', 'chmod', 'rsync']);
const COMMAND_SEPARATOR = /[;&|\n]+/;
/** A glob word at the start of an argument: it expands to bare file names, which may begin with `-`. */
const LEADING_GLOB = /(^|[\s"'])\*/g;

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
        const text = command ? stringValue(command, context.spec.kinds) : null;
        const program = text === null ? null : globbedProgram(text);
        if (!command || !program || text === null) return;
        context.report({ node, data: { command: text, program }, fix: replaceNode(command, command.text.replace(LEADING_GLOB, '$1./*')) });
      },
    };
  },
});
