import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt } from 'node:crypto';

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
