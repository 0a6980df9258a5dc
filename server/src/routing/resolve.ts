import { ROUTE_KEYS, type RouteKey } from '../../../shared/api/routing';
import { BLOCK_CATALOG, TELECOBRANZAS_BLOCK } from '../../../shared/blocks/catalog';
import { classifyBlockCode } from '../../../shared/blocks/codes';
import { FORMS } from '../../../shared/forms/fields';
import type { FormSubmission } from '../../../shared/forms/submission';
import { isRequirementForm } from '../../../shared/requirements/requirement';

export type RouteResolution = { ok: true; key: RouteKey } | { ok: false; reason: string };

/**
 * Which route a form takes. The supervisor form always goes to the supervisor; any other form must
 * belong to the block it claims (the same catalog the app shows), so a form never reaches an area
 * that does not handle it.
 */
export function resolveRoute(submission: Pick<FormSubmission, 'formId' | 'blockCodes'>): RouteResolution {
  if (submission.formId === 'supervisor') return { ok: true, key: 'supervisor' };
  // A post-sale requirement belongs to the customer, whatever their blocks (sent as context).
  if (isRequirementForm(submission.formId))
    return { ok: true, key: submission.formId === 'trasvasije' ? 'trasvasije' : 'postventa' };
  if (submission.formId === 'nota') return { ok: true, key: noteRoute(submission.blockCodes) };
  const title = FORMS[submission.formId].title;
  if (submission.blockCodes.length === 0) {
    return { ok: false, reason: `Falta el código de bloqueo del formulario «${title}».` };
  }
  let key: RouteKey | null = null;
  for (const raw of submission.blockCodes) {
    const cls = classifyBlockCode(raw);
    if (cls.kind === 'unknown') {
      return {
        ok: false,
        reason: `Código de bloqueo desconocido «${cls.code}»: no se envía a ningún área; use «Aviso al supervisor».`,
      };
    }
    const candidate: RouteKey | 'Z3' = cls.kind === 'telecobranzas' || cls.code === 'Z1' ? 'TC' : cls.code;
    if (candidate === 'Z3') {
      return {
        ok: false,
        reason: 'El bloqueo Z3 (cambio de razón social) no lleva formulario: busque otro cliente habilitado.',
      };
    }
    const definition = candidate === 'TC' ? TELECOBRANZAS_BLOCK : BLOCK_CATALOG[candidate];
    if (definition.form === submission.formId) key = candidate;
  }
  if (!key) {
    return {
      ok: false,
      reason: `El formulario «${title}» no corresponde al bloqueo ${submission.blockCodes.join(', ')}.`,
    };
  }
  return { ok: true, key };
}

/**
 * A note goes where its case went: the route of its block codes (the case's own), the supervisor
 * for a case without a routable block (a replaced code, an unknown code, Z3).
 */
function noteRoute(blockCodes: readonly string[]): RouteKey {
  for (const raw of blockCodes) {
    const cls = classifyBlockCode(raw);
    if (cls.kind === 'telecobranzas' || cls.code === 'Z1') return 'TC';
    if (cls.kind === 'known' && (ROUTE_KEYS as readonly string[]).includes(cls.code))
      return cls.code as RouteKey;
  }
  return 'supervisor';
}
