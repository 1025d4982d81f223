import { defineRule, type Visitors } from '../rule.ts';

/** Handlers that run an application as CGI, where a `Proxy:` request header arrives as the `HTTP_PROXY` variable. */
const CGI_HANDLERS = /^(wsgiref\.handlers\.CGIHandler|twisted\.web\.twcgi\.(CGIScript|CGIDirectory))$/;

export default defineRule({
  meta: {
    id: 'S033',
    name: 'httpoxy',
    title: 'CGI handler exposed to httpoxy',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-284',
    languages: ['python'],
    messages: {
      en: '{handler} serves requests as CGI: a client\'s Proxy header becomes HTTP_PROXY, which HTTP clients may use as their proxy (httpoxy)',
      zh: '{handler} 以 CGI 方式处理请求：客户端的 Proxy 请求头会变成 HTTP_PROXY，HTTP 客户端可能将其当作代理（httpoxy）',
    },
    suggestion: {
      en: 'Serve the application through a WSGI server (gunicorn, uWSGI, mod_wsgi) instead of CGI, or drop HTTP_PROXY from the environment before handling the request',
      zh: '通过 WSGI 服务器（gunicorn、uWSGI、mod_wsgi）而非 CGI 提供服务，或在处理请求前从环境中删除 HTTP_PROXY',
    },
  },
  create(context): Visitors {
    if (!context.code.includes('CGI')) return {};
    return {
      call(node) {
        const call = context.call(node);
        if (CGI_HANDLERS.test(call.name)) context.report({ node, data: { handler: call.name } });
      },
    };
  },
});
