const crypto = require('crypto');
const { generateKeyPair } = require('crypto');
const { promisify } = require('util');

const generateKeyPairAsync = promisify(generateKeyPair);
const readFileAsync = promisify(require('fs').readFile);

const LEGACY_BITS = 1024;
const LEGACY_CURVE = 'prime192v1';

function makeKeys(bits) {
  // ruleid: S024
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  // ruleid: S024
  const dsa = crypto.generateKeyPairSync('dsa', { modulusLength: LEGACY_BITS, divisorLength: 160 });
  // ruleid: S024
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: LEGACY_CURVE });
  const options = { modulusLength: 512 };
  // ruleid: S024
  generateKeyPair('rsa-pss', options, () => {});
  // ok: S024
  const strong = crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
  // ok: S024
  const curve = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  // ok: S024
  const edwards = crypto.generateKeyPairSync('ed25519');
  // ok: S024
  const sized = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
  // ruleid: S024
  const pending = generateKeyPairAsync('rsa', { modulusLength: 1024 });
  // ok: S024
  const pendingStrong = generateKeyPairAsync('rsa', { modulusLength: 4096 });
  // ok: S024
  const file = readFileAsync('rsa', { modulusLength: 1024 });
  return [rsa, dsa, ec, strong, curve, edwards, sized, pending, pendingStrong, file];
}

module.exports = { makeKeys };
