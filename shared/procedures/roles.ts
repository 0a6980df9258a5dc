/**
 * Who acts on a case. Accounts keep their kind (`agent`, `supervisor`, `admin`, `backoffice`);
 * back-office accounts also hold one or more case roles, granted with the admin CLI. A step names
 * the case roles that act on it. The contact-center supervisor (account kind `supervisor`) works
 * the escalations inbox and reads cases; an admin reads and acts on everything.
 */
export const CASE_ROLES = {
  supervisor_rrss: 'Supervisor de RRSS',
  jefe_servicio: 'Jefe de Servicio',
  mesa_clientes: 'Mesa de Clientes',
  gestion_red: 'Depto. Gestión de Red',
  operaciones_comercial: 'Centro de Operaciones Comercial',
  operaciones_zonal: 'Centro de Operaciones Zonal',
  atencion_cliente: 'Monitora de Atención / Team Leader / Asesor Comercial',
} as const;

export type CaseRole = keyof typeof CASE_ROLES;

export const CASE_ROLE_IDS = Object.keys(CASE_ROLES) as CaseRole[];

export function isCaseRole(value: string): value is CaseRole {
  return value in CASE_ROLES;
}

/** Account kinds that may open the back-office screens (cases, escalations). Agents never do. */
export const BACK_OFFICE_ACCOUNT_ROLES = ['supervisor', 'admin', 'backoffice'] as const;
export type BackOfficeAccountRole = (typeof BACK_OFFICE_ACCOUNT_ROLES)[number];

/** Account kinds that work the escalations inbox (the contact-center supervisors, and admins). */
export const ESCALATION_ACCOUNT_ROLES = ['supervisor', 'admin'] as const;

/** Whether an account of this kind gets the cases screen (and its menu entry). */
export function canOpenCases(role: string | null | undefined): boolean {
  return (BACK_OFFICE_ACCOUNT_ROLES as readonly string[]).includes(role ?? '');
}

/** Whether an account of this kind gets the escalations inbox (and its menu entry). */
export function canOpenEscalations(role: string | null | undefined): boolean {
  return (ESCALATION_ACCOUNT_ROLES as readonly string[]).includes(role ?? '');
}

export interface Actor {
  /** Account kind: admins act on every step. */
  accountRole: string;
  caseRoles: readonly CaseRole[];
}

/** True when `actor` may act where `roles` act (an admin always may). */
export function actsAs(actor: Actor, roles: readonly CaseRole[]): boolean {
  if (actor.accountRole === 'admin') return true;
  return roles.some((role) => actor.caseRoles.includes(role));
}

export function roleLabels(roles: readonly CaseRole[]): string {
  return roles.map((role) => CASE_ROLES[role]).join(' / ');
}
