import { checkPassword } from '../../../shared/domain/password';

// No 0/O, 1/I/L: a temporary password is read out or written down once.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random temporary password such as `K7QM-2XRT-9HWD` (about 74 bits), acceptable to the policy. */
export function generateTemporaryPassword(): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(15));
    const chars = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
    const candidate = chars.match(/.{5}/g)!.join('-');
    if (!checkPassword(candidate)) return candidate;
  }
}
