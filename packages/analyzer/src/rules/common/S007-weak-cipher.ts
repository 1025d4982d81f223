import { soleValue } from '../../syntax/strings.ts';
import { stringValue } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';

const WEAK_CONSTRUCTORS: PatternTable = {
  python: /(^|\.)(DES|DES3|ARC2|ARC4|Blowfish|XOR)\.new$|(^|\.)(algorithms\.)?(TripleDES|Blowfish|ARC4|IDEA|CAST5|SEED)$|(^|\.)(modes\.)?ECB$/,
  js: /^(crypto\.)?createCipher$/,
  go: /^(des\.NewCipher|des\.NewTripleDESCipher|rc4\.NewCipher)$/,
  csharp: /^(DES\.Create|TripleDES\.Create|RC2\.Create|new (DESCryptoServiceProvider|TripleDESCryptoServiceProvider|RC2CryptoServiceProvider))$/,
  c: /^(EVP_des_\w+|EVP_rc4\w*|EVP_rc2_\w+|EVP_bf_\w+|EVP_aes_\d+_ecb|DES_ecb_encrypt|DES_set_key\w*)$/,
  cpp: /^(EVP_des_\w+|EVP_rc4\w*|EVP_rc2_\w+|EVP_bf_\w+|EVP_aes_\d+_ecb|DES_ecb_encrypt|DES_set_key\w*)$/,
  php: /^mcrypt_\w+$/,
};
/** Calls whose first (PHP: second) argument names the cipher transformation. */
const NAMED_CIPHER: PatternTable = {
  js: /^(crypto\.)?(createCipheriv|createDecipheriv)$/,
  java: /(^|\.)Cipher\.getInstance$/,
  php: /^(openssl_encrypt|openssl_decrypt)$/,
};
const WEAK_TRANSFORMATION = /des|rc2|rc4|arcfour|blowfish|bf-|ecb|^aes$|^aes-\d+$/i;
const PYTHON_ECB_MODE = /\bMODE_ECB\b/;

export default defineRule({
  meta: {
    id: 'S007',
    name: 'weak-cipher',
    title: 'Weak cipher or mode',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-327',
    languages: [...new Set([...tableLanguages(WEAK_CONSTRUCTORS), ...tableLanguages(NAMED_CIPHER)])],
    messages: { en: '{cipher} is a broken or insecure cipher configuration', zh: '{cipher} 是不安全的加密算法或模式' },
    suggestion: {
      en: 'Use an authenticated cipher such as AES-GCM or ChaCha20-Poly1305 with a random nonce',
      zh: '使用 AES-GCM 或 ChaCha20-Poly1305 等认证加密，并使用随机 nonce',
    },
  },
  create(context) {
    const constructors = patternFor(WEAK_CONSTRUCTORS, context.spec.id);
    const named = patternFor(NAMED_CIPHER, context.spec.id);
    return {
      call(node) {
        const call = context.call(node);
        if (named?.test(call.name)) {
          const argument = context.spec.id === 'php' ? call.args[1] : call.args[0];
          // The transformation is often a constant of the file: `const ALGORITHM = "des-ede3-cbc"`.
          const value = argument ? soleValue(argument, context.spec) : null;
          const transformation = value ? stringValue(value, context.spec.kinds) : null;
          if (transformation !== null && WEAK_TRANSFORMATION.test(transformation)) context.report({ node, data: { cipher: transformation } });
          return;
        }
        if (context.spec.id === 'python' && call.method === 'new' && call.args.some((arg) => PYTHON_ECB_MODE.test(arg.text))) {
          context.report({ node, data: { cipher: 'ECB mode' } });
          return;
        }
        if (constructors?.test(call.name)) context.report({ node, data: { cipher: call.name.replace(/^new /, '') } });
      },
    };
  },
});
