import { defineRule } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';

const ROUND_TRIPS: PatternTable = {
  python: /\.(execute|executemany|fetchone|scalar)$|\.objects\.(get|filter|create|exclude|count)$|^(requests|httpx)\.(get|post|put|delete|patch|head)$|urlopen$|\.query\(.*\)\.(first|all|one)$/,
  js: /^(fetch|axios\.(get|post|put|delete|patch)|axios)$|\.(query|execute|findOne|findById|findUnique|findFirst|findMany|findAll)$/,
  java: /\.(executeQuery|executeUpdate|execute|getResultList|getSingleResult|findById)$/,
  go: /^(db|tx|conn)\.(Query|QueryRow|Exec|QueryContext|QueryRowContext|ExecContext)$|^http\.(Get|Post)$/,
  php: /^(mysqli_query|mysql_query|pg_query|file_get_contents|curl_exec)$|\.(query|execute|prepare)$/,
  csharp: /\.(ExecuteReader|ExecuteNonQuery|ExecuteScalar|ExecuteReaderAsync|ExecuteNonQueryAsync|GetAsync|GetStringAsync|Find|FirstOrDefault)$/,
};

export default defineRule({
  meta: {
    id: 'P002',
    name: 'query-in-loop',
    title: 'Database query or network call inside a loop',
    category: 'performance',
    severity: 'medium',
    confidence: 'medium',
    cwe: null,
    languages: tableLanguages(ROUND_TRIPS),
    messages: { en: '{callee}() is called once per loop iteration (N+1 round trips)', zh: '{callee}() 在循环中每次迭代都被调用（N+1 次往返）' },
    suggestion: {
      en: 'Fetch in bulk before the loop (IN clause, join, batch API) or run the requests concurrently',
      zh: '在循环外批量获取（IN 子句、关联查询、批量接口），或并发执行请求',
    },
  },
  create(context) {
    const roundTrips = patternFor(ROUND_TRIPS, context.spec.id);
    return {
      call(node) {
        if (context.loopDepth() === 0) return;
        const call = context.call(node);
        if (roundTrips?.test(call.name)) context.report({ node, data: { callee: call.name } });
      },
    };
  },
});
