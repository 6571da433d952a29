import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';

/**
 * scrypt parameters. N=2^17, r=8, p=1 is OWASP's recommended minimum for scrypt
 * (128 MiB of memory, about half a second on a 2-core workstation).
 */
export interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string; // base64
}

export const DEFAULT_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
export type KdfCost = { N: number; r: number; p: number };

export function newKdfParams(cost: KdfCost = DEFAULT_KDF): KdfParams {
  return { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64') };
}

export function deriveKey(secret: string, params: KdfParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(secret.normalize('NFKC'), 'utf8'),
      Buffer.from(params.salt, 'base64'),
      32,
      { N: params.N, r: params.r, p: params.p, maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export interface Wrapped {
  iv: string;
  tag: string;
  ct: string;
}

/** AES-256-GCM; `aad` binds the wrapped key to its slot and store. */
export function wrapKey(dataKey: Buffer, kek: Buffer, aad: string): Wrapped {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

/** Returns the data key, or null when the secret (hence the key-encryption key) is wrong. */
export function unwrapKey(wrapped: Wrapped, kek: Buffer, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ct, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export function hmacHex(keyB64: string, value: string): string {
  return createHmac('sha256', Buffer.from(keyB64, 'base64')).update(value, 'utf8').digest('hex');
}

// Crockford base32: no I, L, O, U, so that a key read aloud or copied by hand survives.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as eight groups of four characters, e.g. `7K3Q-…`. */
export function newRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Accepts the key as typed: any case, with or without dashes and spaces, O for 0 and I/L for 1. */
export function normaliseRecoveryKey(input: string): string {
  const clean = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return (clean.match(/.{1,4}/g) ?? []).join('-');
}

// ---- Per-slot key pairs and grants ------------------------------------------------------------
// Each slot has an X25519 key pair. Its private key is wrapped with the slot's password-derived key;
// its public key lets an administrator hand the clinical key to an account without knowing its
// password (a promotion): the key is sealed to the public key (ECIES: X25519 + HKDF-SHA256 +
// AES-256-GCM) and picked up at that account's next login.

export interface SlotKeyPair {
  publicKey: string; // raw 32 bytes, base64
  privateKeyDer: Buffer; // PKCS#8 DER
}

export function newSlotKeyPair(): SlotKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    publicKey: Buffer.from(jwk.x!, 'base64url').toString('base64'),
    privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

function x25519Public(raw: string): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw, 'base64').toString('base64url') },
    format: 'jwk',
  });
}

function grantKey(shared: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), info, 32));
}

export interface Grant extends Wrapped {
  epk: string; // ephemeral public key, raw base64
}

/** Seals `secret` so that only the holder of the private key for `publicKey` can open it. */
export function sealToPublicKey(secret: Buffer, publicKey: string, aad: string): Grant {
  const eph = newSlotKeyPair();
  const shared = diffieHellman({
    privateKey: createPrivateKey({ key: eph.privateKeyDer, format: 'der', type: 'pkcs8' }),
    publicKey: x25519Public(publicKey),
  });
  const key = grantKey(shared, `deflect-grant:${eph.publicKey}:${publicKey}`);
  try {
    return { epk: eph.publicKey, ...wrapKey(secret, key, aad) };
  } finally {
    key.fill(0);
    shared.fill(0);
    eph.privateKeyDer.fill(0);
  }
}

export function openSealedToPublicKey(grant: Grant, privateKeyDer: Buffer, publicKey: string, aad: string): Buffer | null {
  try {
    const shared = diffieHellman({
      privateKey: createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' }),
      publicKey: x25519Public(grant.epk),
    });
    const key = grantKey(shared, `deflect-grant:${grant.epk}:${publicKey}`);
    shared.fill(0);
    const out = unwrapKey(grant, key, aad);
    key.fill(0);
    return out;
  } catch {
    return null;
  }
}

/** HMAC-SHA256 under a key derived from `key` for one purpose (e.g. vouching for a slot's public key). */
export function purposeMac(key: Buffer, purpose: string, value: string): string {
  const macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `deflect-mac:${purpose}`, 32));
  try {
    return createHmac('sha256', macKey).update(value, 'utf8').digest('hex');
  } finally {
    macKey.fill(0);
  }
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
