/** Back-office account roles: what each may read and do is in server/README.md (Accounts and roles). */
export const ROLES = ['agent', 'supervisor', 'admin', 'backoffice'] as const;
export type Role = (typeof ROLES)[number];
