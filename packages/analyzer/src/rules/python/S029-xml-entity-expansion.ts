import { defineRule } from '../rule.ts';

/** Standard-library XML parsers: none limits entity expansion, and some versions resolve external entities. */
const STDLIB_PARSE = /^xml\.(etree\.c?ElementTree\.(parse|iterparse|fromstring|fromstringlist|XML|XMLParser|XMLPullParser)|sax\.(parse|parseString|make_parser|expatreader\.create_parser)|dom\.(minidom|pulldom|expatbuilder)\.(parse|parseString)|parsers\.expat\.ParserCreate)$/;

export default defineRule({
  meta: {
    id: 'S029',
    name: 'xml-entity-expansion',
    title: 'XML parsed without entity limits',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-776',
    languages: ['python'],
    messages: {
      en: '{callee}() expands entities without limit (billion laughs) and is not meant for untrusted XML',
      zh: '{callee}() 不限制实体展开（billion laughs），不适合解析不可信的 XML',
    },
    suggestion: {
      en: 'Parse untrusted XML with defusedxml (defusedxml.ElementTree.fromstring, defusedxml.minidom.parseString…), which refuses entity tricks',
      zh: '使用 defusedxml（如 defusedxml.ElementTree.fromstring、defusedxml.minidom.parseString）解析不可信 XML，它会拒绝实体攻击',
    },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        if (!STDLIB_PARSE.test(call.name)) return;
        // XML written in the code, or a file it names, is not what an attacker sends.
        if (call.args.length > 0 && call.args.every((arg) => context.isConstant(arg))) return;
        context.report({ node, data: { callee: call.name } });
      },
    };
  },
});
