import { z } from 'zod';
import { FORMS, type FormId } from '../forms/fields';
import { fieldProblem } from '../forms/schemas';
import { storableString } from '../text/storable';
import { TRASVASIJE_STEP_IDS, type TrasvasijeStepId } from './trasvasije';
import { leafById, leafPath } from './typology';

/** The forms that carry a post-sale requirement (and only they do). */
export const REQUIREMENT_FORMS: readonly FormId[] = ['postventa', 'postventaMotivo', 'trasvasije'];

export function isRequirementForm(formId: FormId): boolean {
  return REQUIREMENT_FORMS.includes(formId);
}

/** What a post-sale form says besides its fields: which leaf, which earlier ticket, which steps. */
export const requirementSchema = z.strictObject({
  /** A leaf id of shared/requirements/typology.ts. */
  typeId: storableString().trim().min(1).max(120),
  /** The earlier ticket: insisted on, or backing a trasvasije return. */
  relatedTicketId: storableString().trim().min(1).max(32).optional(),
  /** Trasvasije: the steps a–d done and the mailbox given in step c. */
  walkthrough: z
    .strictObject({
      steps: z.array(z.enum(TRASVASIJE_STEP_IDS as [TrasvasijeStepId, ...TrasvasijeStepId[]])).max(4),
      mailboxGiven: z.email().max(254),
    })
    .optional(),
});

export type Requirement = z.infer<typeof requirementSchema>;

export interface RequirementIssue {
  path: string[];
  message: string;
}

/**
 * The rules of seed 001 a form must keep, the same in the app and in the back office: a leaf that
 * must not be a ticket is refused with its reason, each ticket leaf comes with its own form,
 * an insistence names the earlier ticket, a trasvasije record has every step.
 */
export function requirementIssues(formId: FormId, requirement: Requirement | undefined): RequirementIssue[] {
  const carries = isRequirementForm(formId);
  if (!carries) {
    return requirement
      ? [{ path: ['requirement'], message: 'Este formulario no lleva tipificación postventa.' }]
      : [];
  }
  if (!requirement) return [{ path: ['requirement'], message: 'Falta la tipificación del requerimiento.' }];
  const leaf = leafById(requirement.typeId);
  const at = (field: string, message: string): RequirementIssue[] => [
    { path: ['requirement', field], message },
  ];
  if (!leaf) return at('typeId', `Tipificación desconocida «${requirement.typeId}».`);
  const outcome = leaf.outcome;
  if (outcome.kind === 'guidance') {
    return at('typeId', `«${leafPath(leaf)}» no se ingresa como ticket: ${outcome.guidance.headline}`);
  }
  if (formId === 'trasvasije') {
    if (outcome.walkthrough !== 'trasvasije')
      return at('typeId', `«${leafPath(leaf)}» no es una devolución por trasvasije.`);
    const issues: RequirementIssue[] = [];
    if (!requirement.relatedTicketId)
      issues.push(...at('relatedTicketId', 'Falta el ticket con saldo a favor que respalda la devolución.'));
    const done = new Set(requirement.walkthrough?.steps ?? []);
    const missing = TRASVASIJE_STEP_IDS.filter((id) => !done.has(id));
    if (!requirement.walkthrough || missing.length > 0)
      issues.push(...at('walkthrough', `Faltan pasos de la devolución: ${missing.join(', ')}.`));
    return issues;
  }
  if (outcome.form !== formId)
    return at('typeId', `«${leafPath(leaf)}» se ingresa con otro formulario («${outcome.form}»).`);
  if (requirement.walkthrough) return at('walkthrough', 'Solo la devolución por trasvasije lleva pasos.');
  if (outcome.insistence && !requirement.relatedTicketId)
    return at('relatedTicketId', `«${leaf.label}» exige elegir el ticket anterior del cliente.`);
  if (!outcome.insistence && requirement.relatedTicketId)
    return at('relatedTicketId', `«${leaf.label}» no se vincula a un ticket anterior.`);
  return [];
}

/**
 * A ticket opened directly (back office, POST /tickets) keeps the same rules as one from a form:
 * a leaf that is a ticket, the earlier ticket of an insistence, and the description its form asks
 * for («Otros (Servicio)»: the reason).
 */
export function ticketRequestIssues(
  typeId: string,
  description: string,
  relatedTicketId: string | undefined,
): RequirementIssue[] {
  const leaf = leafById(typeId);
  if (!leaf || leaf.outcome.kind !== 'ticket') {
    return requirementIssues('postventa', { typeId, relatedTicketId }).filter(
      (issue) => issue.path[1] === 'typeId',
    );
  }
  const form = leaf.outcome.form;
  const issues = requirementIssues(form, { typeId, relatedTicketId });
  const field = FORMS[form].fields.find((f) => f.name === 'observations');
  const problem = field ? fieldProblem(field, description.trim()) : null;
  if (problem && field) issues.push({ path: ['description'], message: `${field.label}: ${problem}` });
  return issues;
}
