import type { Node } from 'web-tree-sitter';
import { importBindings } from '../../syntax/imports.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  meta: {
    id: 'S022',
    name: 'pycrypto-import',
    title: 'Import of the unmaintained PyCrypto library',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-327',
    languages: ['python'],
    messages: {
      en: '{module} is PyCrypto\'s namespace; PyCrypto is unmaintained and has known vulnerabilities',
      zh: '{module} 属于 PyCrypto 的命名空间；PyCrypto 已停止维护且存在已知漏洞',
    },
    suggestion: {
      en: 'Use the cryptography package, or pycryptodomex, which installs as Cryptodome so it cannot be mistaken for PyCrypto',
      zh: '改用 cryptography 库，或安装为 Cryptodome 的 pycryptodomex，以免与 PyCrypto 混淆',
    },
  },
  create(context) {
    const check = (statement: Node) => {
      const crypto = importBindings(statement).find(({ imported }) => imported === 'Crypto' || imported.startsWith('Crypto.'));
      if (crypto) context.report({ node: statement, data: { module: crypto.imported.replace(/\.\*$/, '') } });
    };
    return { import_statement: check, import_from_statement: check };
  },
});
