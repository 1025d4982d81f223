import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../syntax/calls.ts';
import type { LanguageSpec } from '../../languages.ts';
import { assignedValues, localAssignments, parameterValues } from '../../syntax/taint.ts';
import { fieldValue } from '../../syntax/escaping.ts';
import { soleValue } from '../../syntax/strings.ts';
import { integerValue, referencedName, stringValue } from '../../syntax/values.ts';
import { defineRule, type RuleContext } from '../rule.ts';
import { JS_FAMILY, replaceNode } from '../patterns.ts';

const MIN_BITS = 2048;
const BROKEN_BITS = 1024;
const MIN_CURVE_BITS = 224;
/** Curves of `cryptography` under 224 bits, and a 256-bit curve of the same family to move to. */
const WEAK_CURVES: Record<string, string> = { SECP192R1: 'SECP256R1', SECT163K1: 'SECT283K1', SECT163R2: 'SECT283R1' };

/** Where each key generator takes its size: keyword name and position. */
const KEY_SIZE_ARGUMENT: readonly [RegExp, string, number][] = [
  [/(^|\.)rsa\.generate_private_key$/, 'key_size', 1],
  [/(^|\.)dsa\.generate_private_key$/, 'key_size', 0],
  [/(^|\.)(RSA|DSA)\.generate$/, 'bits', 0],
  [/^rsa\.newkeys$/, 'nbits', 0],
];
const EC_GENERATE = /(^|\.)ec\.generate_private_key$/;
/** Node's `crypto.generateKeyPair(Sync)(type, options)`: RSA and DSA sizes in `modulusLength`, EC curves in `namedCurve`. */
const NODE_GENERATE = /^(crypto\.)?generateKeyPair(Sync)?$/;
const NODE_SIZED_TYPES = /^(rsa|rsa-pss|dsa)$/;
/** `util.promisify(generateKeyPair)`: a name for the same generator that returns a promise. */
const PROMISIFY = /^(util\.)?promisify$/;
/** OpenSSL curve names that carry their size: `prime192v1`, `secp160r1`, `sect163k1`, `P-192`, `brainpoolP160r1`. */
const SIZED_CURVE = /^(prime|secp|sect|P-|brainpoolP)(\d+)/i;

/**
 * The integer literals a size can be, following a name to the values assigned to it in its function, or for a
 * parameter to its default and the arguments the file's calls pass (`generate(name, 1024)`), or at module level.
 */
function sizeLiterals(node: Node, spec: LanguageSpec, depth = 0): Node[] {
  if (integerValue(node) !== null) return [node];
  if (node.type !== 'identifier' || depth >= 2) return [];
  const local = localAssignments(node, spec);
  const values = local.length > 0 ? local : parameterValues(node, spec) ?? assignedValues(node.tree.rootNode, node.text, spec);
  return values.flatMap((value) => sizeLiterals(value, spec, depth + 1));
}

/** Reports a key size argument that can be under 2048 bits, with the fix that raises its literal. */
function reportShortKey(call: CallSite, argument: Node | null | undefined, context: RuleContext): void {
  const size = argument ? sizeLiterals(argument, context.spec).sort((a, b) => integerValue(a)! - integerValue(b)!)[0] : undefined;
  const bits = size ? integerValue(size) : null;
  if (!size || bits === null || bits >= MIN_BITS) return;
  context.report({
    node: call.node,
    data: { callee: call.name, bits, minimum: MIN_BITS },
    severity: bits < BROKEN_BITS ? 'high' : undefined,
    fix: replaceNode(size, String(MIN_BITS)),
  });
}

