import type { Rule } from './rule.ts';
import e001SyntaxError from './common/E001-syntax-error.ts';
import p001StringConcatInLoop from './common/P001-string-concat-in-loop.ts';
import p002QueryInLoop from './common/P002-query-in-loop.ts';
import p003RegexInLoop from './common/P003-regex-in-loop.ts';
import p004BlockingInAsync from './common/P004-blocking-in-async.ts';
import p005SleepInLoop from './common/P005-sleep-in-loop.ts';
import p006ListMembershipInLoop from './python/P006-list-membership-in-loop.ts';
import q001HighComplexity from './common/Q001-high-complexity.ts';
import q002LongFunction from './common/Q002-long-function.ts';
import q003TooManyParameters from './common/Q003-too-many-parameters.ts';
import q004DeepNesting from './common/Q004-deep-nesting.ts';
import q005SwallowedException from './common/Q005-swallowed-exception.ts';
import q006MutableDefaultArgument from './python/Q006-mutable-default-argument.ts';
import q007NoneComparison from './python/Q007-none-comparison.ts';
import q008UnusedImport from './common/Q008-unused-import.ts';
import q009UnusedVariable from './common/Q009-unused-variable.ts';
import q010ShadowedBuiltin from './python/Q010-shadowed-builtin.ts';
import q011TodoComment from './common/Q011-todo-comment.ts';
import q012MissingDocstring from './common/Q012-missing-docstring.ts';
import q013NeedlessShell from './python/Q013-needless-shell.ts';
import s001CodeInjection from './common/S001-code-injection.ts';
import s002CommandInjection from './common/S002-command-injection.ts';
import s003SqlInjection from './common/S003-sql-injection.ts';
import s004UnsafeDeserialization from './common/S004-unsafe-deserialization.ts';
import s005HardcodedSecret from './common/S005-hardcoded-secret.ts';
import s006WeakHash from './common/S006-weak-hash.ts';
import s007WeakCipher from './common/S007-weak-cipher.ts';
import s008InsecureRandomness from './common/S008-insecure-randomness.ts';
import s009TlsVerificationDisabled from './common/S009-tls-verification-disabled.ts';
import s010DebugMode from './common/S010-debug-mode.ts';
import s011Xss from './common/S011-xss.ts';
import s012PathTraversal from './common/S012-path-traversal.ts';
import s013OpenRedirect from './common/S013-open-redirect.ts';
import s014Ssrf from './common/S014-ssrf.ts';
import s015Xxe from './common/S015-xxe.ts';
import s016InsecureTempFile from './common/S016-insecure-temp-file.ts';
import s017BindAllInterfaces from './common/S017-bind-all-interfaces.ts';
import s018AssertAccessControl from './common/S018-assert-access-control.ts';
import s019PermissiveFileMode from './common/S019-permissive-file-mode.ts';
import s020UrlScheme from './python/S020-url-scheme.ts';
import s021CleartextProtocol from './python/S021-cleartext-protocol.ts';
import s022PycryptoImport from './python/S022-pycrypto-import.ts';
import s023WeakTlsVersion from './common/S023-weak-tls-version.ts';
import s024WeakKeySize from './common/S024-weak-key-size.ts';
import s025UnverifiedSshHost from './python/S025-unverified-ssh-host.ts';
import s026WildcardInjection from './python/S026-wildcard-injection.ts';
import s027TemplateAutoescapeOff from './common/S027-template-autoescape-off.ts';
import s028InsecureCookie from './common/S028-insecure-cookie.ts';
import s029XmlEntityExpansion from './python/S029-xml-entity-expansion.ts';
import s030LdapInjection from './common/S030-ldap-injection.ts';
import s031XpathInjection from './common/S031-xpath-injection.ts';
import s032TrustBoundary from './common/S032-trust-boundary.ts';
import s033Httpoxy from './python/S033-httpoxy.ts';
import s034NosqlInjection from './common/S034-nosql-injection.ts';
import s035Redos from './common/S035-redos.ts';
import s036HardcodedCryptoKey from './common/S036-hardcoded-crypto-key.ts';

export const RULES: readonly Rule[] = [
  e001SyntaxError,
  p001StringConcatInLoop,
  p002QueryInLoop,
  p003RegexInLoop,
  p004BlockingInAsync,
  p005SleepInLoop,
  p006ListMembershipInLoop,
  q001HighComplexity,
  q002LongFunction,
  q003TooManyParameters,
  q004DeepNesting,
  q005SwallowedException,
  q006MutableDefaultArgument,
  q007NoneComparison,
  q008UnusedImport,
  q009UnusedVariable,
  q010ShadowedBuiltin,
  q011TodoComment,
  q012MissingDocstring,
  q013NeedlessShell,
  s001CodeInjection,
  s002CommandInjection,
  s003SqlInjection,
  s004UnsafeDeserialization,
  s005HardcodedSecret,
  s006WeakHash,
  s007WeakCipher,
  s008InsecureRandomness,
  s009TlsVerificationDisabled,
  s010DebugMode,
  s011Xss,
  s012PathTraversal,
  s013OpenRedirect,
  s014Ssrf,
  s015Xxe,
  s016InsecureTempFile,
  s017BindAllInterfaces,
  s018AssertAccessControl,
  s019PermissiveFileMode,
  s020UrlScheme,
  s021CleartextProtocol,
  s022PycryptoImport,
  s023WeakTlsVersion,
  s024WeakKeySize,
  s025UnverifiedSshHost,
  s026WildcardInjection,
  s027TemplateAutoescapeOff,
  s028InsecureCookie,
  s029XmlEntityExpansion,
  s030LdapInjection,
  s031XpathInjection,
  s032TrustBoundary,
  s033Httpoxy,
  s034NosqlInjection,
  s035Redos,
  s036HardcodedCryptoKey,
];
