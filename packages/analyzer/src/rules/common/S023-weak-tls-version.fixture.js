const https = require('https');
const tls = require('tls');

function servers(key, cert, handler) {
  // ruleid: S023
  const legacy = https.createServer({ key, cert, secureProtocol: 'TLSv1_method' }, handler);
  const gateway = tls.createServer({
    key,
    cert,
    // ruleid: S023
    minVersion: 'TLSv1',
  });
  const client = tls.connect({
    host: 'pos.internal',
    port: 9443,
    // ruleid: S023
    maxVersion: 'TLSv1.1',
  });
  // ruleid: S023
  tls.DEFAULT_MIN_VERSION = 'TLSv1.1';
  // ok: S023
  const modern = https.createServer({ key, cert, minVersion: 'TLSv1.2' }, handler);
  // ok: S023
  const negotiated = tls.createSecureContext({ secureProtocol: 'TLS_method' });
  // ok: S023
  const pinned = tls.createSecureContext({ secureProtocol: 'TLSv1_2_method' });
  // ok: S023
  const strict = tls.connect({ host: 'pos.internal', port: 9443, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' });
  return { legacy, gateway, client, modern, negotiated, pinned, strict };
}

module.exports = servers;
