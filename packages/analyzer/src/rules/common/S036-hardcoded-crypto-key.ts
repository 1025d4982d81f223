import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../../languages.ts';
import type { CallSite } from '../../syntax/calls.ts';
import { assignedValues, localAssignments, parameterValues } from '../../syntax/taint.ts';
import { stringValue } from '../../syntax/values.ts';
import { defineRule, type RuleContext, type Visitors } from '../rule.ts';
import { JS_FAMILY, patternFor, type LanguageTable } from '../patterns.ts';

/** Where a call takes key material: callee, and the positions (or keywords) of its key and IV/nonce. */
interface KeySink {
  callee: RegExp;
  key?: number | string;
  iv?: number | string;
}

const SINKS: LanguageTable<KeySink[]> = {
  js: [{ callee: /^(crypto\.)?(createCipheriv|createDecipheriv)$/, key: 1, iv: 2 }],
  python: [
    // PyCryptodome / PyCrypto: AES.new(key, mode, iv) (the IV also as iv= or nonce=).
    { callee: /(^|\.)(AES|DES|DES3|ARC2|Blowfish|CAST|ChaCha20|ChaCha20_Poly1305|Salsa20)\.new$/, key: 0, iv: 2 },
    // cryptography: algorithms.AES(key), modes.CBC(iv), AESGCM(key), Fernet(key).
    { callee: /(^|\.)(algorithms\.(AES|AES128|AES256|Camellia|ChaCha20|TripleDES|SM4)|AESGCM|AESCCM|AESOCB3|AESSIV|ChaCha20Poly1305|Fernet)$/, key: 0 },
    { callee: /(^|\.)modes\.(CBC|CFB|CFB8|OFB|CTR|GCM|XTS)$/, iv: 0 },
  ],
  java: [{ callee: /^new (javax\.crypto\.spec\.)?SecretKeySpec$/, key: 0 }, { callee: /^new (javax\.crypto\.spec\.)?(IvParameterSpec|GCMParameterSpec)$/, iv: 0 }],
  go: [{ callee: /^(aes|des|rc4|chacha20poly1305)\.(NewCipher|NewTripleDESCipher|New|NewX)$/, key: 0 }, { callee: /^cipher\.(NewCBCEncrypter|NewCBCDecrypter|NewCTR|NewCFBEncrypter|NewCFBDecrypter|NewOFB)$/, iv: 1 }],
};
/** Words one of the sinks' names contains: files without any create no cipher. */
const CIPHER_MENTION = /Cipher|AES|DES|ChaCha|Salsa|Blowfish|CAST|ARC2|Fernet|SecretKeySpec|ParameterSpec|NewCBC|NewCTR|NewCFB|NewOFB|rc4/;
const LANGUAGES: LanguageId[] = ['python', ...JS_FAMILY, 'java', 'go'];
/** Calls that turn literal text into bytes: the result is as fixed as their arguments. */
const CONVERSIONS = /^(Buffer\.from|new (Uint8Array|Buffer)|bytes\.fromhex|bytes|(binascii\.)?(unhexlify|a2b_hex)|base64\.(b64decode|urlsafe_b64decode)|hex\.DecodeString)$/;
/** Zero-filled buffers of a size: all zeros when passed as they are, but usually filled with random bytes when named first. */
const ZERO_BUFFERS = /^(Buffer\.alloc|bytes|bytearray|make)$/;
/** Methods that encode a literal: `"…".encode()`, `"…".getBytes()`. */
const ENCODERS = /^(encode|getBytes|toString)$/;
const MAX_DEPTH = 3;

function argument(call: CallSite, where: number | string | undefined): Node | undefined {
  if (where === undefined) return undefined;
  if (typeof where === 'string') return call.kwargs.get(where);
  return call.args[where];
}

