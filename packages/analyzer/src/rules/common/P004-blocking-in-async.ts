import type { Node } from 'web-tree-sitter';
import { defineRule } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';

const BLOCKING: PatternTable = {
  python: /^(time\.sleep|requests\.(get|post|put|delete|patch|head|request)|urllib\.request\.urlopen|urlopen|subprocess\.(run|call|check_call|check_output)|os\.system|input)$/,
  js: /^(fs\.\w+Sync|\w+Sync|child_process\.\w+Sync)$/,
  csharp: /^(Thread\.Sleep|\w+\.Wait|Task\.WaitAll|\w+\.GetAwaiter\(\)\.GetResult)$/,
  rust: /^(std\.)?thread\.sleep$|^std\.fs\.\w+$|^reqwest\.blocking\.\w+$/,
};

function isAsync(fn: Node | null): boolean {
  if (!fn) return false;
  const header = fn.text.slice(0, Math.max(0, fn.text.indexOf('(')));
  return /\basync\b/.test(header) || fn.children.some((child) => child?.type === 'async');
}

export default defineRule({
  meta: {
    id: 'P004',
    name: 'blocking-in-async',
    title: 'Blocking call inside an async function',
    category: 'performance',
    severity: 'medium',
    confidence: 'high',
    cwe: null,
    languages: tableLanguages(BLOCKING),
    messages: { en: '{callee}() blocks the event loop inside async function "{name}"', zh: '{callee}() 在异步函数“{name}”中阻塞事件循环' },
    suggestion: {
      en: 'Use the async equivalent (asyncio.sleep, aiohttp/httpx.AsyncClient, fs.promises, Task.Delay) or move the work to a thread',
      zh: '使用异步版本（asyncio.sleep、aiohttp/httpx.AsyncClient、fs.promises、Task.Delay），或放到线程中执行',
    },
  },
  create(context) {
    const blocking = patternFor(BLOCKING, context.spec.id);
    return {
      call(node) {
        const call = context.call(node);
        if (!blocking?.test(call.name)) return;
        const fn = context.currentFunction();
        if (isAsync(fn)) context.report({ node, data: { callee: call.name, name: fn?.childForFieldName('name')?.text ?? '<anonymous>' } });
      },
    };
  },
});
