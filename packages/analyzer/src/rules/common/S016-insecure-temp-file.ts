import type { Node } from 'web-tree-sitter';
import { localAssignments } from '../../syntax/taint.ts';
import { stringValue } from '../../syntax/values.ts';
import { defineRule, type RuleContext } from '../rule.ts';
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
const SHARED_TMP_DIR = /^\/(var\/)?tmp\/?$/;
const SHARED_TMP_PREFIX = /^\/(var\/)?tmp(?=\/[^/])/;
/** Calls that return the shared temporary directory. */
const TEMP_DIR_CALL = /^(os\.tmpdir|tempfile\.gettempdir|os\.TempDir)$/;
const PATH_JOIN = /^(path\.(join|resolve)|os\.path\.join|filepath\.Join)$/;
/** A name with a part from a random generator cannot be guessed in advance. */
const RANDOM_PART = /random|uuid|token_hex|token_urlsafe/i;
const MAX_STEPS = 2;

/** The shared temporary directory an expression names (`"/tmp"`, `os.tmpdir()`), or null. */
function sharedDirectory(node: Node, context: RuleContext): string | null {
  const value = stringValue(node, context.spec.kinds);
  if (value !== null) return SHARED_TMP_DIR.test(value) ? value : null;
  return context.spec.kinds.call.includes(node.type) && TEMP_DIR_CALL.test(context.call(node).name) ? node.text : null;
}

/**
 * Where a path puts a file straight into the shared temporary directory under a name others can guess: a literal,
 * a string that starts there (`/tmp/orders-${id}.csv`), a join onto it, or a variable holding one of these.
 */
function predictableTempPath(node: Node, context: RuleContext, depth = 0): string | null {
  const { kinds } = context.spec;
  const value = stringValue(node, kinds);
  if (value !== null) return SHARED_TMP.test(value) ? `fixed path ${value} in a shared directory` : null;
  if (node.type === 'identifier') {
    const values = depth < MAX_STEPS ? localAssignments(node, context.spec) : [];
    return values.length === 1 ? predictableTempPath(values[0]!, context, depth + 1) : null;
  }
  if (RANDOM_PART.test(node.text)) return null;
  if (kinds.string.includes(node.type)) {
    const head = node.namedChildren.find((child) => child !== null && child.type !== 'string_start');
    if (!head) return null;
    // `${os.tmpdir()}/…` starts with the directory itself.
    const shared = kinds.stringPart.includes(head.type) ? SHARED_TMP_PREFIX.exec(head.text)?.[0] : head.firstNamedChild && sharedDirectory(head.firstNamedChild, context);
    return shared ? `predictable name in ${shared}` : null;
  }
  if (kinds.call.includes(node.type) && PATH_JOIN.test(context.call(node).name)) {
    const [dir, name] = context.call(node).args;
    const shared = dir && name ? sharedDirectory(dir, context) : null;
    return shared ? `predictable name in ${shared}` : null;
  }
  return null;
}

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
    suggestionByLanguage: {
      python: { en: 'Create temporary files atomically with a random name: tempfile.mkstemp(), NamedTemporaryFile() or TemporaryDirectory()', zh: '使用原子方式创建随机文件名的临时文件：tempfile.mkstemp()、NamedTemporaryFile() 或 TemporaryDirectory()' },
      js: { en: 'Create a private directory with fs.mkdtemp(path.join(os.tmpdir(), "app-")) and write inside it', zh: '用 fs.mkdtemp(path.join(os.tmpdir(), "app-")) 创建私有目录并在其中写入' },
      java: { en: 'Create temporary files with Files.createTempFile() (random name, owner-only permissions)', zh: '用 Files.createTempFile() 创建临时文件（随机文件名、仅属主可访问）' },
      go: { en: 'Create temporary files with os.CreateTemp("", "app-*") or a directory with os.MkdirTemp', zh: '用 os.CreateTemp("", "app-*") 创建临时文件，或用 os.MkdirTemp 创建目录' },
      c: { en: 'Create temporary files with mkstemp(3), which opens a file with a random name atomically', zh: '用 mkstemp(3) 创建临时文件，它以原子方式打开随机文件名的文件' },
      cpp: { en: 'Create temporary files with mkstemp(3), which opens a file with a random name atomically', zh: '用 mkstemp(3) 创建临时文件，它以原子方式打开随机文件名的文件' },
      php: { en: 'Create temporary files with tmpfile() or tempnam(sys_get_temp_dir(), "app")', zh: '用 tmpfile() 或 tempnam(sys_get_temp_dir(), "app") 创建临时文件' },
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
        const detail = call.args[0] ? predictableTempPath(call.args[0], context) : null;
        if (detail) context.report({ node, data: { callee, detail } });
      },
    };
  },
});
