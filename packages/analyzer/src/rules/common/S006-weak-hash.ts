import type { Node } from 'web-tree-sitter';
import { bindingName, literalTruth, stringValue } from '../../syntax/values.ts';
import { defineRule, type Fix } from '../rule.ts';
import { patternFor, pythonImportEdit, replaceNode, tableLanguages, type PatternTable } from '../patterns.ts';

const WEAK_CALLS: PatternTable = {
  python: /^(hashlib\.(md5|sha1|md4)|(Crypto|Cryptodome)\.Hash\.(MD5|SHA|SHA1|MD4)\.new|(MD5|SHA1|MD4)\.new|(.+\.)?hashes\.(MD5|SHA1))$/,
  go: /^(md5|sha1)\.(New|Sum)$/,
  php: /^(md5|sha1|md5_file|sha1_file)$/,
  csharp: /^(MD5\.Create|SHA1\.Create|new (MD5CryptoServiceProvider|SHA1Managed|SHA1CryptoServiceProvider))$/,
  c: /^(MD5|MD5_Init|SHA1|SHA1_Init|EVP_md5|EVP_sha1|EVP_md4)$/,
  cpp: /^(MD5|MD5_Init|SHA1|SHA1_Init|EVP_md5|EVP_sha1|EVP_md4)$/,
  rust: /^(Md5\.new|md5\.compute|Sha1\.new|Md5\.digest|Sha1\.digest)$/,
};
/** Factory calls whose first argument names the algorithm. */
const NAMED_ALGORITHM: PatternTable = {
  python: /^hashlib\.new$/,
  js: /^(crypto\.)?(createHash|createHmac)$/,
  java: /(^|\.)MessageDigest\.getInstance$/,
};
const WEAK_NAME = /^(md2|md4|md5|sha-?1)$/i;
/** Names that suggest a checksum required by a protocol or file format, where sha256 would break interoperability. */
const INTEROP_CONTEXT = /etag|checksum|content[_-]?md5|fingerprint|cache|legacy|s3|crc|digest_header/i;
const PHP_SECRET_ARGUMENT = /pass|pwd|secret|token/i;

export default defineRule({
  meta: {
    id: 'S006',
    name: 'weak-hash',
    title: 'Weak hash algorithm',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-328',
    languages: [...new Set([...tableLanguages(WEAK_CALLS), ...tableLanguages(NAMED_ALGORITHM)])],
    messages: { en: '{algorithm} is a broken hash algorithm for security use', zh: '{algorithm} 是已被攻破的哈希算法，不应用于安全场景' },
    suggestion: {
      en: 'Use SHA-256 or stronger; for passwords use a slow KDF (argon2, bcrypt, scrypt)',
      zh: '使用 SHA-256 或更强的算法；密码请使用 argon2、bcrypt、scrypt 等慢哈希',
    },
    fix: { en: 'Switch to SHA-256', zh: '改用 SHA-256' },
  },
  create(context) {
    const weakCalls = patternFor(WEAK_CALLS, context.spec.id);
    const namedAlgorithm = patternFor(NAMED_ALGORITHM, context.spec.id);
    const interopBound = (node: Node) => INTEROP_CONTEXT.test(bindingName(node, 6) ?? '') || INTEROP_CONTEXT.test(node.parent?.parent?.text ?? '');
    return {
      call(node) {
        const call = context.call(node);
        const usedForSecurity = call.kwargs.get('usedforsecurity');
        if (usedForSecurity && literalTruth(usedForSecurity, context.spec.kinds) === false) return;
        if (namedAlgorithm?.test(call.name)) {
          // hashlib.new(name='md5') names it by keyword.
          const first = call.args[0] ?? (context.spec.id === 'python' ? call.kwargs.get('name') : undefined);
          if (!first) return;
          const algorithm = stringValue(first, context.spec.kinds);
          if (algorithm === null || !WEAK_NAME.test(algorithm)) return;
          const quote = first.text.at(0) ?? "'";
          const fix = interopBound(node) ? undefined : replaceNode(first, `${quote}sha256${quote}`);
          context.report({ node, data: { algorithm: algorithm.toUpperCase() }, fix: context.spec.id === 'java' ? undefined : fix });
          return;
        }
        if (!weakCalls?.test(call.name)) return;
        if (context.spec.id === 'php' && !PHP_SECRET_ARGUMENT.test(call.args[0]?.text ?? '')) return;
        const algorithm = /md4|md5/i.test(call.name) ? 'MD5' : 'SHA-1';
        const callee = node.childForFieldName('function');
        let fix: Fix | undefined;
        if (context.spec.id === 'python' && /^hashlib\.(md5|sha1)$/.test(call.name) && callee && !interopBound(node)) {
          fix = replaceNode(callee, 'hashlib.sha256', pythonImportEdit(node.tree.rootNode, 'hashlib'));
        }
        context.report({ node, data: { algorithm }, fix });
      },
    };
  },
});
