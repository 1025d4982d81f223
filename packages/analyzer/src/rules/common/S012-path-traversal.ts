import type { Node } from 'web-tree-sitter';
import { defineRule } from '../rule.ts';
import { JS_FAMILY, taintedSink, type TaintSink } from '../patterns.ts';
import type { LanguageId } from '../../languages.ts';

const JS_SINKS: TaintSink[] = [
  { callee: /^(fs|fsp|fs\.promises|promises)\.(readFile|readFileSync|writeFile|writeFileSync|appendFile|appendFileSync|createReadStream|createWriteStream|unlink|unlinkSync|rm|rmSync|readdir|readdirSync|open|openSync)$/, args: [0] },
  { callee: /^res\.(sendFile|download)$/, args: [0] },
];
const SINKS: Partial<Record<LanguageId, TaintSink[]>> = {
  python: [{ callee: /^(open|io\.open|os\.(remove|unlink|rmdir|open|listdir|makedirs)|shutil\.(rmtree|copy|copyfile|move)|send_file|flask\.send_file|Path|pathlib\.Path)$|(^|\.)FileResponse$/, args: [0] }],
  java: [{ callee: /^(new (java\.io\.)?(File|FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile)|Paths\.get|Path\.of)$/, args: 'all' }],
  go: [
    { callee: /^(os\.(Open|OpenFile|ReadFile|Create|Remove|RemoveAll|WriteFile)|ioutil\.(ReadFile|WriteFile))$/, args: [0] },
    { callee: /^http\.ServeFile$/, args: [2] },
  ],
  php: [{ callee: /^(file_get_contents|fopen|readfile|unlink|file|file_put_contents|opendir|scandir)$/, args: [0] }],
  csharp: [{ callee: /^(File\.(ReadAllText|ReadAllBytes|ReadAllLines|OpenRead|OpenWrite|Delete|WriteAllText|WriteAllBytes)|new FileStream|new StreamReader)$/, args: [0] }],
  c: [{ callee: /^(fopen|open|remove|unlink)$/, args: [0] }],
  cpp: [{ callee: /^(fopen|open|remove|unlink|std\.ifstream|std\.ofstream)$/, args: [0] }],
  rust: [{ callee: /(^|\.)(File\.open|File\.create|fs\.read_to_string|fs\.read|fs\.write|fs\.remove_file)$/, args: [0] }],
};
for (const language of JS_FAMILY) SINKS[language] = JS_SINKS;

const PHP_INCLUDES = ['include_expression', 'include_once_expression', 'require_expression', 'require_once_expression'];

export default defineRule({
  meta: {
    id: 'S012',
    name: 'path-traversal',
    title: 'Path traversal',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-22',
    languages: Object.keys(SINKS) as LanguageId[],
    messages: { en: 'Request data reaches the file path of {callee}()', zh: '请求数据直接用作 {callee}() 的文件路径，存在路径遍历风险' },
    suggestion: {
      en: 'Reduce the name to a basename (secure_filename) and check the resolved path stays inside the intended directory',
      zh: '仅保留文件名（如 secure_filename），并校验解析后的路径位于预期目录内',
    },
    suggestionByLanguage: {
      python: { en: 'Reduce the name with werkzeug.utils.secure_filename() or os.path.basename(), then check os.path.realpath() of the joined path starts with the intended directory', zh: '用 werkzeug.utils.secure_filename() 或 os.path.basename() 处理文件名，再校验拼接路径的 os.path.realpath() 位于预期目录内' },
      js: { en: 'Reduce the name with path.basename(), then check path.resolve(root, name) starts with the root directory plus path.sep', zh: '用 path.basename() 处理文件名，再校验 path.resolve(root, name) 以根目录加 path.sep 开头' },
      java: { en: 'Resolve the name against the base directory, normalize() it, and check the result startsWith() the base directory', zh: '将文件名相对基础目录解析并 normalize()，再校验结果 startsWith() 基础目录' },
      go: { en: 'Reduce the name with filepath.Base(), or open it through os.Root / check filepath.Rel(root, path) does not start with ".."', zh: '用 filepath.Base() 处理文件名，或通过 os.Root 打开、校验 filepath.Rel(root, path) 不以 ".." 开头' },
      php: { en: 'Reduce the name with basename(), then check realpath() of the joined path starts with the intended directory', zh: '用 basename() 处理文件名，再校验拼接路径的 realpath() 位于预期目录内' },
      csharp: { en: 'Reduce the name with Path.GetFileName(), then check Path.GetFullPath() of the combined path starts with the intended directory', zh: '用 Path.GetFileName() 处理文件名，再校验合并路径的 Path.GetFullPath() 位于预期目录内' },
    },
  },
  create(context) {
    const sinks = SINKS[context.spec.id];
    const visitors: Record<string, (node: Node) => void> = {
      call(node) {
        const callee = taintedSink(context.call(node), sinks, context, 'request');
        if (callee) context.report({ node, data: { callee } });
      },
    };
    for (const type of PHP_INCLUDES) {
      visitors[type] = (node) => {
        const target = node.firstNamedChild;
        if (target && context.isTainted(target, 'request')) context.report({ node, data: { callee: type.replace(/_expression$/, '') } });
      };
    }
    return visitors;
  },
});
