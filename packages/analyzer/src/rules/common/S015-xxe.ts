import type { Node } from 'web-tree-sitter';
import { literalTruth } from '../../syntax/values.ts';
import { configuredValue } from '../../syntax/taint.ts';
import { defineRule } from '../rule.ts';

const JAVA_FACTORIES = /^(DocumentBuilderFactory|SAXParserFactory|XMLInputFactory|TransformerFactory|SchemaFactory|SAXTransformerFactory)\.(newInstance|newFactory|newDefaultInstance)$/;
const JAVA_HARDENED = /disallow-doctype-decl|FEATURE_SECURE_PROCESSING|external-general-entities|IS_SUPPORTING_EXTERNAL_ENTITIES|ACCESS_EXTERNAL_DTD|SUPPORT_DTD|setExpandEntityReferences\(false\)/;
const PY_LXML_PARSE = /^(lxml\.)?etree\.(parse|fromstring|XML|iterparse)$/;
/** Flask's application config (`current_app.config["CATALOG_PATH"]`): set by the operator, like the environment. */
const ENTITY_FLAGS = /LIBXML_NOENT|XML_PARSE_NOENT|XML_PARSE_DTDLOAD|noent\s*:\s*true/;

export default defineRule({
  meta: {
    id: 'S015',
    name: 'xxe',
    title: 'XML external entity processing',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-611',
    languages: ['python', 'java', 'php', 'csharp', 'javascript', 'typescript', 'c', 'cpp'],
    messages: { en: '{parser} resolves external entities (XXE)', zh: '{parser} 会解析外部实体（XXE），可导致文件泄露或 SSRF' },
    suggestion: {
      en: 'Disable DTDs and external entities (defusedxml in Python, disallow-doctype-decl in Java)',
      zh: '禁用 DTD 与外部实体（Python 使用 defusedxml，Java 设置 disallow-doctype-decl）',
    },
    suggestionByLanguage: {
      python: { en: 'Parse untrusted XML with defusedxml, or build the lxml parser with resolve_entities=False and no_network=True', zh: '用 defusedxml 解析不可信 XML，或以 resolve_entities=False、no_network=True 构造 lxml 解析器' },
      java: { en: 'Set the feature http://apache.org/xml/features/disallow-doctype-decl to true (or XMLConstants.FEATURE_SECURE_PROCESSING and no external entities) on the factory', zh: '在工厂上将 http://apache.org/xml/features/disallow-doctype-decl 设为 true（或启用 XMLConstants.FEATURE_SECURE_PROCESSING 并关闭外部实体）' },
      php: { en: 'Do not pass LIBXML_NOENT or LIBXML_DTDLOAD when loading untrusted XML', zh: '加载不可信 XML 时不要传入 LIBXML_NOENT 或 LIBXML_DTDLOAD' },
      csharp: { en: 'Set DtdProcessing = DtdProcessing.Prohibit and XmlResolver = null on the reader settings', zh: '在读取器设置中设置 DtdProcessing = DtdProcessing.Prohibit 且 XmlResolver = null' },
      js: { en: 'Parse with external entities off: libxmljs parseXml(text, { noent: false, nonet: true }), or a parser without DTD support', zh: '关闭外部实体进行解析：libxmljs parseXml(text, { noent: false, nonet: true })，或使用不支持 DTD 的解析器' },
      c: { en: 'Do not pass XML_PARSE_NOENT or XML_PARSE_DTDLOAD to libxml2, and add XML_PARSE_NONET', zh: '不要向 libxml2 传入 XML_PARSE_NOENT 或 XML_PARSE_DTDLOAD，并加上 XML_PARSE_NONET' },
      cpp: { en: 'Do not pass XML_PARSE_NOENT or XML_PARSE_DTDLOAD to libxml2, and add XML_PARSE_NONET', zh: '不要向 libxml2 传入 XML_PARSE_NOENT 或 XML_PARSE_DTDLOAD，并加上 XML_PARSE_NONET' },
    },
  },
  create(context) {
    const language = context.spec.id;
    const resolvesEntities = (flag: Node | undefined) => flag !== undefined && literalTruth(flag, context.spec.kinds) === true;
    return {
      call(node) {
        const call = context.call(node);
        if (language === 'java' && JAVA_FACTORIES.test(call.name) && !JAVA_HARDENED.test(context.code)) {
          context.report({ node, data: { parser: call.name } });
        } else if (language === 'python' && /XMLParser$/.test(call.name) && resolvesEntities(call.kwargs.get('resolve_entities'))) {
          context.report({ node, data: { parser: 'XMLParser(resolve_entities=True)' }, confidence: 'high' });
        } else if (language === 'python' && PY_LXML_PARSE.test(call.name) && /\blxml\b/.test(context.code) && call.args.length < 2 && !call.kwargs.has('parser')
          // A document the code or its operator names (`etree.parse("/srv/data/catalog.xml")`, a path from the environment) is the application's own.
          && !(call.args[0] && (context.isConstant(call.args[0]) || configuredValue(call.args[0], context.spec)))) {
          context.report({ node, data: { parser: call.name }, confidence: 'low', severity: 'medium' });
        } else if (ENTITY_FLAGS.test(node.text) && call.args.some((arg) => ENTITY_FLAGS.test(arg.text))) {
          context.report({ node, data: { parser: call.name } });
        } else if (language === 'php' && call.name === 'libxml_disable_entity_loader' && call.args[0]?.text === 'false') {
          context.report({ node, data: { parser: call.name } });
        }
      },
      assignment_expression(node) {
        if (language !== 'csharp') return;
        const left = node.childForFieldName('left')?.text ?? '';
        const right = node.childForFieldName('right')?.text ?? '';
        if ((/XmlResolver$/.test(left) && /XmlUrlResolver/.test(right)) || (/DtdProcessing$/.test(left) && /DtdProcessing\.Parse/.test(right))) {
          context.report({ node, data: { parser: left } });
        }
      },
    };
  },
});
