import { z } from 'zod';
import { requirementIssues, requirementSchema } from '../requirements/requirement';
import { storableString } from '../text/storable';
import { plausibleTimestamp } from '../validation/dates';
import { FORM_IDS } from './fields';
import { crossFieldErrors, FORM_SCHEMAS, type FormValues } from './schemas';

/** Why a case reaches the supervisor instead of (or besides) its area. */
export const SUPERVISOR_REASONS = {
  'datos-ya-tomados': 'El cliente dice que ya le tomaron los datos',
  'codigo-desconocido': 'Código de bloqueo desconocido',
  'codigo-reemplazado-sin-nuevo': 'Código reemplazado y no se encontró el código nuevo',
  'ticket-vencido': 'Ticket «Problema de bloqueo» vencido sin respuesta',
  'z3-sin-habilitado': 'Bloqueo Z3: no se encontró otro registro habilitado',
} as const;
export type SupervisorReason = keyof typeof SUPERVISOR_REASONS;

/** The envelope of a form as queued by the app and accepted by the back office (same schema both sides). */
export const formSubmissionSchema = z
  .strictObject({
    /** Client-generated UUID: the idempotency key end to end. */
    id: z.uuid(),
    formId: z.enum(FORM_IDS),
    customerCode: storableString().trim().min(1).max(20),
    customerName: storableString().max(200),
    blockCodes: z.array(storableString().trim().min(1).max(4)).max(20),
    agent: storableString().trim().min(1).max(64),
    createdAt: plausibleTimestamp(),
    supervisorReason: z
      .enum(Object.keys(SUPERVISOR_REASONS) as [SupervisorReason, ...SupervisorReason[]])
      .optional(),
    /** Related ids: the open ticket (Z4), the open order (collections), the call. */
    context: z
      .strictObject({
        ticketId: storableString().max(64).optional(),
        orderId: storableString().max(64).optional(),
        callId: storableString().max(128).optional(),
        /** A note's case: the form it adds to. */
        relatedFormId: z.uuid().optional(),
      })
      .optional(),
    /** Post-sale forms: the typology leaf, the earlier ticket, the trasvasije steps. */
    requirement: requirementSchema.optional(),
    values: z.record(storableString().max(64), storableString().max(2000)),
  })
  .superRefine((submission, ctx) => {
    for (const issue of requirementIssues(submission.formId, submission.requirement)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
    if (submission.formId === 'nota' && !submission.context?.relatedFormId)
      ctx.addIssue({
        code: 'custom',
        path: ['context', 'relatedFormId'],
        message: 'Una nota debe indicar el formulario al que se agrega.',
      });
    const result = FORM_SCHEMAS[submission.formId].safeParse(submission.values);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', path: ['values', ...issue.path.map(String)], message: issue.message });
      }
      return;
    }
    // Dates are judged against the day the form was written (it may reach the back office days
    // later, after an outage); a day of slack covers the agent's time zone against UTC.
    const written = Date.parse(submission.createdAt);
    if (!Number.isFinite(written)) return; // reported by the createdAt check
    const earliestDate = new Date(written - 24 * 3_600_000).toISOString().slice(0, 10);
    const errors = crossFieldErrors(submission.formId, result.data as FormValues, { earliestDate });
    for (const [field, message] of Object.entries(errors))
      ctx.addIssue({ code: 'custom', path: ['values', field], message });
  });

export type FormSubmission = z.infer<typeof formSubmissionSchema>;
