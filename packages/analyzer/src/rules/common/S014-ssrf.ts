import type { Node } from 'web-tree-sitter';
import { enclosing } from '../../syntax/values.ts';
import { defineRule, type RuleContext } from '../rule.ts';
import { carriesInput, JS_FAMILY, taintedSink, type TaintSink } from '../patterns.ts';
import type { LanguageId } from '../../languages.ts';

const SINKS: Partial<Record<LanguageId, TaintSink[]>> = {
  python: [
    { callee: /^(requests|httpx)\.(get|post|put|delete|head|patch|options|stream)$|^(urllib\.request\.)?urlopen$|^urllib\.request\.Request$/, args: [0] },
    { callee: /^(requests|httpx)\.request$/, args: [1] },
  ],
  java: [{ callee: /^(new (java\.net\.)?URL|URI\.create|\w+\.(getForObject|getForEntity|postForObject|exchange))$/, args: [0] }],
  go: [{ callee: /^http\.(Get|Post|Head|PostForm|NewRequest|NewRequestWithContext)$/, args: 'all' }],
  php: [{ callee: /^(curl_init|fsockopen)$/, args: [0] }, { callee: /^curl_setopt$/, args: [2] }],
  csharp: [{ callee: /\.(GetAsync|PostAsync|GetStringAsync|GetStreamAsync|SendAsync|DownloadString|DownloadData|OpenRead)$/, args: [0] }],
  rust: [{ callee: /^reqwest\.(get|blocking\.get)$|\.get$/, args: [0] }],
};
for (const language of JS_FAMILY) {
  SINKS[language] = [
    {
      callee: /^(fetch|axios|axios\.(get|post|put|delete|head|patch|options|request)|https?\.(get|request)|got|got\.(get|post|put|patch|delete|head|stream|paginate)|needle\.(get|head|post|put|patch|delete)|request|request\.(get|post|put|patch|del|delete|head)|superagent|superagent\.(get|post|put|patch|delete|del|head)|undici\.(request|fetch|stream))$/,
      args: [0],
    },
    // needle(method, url, …) and needle.request(method, url, …) take the method first.
    { callee: /^needle(\.request)?$/, args: [1] },
  ];
}

/** Python HTTP clients whose methods fetch a URL, as `session.get(url)` or `client.request("GET", url)`. */
const PY_CLIENTS = /^(requests\.(Session|session)|httpx\.(Client|AsyncClient)|aiohttp\.ClientSession|urllib3\.PoolManager)$/;
const PY_CLIENT_METHODS = /^(get|post|put|delete|head|patch|options|stream|request|urlopen)$/;

/**
 * The constructor a name was made by, in its function or else the module: `name = Session()`, `with Client() as
 * name`; an attribute (`self.session`) anywhere in the file, as its class sets it up in another method.
 */
function constructorOf(name: string, at: Node, context: RuleContext): string | null {
  const local = /^\w+$/.test(name) ? enclosing(at, context.spec.kinds.function) : null;
  const scopes = [local, at.tree.rootNode].filter((scope): scope is Node => scope !== null);
  for (const scope of scopes) {
    for (const binding of scope.descendantsOfType(['assignment', 'as_pattern'])) {
      if (!binding || (local && binding.startIndex > at.startIndex)) continue;
      const target = binding.type === 'assignment' ? binding.childForFieldName('left') : binding.childForFieldName('alias');
      const value = binding.type === 'assignment' ? binding.childForFieldName('right') : binding.namedChildren[0];
      if (target?.text === name && value?.type === 'call') return context.call(value).name;
    }
  }
  return null;
}

const SUPERTEST = /require\(\s*['"]supertest['"]\s*\)|from\s+['"]supertest['"]/;

export default defineRule({
  meta: {
    id: 'S014',
    name: 'ssrf',
    title: 'Server-side request forgery',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-918',
    languages: Object.keys(SINKS) as LanguageId[],
    messages: { en: 'Request data decides the URL fetched by {callee}()', zh: '{callee}() 请求的 URL 来自请求数据，存在 SSRF 风险' },
    suggestion: {
      en: 'Allow-list the hosts and schemes the server may call and reject private and link-local addresses',
      zh: '对可访问的主机与协议使用白名单，并拒绝内网和链路本地地址',
    },
  },
  create(context) {
    const sinks = SINKS[context.spec.id];
    return {
      call(node) {
        const call = context.call(node);
        if (call.name === 'curl_setopt' && !/CURLOPT_URL/.test(call.args[1]?.text ?? '')) return;
        // supertest's request(app) drives the application under test.
        if (call.name === 'request' && SUPERTEST.test(context.code)) return;
        const callee = taintedSink(call, sinks, context, 'request');
        if (callee) {
          context.report({ node, data: { callee } });
          return;
        }
        if (context.spec.id !== 'python' || !PY_CLIENT_METHODS.test(call.method) || !/^((self|this)\.)?\w+$/.test(call.receiver)) return;
        const url = call.kwargs.get('url') ?? call.args[/^(request|urlopen)$/.test(call.method) ? 1 : 0];
        if (url && carriesInput(url, context, 'request') && PY_CLIENTS.test(constructorOf(call.receiver, node, context) ?? '')) {
          context.report({ node, data: { callee: call.name } });
        }
      },
    };
  },
});
