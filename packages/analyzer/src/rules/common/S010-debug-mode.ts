import type { Node } from 'web-tree-sitter';
import { enclosing, literalTruth } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';

const SETTINGS_FILE = /(^|[/\\])(settings|config|production)[^/\\]*\.py$/i;
/** Settings every Django project defines: a module that assigns one at its top level is a settings module, whatever its file is called. */
const DJANGO_SETTINGS = /^(INSTALLED_APPS|MIDDLEWARE|ROOT_URLCONF|WSGI_APPLICATION)\s*=/m;
/** ASGI applications that serve tracebacks to clients when built with `debug=True`. */
const PYTHON_DEBUG_APPS = /^(starlette\.applications\.Starlette|fastapi(\.applications)?\.FastAPI)$/;
const PHP_DISPLAY_ERRORS = /^["']display_errors["']$/;

export default defineRule({
  meta: {
    id: 'S010',
    name: 'debug-mode',
    title: 'Debug mode enabled in a server',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-489',
    languages: ['python', 'php', 'csharp', 'go'],
    messages: { en: 'Debug mode is enabled ({detail}); it exposes stack traces and may allow code execution', zh: '启用了调试模式（{detail}），会泄露堆栈信息，甚至允许执行代码' },
    suggestion: { en: 'Drive debug mode from configuration and keep it off in production', zh: '通过配置控制调试模式，生产环境中保持关闭' },
  },
  create(context) {
    const language = context.spec.id;
    const isTrueLiteral = (node: Node | null | undefined) => node !== null && node !== undefined && literalTruth(node, context.spec.kinds) === true;
    return {
      call(node) {
        const call = context.call(node);
        if (language === 'python' && (call.method === 'run' || PYTHON_DEBUG_APPS.test(call.name)) && isTrueLiteral(call.kwargs.get('debug'))) {
          context.report({ node, data: { detail: 'debug=True' } });
        } else if (language === 'php' && call.name === 'ini_set' && PHP_DISPLAY_ERRORS.test(call.args[0]?.text ?? '')
          && /^(1|true|["'](1|on|true)["'])$/i.test(call.args[1]?.text ?? '')) {
          context.report({ node, data: { detail: 'display_errors' } });
        } else if (language === 'go' && call.name === 'gin.SetMode' && call.args[0]?.text === 'gin.DebugMode') {
          context.report({ node, data: { detail: 'gin.DebugMode' } });
        } else if (language === 'csharp' && call.method === 'UseDeveloperExceptionPage') {
          const guard = enclosing(node, ['if_statement'])?.childForFieldName('condition')?.text ?? '';
          if (!/IsDevelopment/.test(guard)) context.report({ node, data: { detail: 'UseDeveloperExceptionPage' } });
        }
      },
      assignment(node) {
        if (node.parent?.parent?.type !== 'module' || !(SETTINGS_FILE.test(context.filePath ?? '') || DJANGO_SETTINGS.test(context.code))) return;
        if (node.childForFieldName('left')?.text === 'DEBUG' && isTrueLiteral(node.childForFieldName('right'))) {
          context.report({ node, data: { detail: 'DEBUG = True' } });
        }
      },
    };
  },
});
