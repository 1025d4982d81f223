import { defineRule } from '../rule.ts';
import { patternFor, pythonImportEdit, replaceNode, tableLanguages, type PatternTable } from '../patterns.ts';

const SINKS: PatternTable = {
  python: /^((c|_)?[Pp]ickle|dill|shelve|jsonpickle|marshal)\.(load|loads|Unpickler|open|decode)$|^yaml\.(unsafe_load|unsafe_load_all|full_load|full_load_all)$/,
  js: /^((node)?[Ss]erialize\.)?unserialize$/,
  java: /^new (java\.io\.)?(ObjectInputStream|XMLDecoder)$|^new XStream$/,
  php: /^unserialize$/,
  csharp: /^new (BinaryFormatter|NetDataContractSerializer|LosFormatter|SoapFormatter|ObjectStateFormatter)$/,
};
const YAML_LOAD = /^yaml\.(load|load_all)$/;
const SAFE_LOADER = /\b(C?SafeLoader|BaseLoader)\b/;

export default defineRule({
  meta: {
    id: 'S004',
    name: 'unsafe-deserialization',
    title: 'Unsafe deserialization',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-502',
    languages: tableLanguages(SINKS),
    messages: { en: '{callee}() can execute code while deserializing untrusted data', zh: '{callee}() 反序列化不可信数据时可能执行任意代码' },
    suggestion: {
      en: 'Use a data-only format such as JSON and never deserialize untrusted input with a format that can build arbitrary objects',
      zh: '使用 JSON 等仅含数据的格式，不要用可构造任意对象的格式反序列化不可信输入',
    },
    suggestionByLanguage: {
      python: { en: 'Use a data-only format (json) or a safe loader such as yaml.safe_load(); never unpickle untrusted input', zh: '使用仅含数据的格式（json）或安全的加载器如 yaml.safe_load()，不要反序列化不可信的 pickle 数据' },
      php: { en: 'Use json_decode(), or unserialize($data, ["allowed_classes" => false]) for data that must stay in PHP format', zh: '使用 json_decode()；必须使用 PHP 格式时调用 unserialize($data, ["allowed_classes" => false])' },
      java: { en: 'Use a data format (JSON via Jackson without default typing); if ObjectInputStream must stay, set an ObjectInputFilter allow-list', zh: '使用数据格式（Jackson 解析 JSON 且不开启默认类型）；必须使用 ObjectInputStream 时设置 ObjectInputFilter 白名单' },
      csharp: { en: 'Use System.Text.Json or DataContractSerializer with known types; BinaryFormatter cannot be made safe', zh: '使用 System.Text.Json 或带已知类型的 DataContractSerializer；BinaryFormatter 无法做到安全' },
    },
    fix: { en: 'Replace yaml.load() by yaml.safe_load()', zh: '将 yaml.load() 替换为 yaml.safe_load()' },
  },
  create(context) {
    const sinks = patternFor(SINKS, context.spec.id);
    return {
      call(node) {
        const call = context.call(node);
        if (context.spec.id === 'python' && YAML_LOAD.test(call.name)) {
          const loader = call.kwargs.get('Loader') ?? call.args[1];
          if (loader && SAFE_LOADER.test(loader.text)) return;
          const callee = node.childForFieldName('function');
          const fix = !loader && callee ? replaceNode(callee, call.name.replace('load', 'safe_load'), pythonImportEdit(node.tree.rootNode, 'yaml')) : undefined;
          context.report({ node, data: { callee: call.name }, fix });
          return;
        }
        if (!sinks?.test(call.name)) return;
        if (!call.isConstructor && call.args.every((arg) => context.isConstant(arg))) return;
        if (call.method === 'unserialize' && /allowed_classes['"]?\s*=>\s*false/.test(node.text)) return;
        context.report({ node, data: { callee: call.name.replace(/^new /, '') } });
      },
    };
  },
});
