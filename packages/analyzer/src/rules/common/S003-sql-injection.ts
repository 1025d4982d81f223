import { isDynamicString, resolvedText } from '../../syntax/strings.ts';
import { defineRule } from '../rule.ts';

const QUERY_METHODS = /^(execute|executemany|executescript|raw|query|queryRaw|\$queryRawUnsafe|\$executeRawUnsafe|executeQuery|executeUpdate|executeLargeUpdate|prepareStatement|prepare|addBatch|Query|QueryRow|QueryContext|QueryRowContext|Exec|ExecContext|mysqli_query|mysql_query|pg_query|sqlite_query|FromSqlRaw|ExecuteSqlRaw|SqlCommand|createQuery|createNativeQuery|sql|text)$/;
const SQL_KEYWORDS = /\b(select|insert|update|delete|from|where|values|drop|create|alter|union|order\s+by)\b/i;

export default defineRule({
  meta: {
    id: 'S003',
    name: 'sql-injection',
    title: 'SQL injection',
    category: 'security',
    severity: 'critical',
    confidence: 'high',
    cwe: 'CWE-89',
    languages: ['python', 'javascript', 'typescript', 'tsx', 'java', 'go', 'php', 'csharp', 'rust', 'c', 'cpp'],
    messages: { en: 'SQL built from non-constant input reaches {callee}()', zh: '拼接的 SQL 语句传入 {callee}()，存在 SQL 注入风险' },
    suggestion: {
      en: 'Use a parameterised query and pass values separately, e.g. cursor.execute("... WHERE id = %s", (id,))',
      zh: '使用参数化查询，将值单独传入，例如 cursor.execute("... WHERE id = %s", (id,))',
    },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        if (!QUERY_METHODS.test(call.method)) return;
        const candidates = call.method === 'mysqli_query' ? call.args.slice(1, 2) : call.method === 'pg_query' ? call.args.slice(-1) : call.args.slice(0, 2);
        const query = candidates.find((arg) => isDynamicString(arg, context.spec));
        if (!query || !SQL_KEYWORDS.test(resolvedText(query, context.spec))) return;
        context.report({ node, data: { callee: call.name.replace(/^new /, '') } });
      },
    };
  },
});
