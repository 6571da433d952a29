/** Shared by the crash tests and the child program they kill. */
export const CHILD_KDF = { N: 2 ** 12, r: 8, p: 1 };
export const ADMIN_LOGIN = { username: 'admin', password: 'orange-kettle-harbour-42' };
