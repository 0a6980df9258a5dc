import { useEffect, useState } from 'react';
import type { CustomerCaseStatus } from '../../../shared/api/cases';
import { useServices } from '../../app/servicesContext';

type State =
  { phase: 'none' } | { phase: 'shown'; cases: CustomerCaseStatus[] } | { phase: 'failed'; message: string };

/** "2026-01-10" → "10-01-2026" (a day the back office agreed; other text as it came). */
function day(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : value;
}

function summary(item: CustomerCaseStatus): string {
  const facts = [
    item.open ? `en curso: ${item.stage}` : `terminado: ${item.stage}`,
    item.avisoNumber && `aviso ${item.avisoNumber}`,
    item.visitDate && `visita ${day(item.visitDate)}`,
  ];
  return facts.filter(Boolean).join(' · ');
}

/**
 * What the back office is doing with this customer's cases (a ZB unblock, a request at risk), so
 * the agent can answer "¿en qué va lo mío?" without calling anyone. Asked once per customer shown;
 * nothing while it is asked or when there is none, and a quiet line when it could not be asked.
 */
export function CustomerCases({ customerCode }: { customerCode: string }) {
  const { customerCases } = useServices();
  const [state, setState] = useState<State>({ phase: 'none' });

  useEffect(() => {
    let live = true;
    setState({ phase: 'none' });
    void customerCases.forCustomer(customerCode).then((answer) => {
      if (!live || !answer) return;
      setState(
        answer.ok
          ? { phase: 'shown', cases: answer.value }
          : { phase: 'failed', message: answer.failure.message },
      );
    });
    return () => {
      live = false;
    };
  }, [customerCode, customerCases]);

  if (state.phase === 'failed')
    return (
      <p className="muted customer-cases">
        No se pudieron consultar los casos del cliente en la central ({state.message}).
      </p>
    );
  if (state.phase === 'none' || state.cases.length === 0) return null;
  return (
    <section className="customer-cases" aria-label="Casos del cliente en la central">
      <h3>Casos en la central</h3>
      <ul>
        {state.cases.map((item) => (
          <li key={item.number} className={item.open ? undefined : 'customer-cases__closed'}>
            <strong>{item.number}</strong> {item.procedureTitle} — {summary(item)}
          </li>
        ))}
      </ul>
    </section>
  );
}
