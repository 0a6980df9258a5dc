import { FORMS } from '../../../shared/forms/fields';
import type { FormSubmission } from '../../../shared/forms/submission';
import { leafById } from '../../../shared/requirements/typology';

/** The form's title; a post-sale requirement also says which leaf. */
export function formTitle(submission: FormSubmission): string {
  const leaf = submission.requirement ? leafById(submission.requirement.typeId) : undefined;
  return leaf ? `${FORMS[submission.formId].title} «${leaf.label}»` : FORMS[submission.formId].title;
}