/** Whether the bytes are written in the code: a literal, a conversion of literals, a variable only assigned such, or a parameter given one. */
function fixedBytes(node: Node, context: RuleContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const { kinds } = context.spec;
  const value = stringValue(node, kinds);
  if (value !== null) return value.length > 0;
  if (node.type === 'array_creation_expression') return depth === 0 && !node.descendantsOfType('array_initializer').length;
  if (/^(array|list|composite_literal)$/.test(node.type)) return context.isConstant(node);
  // Go's []byte("…").
  if (node.type === 'type_conversion_expression') {
    const operand = node.childForFieldName('operand');
    return operand !== null && fixedBytes(operand, context, depth + 1);
  }
  // b"\0" * 16
  if (node.type === 'binary_operator' || node.type === 'binary_expression') {
    const left = node.childForFieldName('left');
    return left !== null && fixedBytes(left, context, depth + 1);
  }
  if (kinds.call.includes(node.type)) {
    const call = context.call(node);
    if (ZERO_BUFFERS.test(call.name) && depth === 0 && call.args.length > 0 && (call.name !== 'bytes' || /^\d+$/.test(call.args[0]?.text ?? ''))) return true;
    if (CONVERSIONS.test(call.name)) return call.args.length > 0 && call.args.every((arg) => context.isConstant(arg) || fixedBytes(arg, context, depth + 1));
    if (ENCODERS.test(call.method)) {
      const receiver = node.childForFieldName('function')?.childForFieldName('object') ?? node.childForFieldName('object');
      return receiver !== null && fixedBytes(receiver, context, depth + 1);
    }
    return false;
  }
  if (node.type === 'identifier') {
    // A name not assigned in its function may be a module-level constant.
    const local = localAssignments(node, context.spec);
    // A parameter is hard-coded when its default or an argument the file passes is: callers that omit it get the default.
    const passed = local.length > 0 ? null : parameterValues(node, context.spec);
    if (passed) return passed.some((candidate) => fixedBytes(candidate, context, depth + 1));
    const assigned = local.length > 0 ? local : assignedValues(node.tree.rootNode, node.text, context.spec).filter((value) => value.startIndex < node.startIndex);
    return assigned.length > 0 && assigned.every((candidate) => fixedBytes(candidate, context, depth + 1));
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'S036',
    name: 'hardcoded-crypto-key',
    title: 'Hard-coded encryption key or IV',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-321',
    languages: LANGUAGES,
    messages: { en: '{callee}() gets a hard-coded {part}', zh: '{callee}() 使用了硬编码的{part}' },
    suggestion: {
      en: 'Load keys from a secret manager or the environment, and draw a fresh random IV/nonce for every message (os.urandom, secrets.token_bytes) stored beside the ciphertext',
      zh: '从密钥管理服务或环境变量读取密钥，并为每条消息生成新的随机 IV/nonce（os.urandom、secrets.token_bytes），与密文一同保存',
    },
    suggestionByLanguage: {
      js: { en: 'Load keys from a secret manager or the environment, and draw a fresh IV for every message with crypto.randomBytes(16), stored beside the ciphertext', zh: '从密钥管理服务或环境变量读取密钥，并为每条消息用 crypto.randomBytes(16) 生成新的 IV，与密文一同保存' },
      java: { en: 'Load keys from a KeyStore or secret manager, and fill a fresh IV for every message with SecureRandom.nextBytes(), stored beside the ciphertext', zh: '从 KeyStore 或密钥管理服务读取密钥，并为每条消息用 SecureRandom.nextBytes() 生成新的 IV，与密文一同保存' },
      go: { en: 'Load keys from a secret manager or the environment, and read a fresh IV/nonce for every message from crypto/rand, stored beside the ciphertext', zh: '从密钥管理服务或环境变量读取密钥，并为每条消息从 crypto/rand 读取新的 IV/nonce，与密文一同保存' },
    },
  },
  create(context): Visitors {
    const sinks = patternFor(SINKS, context.spec.id);
    if (!CIPHER_MENTION.test(context.code)) return {};
    return {
      call(node) {
        const call = context.call(node);
        const sink = sinks?.find((candidate) => candidate.callee.test(call.name));
        if (!sink) return;
        const iv = argument(call, sink.iv) ?? (context.spec.id === 'python' ? call.kwargs.get('iv') ?? call.kwargs.get('nonce') : undefined);
        const key = argument(call, sink.key) ?? (context.spec.id === 'python' ? call.kwargs.get('key') : undefined);
        const parts = [key && fixedBytes(key, context) ? 'key' : null, iv && fixedBytes(iv, context) ? 'IV' : null].filter((part) => part !== null);
        if (parts.length > 0) context.report({ node, data: { callee: call.name.replace(/^new /, ''), part: parts.join(' and ') } });
      },
    };
  },
});
