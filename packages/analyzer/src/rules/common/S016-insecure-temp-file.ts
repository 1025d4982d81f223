import { stringValue } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';

const RACY_NAMES: PatternTable = {
  python: /^(tempfile\.mktemp|os\.tempnam|os\.tmpnam)$/,
  c: /^(tmpnam|tempnam|mktemp|_mktemp|tmpnam_r)$/,
  cpp: /^(tmpnam|tempnam|mktemp|_mktemp|std\.tmpnam)$/,
};
/** Calls that open or create the file named by their first argument. */
const FILE_OPENERS: PatternTable = {
  python: /^(open|io\.open)$/,
  js: /^(fs\.)?(writeFile|writeFileSync|createWriteStream|openSync|open)$/,
  java: /^new (java\.io\.)?(File|FileOutputStream|FileWriter)$/,
  go: /^(os\.(Create|WriteFile|OpenFile)|ioutil\.WriteFile)$/,
  c: /^(fopen|open|creat)$/,
  cpp: /^(fopen|open|creat|std\.ofstream)$/,
  php: /^(fopen|file_put_contents)$/,
};
const SHARED_TMP = /^\/(var\/)?tmp\/[^/]/;

export default defineRule({
  meta: {
    id: 'S016',
    name: 'insecure-temp-file',
    title: 'Insecure temporary file',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-377',
    languages: [...new Set([...tableLanguages(RACY_NAMES), ...tableLanguages(FILE_OPENERS)])],
    messages: { en: '{callee}() creates a predictable temporary file ({detail})', zh: '{callee}() 创建可预测的临时文件（{detail}），可能被竞争条件或符号链接攻击' },
    suggestion: {
      en: 'Create temporary files atomically with a random name: tempfile.mkstemp/NamedTemporaryFile, mkstemp(3), os.CreateTemp',
      zh: '使用原子方式创建随机文件名的临时文件：tempfile.mkstemp/NamedTemporaryFile、mkstemp(3)、os.CreateTemp',
    },
  },
  create(context) {
    const racy = patternFor(RACY_NAMES, context.spec.id);
    const openers = patternFor(FILE_OPENERS, context.spec.id);
    return {
      call(node) {
        const call = context.call(node);
        const callee = call.name.replace(/^new /, '');
        if (racy?.test(call.name)) {
          context.report({ node, data: { callee, detail: 'name is chosen before the file exists' } });
          return;
        }
        if (!openers?.test(call.name)) return;
        const path = call.args[0] ? stringValue(call.args[0], context.spec.kinds) : null;
        if (path !== null && SHARED_TMP.test(path)) {
          context.report({ node, data: { callee, detail: `fixed path ${path} in a shared directory` } });
        }
      },
    };
  },
});
