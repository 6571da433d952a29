/** Staff roles. Codes are stable; labels may change. See PRODUCT.md "Who uses it". */
export const ROLES = ['officer', 'coresponder', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  officer: 'Officer',
  coresponder: 'Co-responder',
  coordinator: 'Coordinator',
  admin: 'Administrator',
};

/** Roles that may read clinical notes and screening answers. */
export const CLINICAL_ROLES: readonly Role[] = ['coresponder', 'coordinator', 'admin'];