/** Node's key pair generation: the modulus of an RSA or DSA key, the curve of an EC key, each through the file's constants. */
function checkNodeKeyPair(call: CallSite, context: RuleContext): void {
  const { spec } = context;
  const literal = (node: Node | null | undefined) => (node ? soleValue(node, spec) : null);
  const typeNode = literal(call.args[0]);
  const type = typeNode ? stringValue(typeNode, spec.kinds) : null;
  const options = call.args[1];
  if (!type || !options) return;
  if (NODE_SIZED_TYPES.test(type)) {
    reportShortKey(call, fieldValue(options, 'modulusLength', spec), context);
    return;
  }
  const curve = type === 'ec' ? literal(fieldValue(options, 'namedCurve', spec)) : null;
  const name = curve ? stringValue(curve, spec.kinds) : null;
  const bits = SIZED_CURVE.exec(name ?? '')?.[2];
  if (!curve || bits === undefined || Number(bits) >= MIN_CURVE_BITS) return;
  const quote = curve.text[0] ?? "'";
  context.report({ node: call.node, data: { callee: call.name, bits: Number(bits), minimum: MIN_CURVE_BITS }, fix: replaceNode(curve, `${quote}P-256${quote}`) });
}

/** Whether a call names Node's generator directly or through a promisified alias the file assigns (`const gen = promisify(generateKeyPair)`). */
function nodeGenerator(call: CallSite, spec: LanguageSpec): boolean {
  if (NODE_GENERATE.test(call.name)) return true;
  const callee = call.node.childForFieldName('function');
  if (callee?.type !== 'identifier') return false;
  return assignedValues(call.node.tree.rootNode, callee.text, spec).some((value) => value.type === 'call_expression'
    && PROMISIFY.test(value.childForFieldName('function')?.text ?? '')
    && NODE_GENERATE.test(value.childForFieldName('arguments')?.firstNamedChild?.text ?? ''));
}

function keySize(call: CallSite): Node | undefined {
  const entry = KEY_SIZE_ARGUMENT.find(([callee]) => callee.test(call.name));
  return entry ? call.kwargs.get(entry[1]) ?? call.args[entry[2]] : undefined;
}

export default defineRule({
  meta: {
    id: 'S024',
    name: 'weak-key-size',
    title: 'Key too short',
    category: 'security',
    severity: 'medium',
    confidence: 'high',
    cwe: 'CWE-326',
    languages: ['python', ...JS_FAMILY],
    messages: { en: '{callee}() makes a {bits}-bit key; at least {minimum} bits are required', zh: '{callee}() 生成 {bits} 位的密钥，至少需要 {minimum} 位' },
    suggestion: {
      en: 'Use RSA or DSA keys of at least 2048 bits (3072 for use beyond 2030) and elliptic curves of at least 224 bits such as SECP256R1',
      zh: 'RSA/DSA 密钥至少 2048 位（2030 年后使用需 3072 位），椭圆曲线至少 224 位，例如 SECP256R1',
    },
    suggestionByLanguage: {
      js: {
        en: "Generate RSA and DSA keys with modulusLength of at least 2048 (3072 for use beyond 2030) and EC keys on a curve of at least 224 bits such as namedCurve: 'P-256'",
        zh: "生成 RSA/DSA 密钥时 modulusLength 至少 2048（2030 年后使用需 3072），EC 密钥使用至少 224 位的曲线，例如 namedCurve: 'P-256'",
      },
    },
    fix: { en: 'Raise the key size to 2048 bits or switch to a 256-bit curve', zh: '将密钥长度提高到 2048 位或改用 256 位曲线' },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        if (context.spec.id !== 'python') {
          if (nodeGenerator(call, context.spec)) checkNodeKeyPair(call, context);
          return;
        }
        if (EC_GENERATE.test(call.name)) {
          const curve = call.kwargs.get('curve') ?? call.args[0];
          const identifier = curve ? referencedName(curve) : null;
          const stronger = identifier ? WEAK_CURVES[identifier.text] : undefined;
          if (!identifier || !stronger) return;
          const bits = Number(/\d+/.exec(identifier.text)?.[0]);
          context.report({ node, data: { callee: call.name, bits, minimum: MIN_CURVE_BITS }, fix: replaceNode(identifier, stronger) });
          return;
        }
        reportShortKey(call, keySize(call), context);
      },
    };
  },
});
