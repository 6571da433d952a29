/**
 * Password policy (NIST SP 800-63B style): length over complexity rules, and a
 * refusal of passwords that are common, that repeat one character, or that contain
 * the user's own name or the department's name.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// Common passwords and their predictable stems (compared case-insensitively, with
// trailing digits and symbols removed as well as whole).
const BANNED = new Set(
  `
password passw0rd p@ssword p@ssw0rd password1 password12 password123 password1234 passwordpassword
123456789012 1234567890123 12345678901234 123456123456 qwertyuiop qwertyuiopasdf qwerty qwerty123
qwertyqwerty asdfghjkl asdfghjkl123 zxcvbnm zxcvbnmasdfg 1q2w3e4r5t6y 1qaz2wsx3edc q1w2e3r4t5y6
letmein letmeinplease welcome welcome1 welcome123 welcometothejungle iloveyou iloveyou123 admin
administrator admin123456 adminadmin changeme changemenow changeme123 default defaultpassword
secret secretpassword supersecret trustno1 trustnoone monkey dragon football baseball basketball
soccer hockey master superman batman starwars princess sunshine shadow michael jennifer
abc123abc123 abcdefghijkl abcdefghijklm abcd1234abcd aaaaaaaaaaaa 111111111111 000000000000
police policeofficer policedepartment officer sheriff deputy detective sergeant lieutenant
captain dispatch patrol badge precinct station deflection deflect coresponder coordinator
socialworker counselor clinician treatment recovery naloxone narcan harvey illinois chicago
springfield summer winter spring autumn january february march april may june july august
september october november december monday tuesday wednesday thursday friday saturday sunday
computer internet login logon access accessdenied security securepassword mypassword
newpassword temppassword temporary passphrase correcthorsebatterystaple iloveyoubaby
whatever nothing something everything freedom liberty america unitedstates
`
    .split(/\s+/)
    .filter(Boolean),
);

export type PasswordProblem = { message: string };

function stem(value: string): string {
  return value.replace(/[\d\W_]+$/u, '');
}

/**
 * Returns why a password is not acceptable, or null when it is.
 * `context` holds words the password must not contain (username, department).
 */
export function checkPassword(password: string, context: readonly string[] = []): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  const lower = password.toLowerCase();
  if (BANNED.has(lower) || BANNED.has(stem(lower)) || BANNED.has(lower.replace(/^[\d\W_]+/u, ''))) {
    return { message: 'This password is too common. Choose a longer phrase that only you would think of.' };
  }
  if (new Set(lower).size <= 3) {
    return { message: 'This password repeats too few characters. Choose a longer phrase.' };
  }
  for (const word of context) {
    const w = word.trim().toLowerCase();
    if (w.length >= 4 && lower.includes(w)) {
      return { message: 'The password must not contain your username or the department name.' };
    }
  }
  return null;
}
