import type { Node } from 'web-tree-sitter';
import { importBindings } from '../../syntax/imports.ts';
import { defineRule, type Visitors } from '../rule.ts';

/** APIs PyCryptodome added and PyCrypto never had: AEAD modes, padding helpers, ECC, SHA-3, BLAKE2, ChaCha20, newer KDFs and signature modules. */
const PYCRYPTODOME_ONLY = /\bCrypto\.(Util\.Padding|PublicKey\.ECC|Hash\.(SHA3_|BLAKE2|SHAKE|cSHAKE|KMAC|TupleHash)|Cipher\.ChaCha20|Protocol\.KDF\s+import\s+[\w\s,]*\b(scrypt|HKDF|bcrypt)\b|Signature\.(pss|pkcs1_15|DSS|eddsa))|\bMODE_(GCM|EAX|SIV|CCM|OCB)\b|\b(encrypt_and_digest|decrypt_and_verify)\b/;

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
  create(context): Visitors {
    // PyCryptodome installs under the same `Crypto` name; what only it has tells the two apart.
    if (PYCRYPTODOME_ONLY.test(context.code)) return {};
    const check = (statement: Node) => {
      const crypto = importBindings(statement).find(({ imported }) => imported === 'Crypto' || imported.startsWith('Crypto.'));
      if (crypto) context.report({ node: statement, data: { module: crypto.imported.replace(/\.\*$/, '') } });
    };
    return { import_statement: check, import_from_statement: check };
  },
});
