import type { Node } from 'web-tree-sitter';
import { defineRule } from '../rule.ts';

const PLACEHOLDER_STATEMENT = /^(pass|\.\.\.|continue)$/;

export default defineRule({
  meta: {
    id: 'Q005',
    name: 'swallowed-exception',
    title: 'Bare or swallowing exception handler',
    category: 'quality',
    severity: 'medium',
    confidence: 'high',
    cwe: 'CWE-390',
    languages: ['python', 'javascript', 'typescript', 'tsx', 'java', 'csharp', 'php', 'cpp'],
    messages: { en: '{detail}', zh: '{detail_zh}' },
    suggestion: {
      en: 'Catch the specific exceptions you expect and log, handle or re-raise them',
      zh: '只捕获预期的具体异常，并记录、处理或重新抛出',
    },
  },
  create(context) {
    return {
      except_clause(node) {
        const named = node.namedChildren.filter((child): child is Node => child !== null && !child.type.endsWith('comment'));
        const body = named.at(-1);
        const bare = named.length === 1;
        const swallowed = body?.type === 'block' && body.namedChildren.length === 1 && PLACEHOLDER_STATEMENT.test(body.text.trim());
        if (bare) {
          context.report({ node, data: { detail: 'Bare except: catches every exception, including KeyboardInterrupt and SystemExit', detail_zh: '裸 except: 会捕获包括 KeyboardInterrupt 与 SystemExit 在内的所有异常' } });
        } else if (swallowed) {
          context.report({ node, data: { detail: 'Exception is silently swallowed', detail_zh: '异常被静默吞掉' } });
        }
      },
      catch_clause(node) {
        const body = node.childForFieldName('body') ?? node.namedChildren.find((child) => child?.type === 'block' || child?.type === 'compound_statement' || child?.type === 'statement_block') ?? null;
        // A comment inside the block documents a deliberate swallow, so only truly empty blocks count.
        if (body && body.namedChildren.length === 0) {
          context.report({ node, data: { detail: 'Empty catch block silently swallows the exception', detail_zh: '空的 catch 块静默吞掉了异常' } });
        }
      },
    };
  },
});
