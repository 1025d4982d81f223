import type { Node } from 'web-tree-sitter';
import { literalTruth } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';

const JAVA_FACTORIES = /^(DocumentBuilderFactory|SAXParserFactory|XMLInputFactory|TransformerFactory|SchemaFactory|SAXTransformerFactory)\.(newInstance|newFactory|newDefaultInstance)$/;
const JAVA_HARDENED = /disallow-doctype-decl|FEATURE_SECURE_PROCESSING|external-general-entities|IS_SUPPORTING_EXTERNAL_ENTITIES|ACCESS_EXTERNAL_DTD|SUPPORT_DTD|setExpandEntityReferences\(false\)/;
const PY_LXML_PARSE = /^(lxml\.)?etree\.(parse|fromstring|XML|iterparse)$/;
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
        } else if (language === 'python' && PY_LXML_PARSE.test(call.name) && /\blxml\b/.test(context.code) && call.args.length < 2 && !call.kwargs.has('parser')) {
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
