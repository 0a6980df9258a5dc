import { getCustomerCases, type CustomerCaseStatus } from '../../../shared/api/cases';
import type { ApiResult, BackOfficeClient } from '../../backoffice/client';

/** The back office's cases of a customer, as an agent may tell them (GET /customers/:code/cases). */
export interface CustomerCasesSource {
  /** The open case and those closed in the last 60 days; null when nobody is signed in to ask. */
  forCustomer(customerCode: string): Promise<ApiResult<CustomerCaseStatus[]> | null>;
}

export function backOfficeCustomerCases(deps: {
  backOffice: BackOfficeClient;
  credentials: () => Promise<{ serverUrl: string; token: string } | null>;
}): CustomerCasesSource {
  return {
    async forCustomer(customerCode) {
      const credentials = await deps.credentials();
      if (!credentials) return null;
      const answer = await deps.backOffice.call(credentials.serverUrl, credentials.token, getCustomerCases, {
        params: { code: customerCode },
      });
      return answer.ok ? { ...answer, value: answer.value.cases } : answer;
    },
  };
}
