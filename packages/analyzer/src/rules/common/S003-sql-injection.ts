import { isDynamicString, resolvedText } from '../../syntax/strings.ts';
import { defineRule } from '../rule.ts';

const QUERY_METHODS = /^(execute|executemany|executescript|raw|query|queryRaw|queryRawUnsafe|executeRawUnsafe|executeQuery|executeUpdate|executeLargeUpdate|prepareStatement|prepare|addBatch|Query|QueryRow|QueryContext|QueryRowContext|Exec|ExecContext|mysqli_query|mysql_query|pg_query|sqlite_query|FromSqlRaw|ExecuteSqlRaw|SqlCommand|createQuery|createNativeQuery|sql|text)$/;
/** Django's `QuerySet.extra(select, where, params, tables, order_by)`: every argument but `params` is raw SQL. */
const DJANGO_EXTRA_SQL: readonly [string, number][] = [['select', 0], ['where', 1], ['tables', 3], ['order_by', 4]];
const DJANGO_RAW_SQL = /(^|\.)RawSQL$/;
/** `text()`/`sql()` build SQL only as SQLAlchemy's and query builders' functions; `doc.text(…)` draws text in a PDF. */
const GENERIC_METHODS = /^(text|sql)$/;
const SQL_BUILDERS = /^(sqlalchemy|sqlalchemy\.sql|sqlalchemy\.sql\.expression|sa|sql|expression|db|knex|Prisma)$/;
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
      en: 'Use a parameterised query: placeholders in the SQL, values passed separately to the driver',
      zh: '使用参数化查询：SQL 中使用占位符，值单独传给驱动',
    },
    suggestionByLanguage: {
      python: { en: 'Use a parameterised query and pass values separately, e.g. cursor.execute("... WHERE id = %s", (id,))', zh: '使用参数化查询，将值单独传入，例如 cursor.execute("... WHERE id = %s", (id,))' },
      js: { en: 'Use a parameterised query and pass values separately, e.g. db.query("... WHERE id = $1", [id])', zh: '使用参数化查询，将值单独传入，例如 db.query("... WHERE id = $1", [id])' },
      java: { en: 'Use a PreparedStatement: "... WHERE id = ?" and stmt.setInt(1, id)', zh: '使用 PreparedStatement："... WHERE id = ?" 并调用 stmt.setInt(1, id)' },
      go: { en: 'Pass values as query arguments: db.Query("... WHERE id = $1", id)', zh: '将值作为查询参数传入：db.Query("... WHERE id = $1", id)' },
      php: { en: 'Use a prepared statement: $pdo->prepare("... WHERE id = ?") and execute([$id])', zh: '使用预处理语句：$pdo->prepare("... WHERE id = ?") 并 execute([$id])' },
      csharp: { en: 'Use SqlParameter: "... WHERE id = @id" and command.Parameters.AddWithValue("@id", id)', zh: '使用 SqlParameter："... WHERE id = @id" 并调用 command.Parameters.AddWithValue("@id", id)' },
    },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        if (context.spec.id === 'python' && (call.method === 'extra' || DJANGO_RAW_SQL.test(call.name))) {
          // Fragments of a query rarely hold SQL keywords, so any SQL not fixed by the code counts.
          const sql = call.method === 'extra'
            ? DJANGO_EXTRA_SQL.map(([name, position]) => call.kwargs.get(name) ?? call.args[position])
            : [call.kwargs.get('sql') ?? call.args[0]];
          if (sql.some((value) => value !== undefined && !context.isConstant(value))) context.report({ node, data: { callee: call.name } });
          return;
        }
        if (!QUERY_METHODS.test(call.method)) return;
        if (GENERIC_METHODS.test(call.method) && call.receiver !== '' && !SQL_BUILDERS.test(call.receiver)) return;
        const candidates = call.method === 'mysqli_query' ? call.args.slice(1, 2) : call.method === 'pg_query' ? call.args.slice(-1) : call.args.slice(0, 2);
        const query = candidates.find((arg) => isDynamicString(arg, context.spec));
        if (!query || context.isConstant(query) || !SQL_KEYWORDS.test(resolvedText(query, context.spec))) return;
        context.report({ node, data: { callee: call.name.replace(/^new /, '') } });
      },
    };
  },
});
