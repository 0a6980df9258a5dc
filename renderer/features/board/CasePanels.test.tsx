// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import type { IndicatorWidget } from '../../../shared/api/board';
import { anulacionIndicator } from '../../../shared/procedures/indicator';
import { IndicatorPanel } from './CasePanels';

afterEach(cleanup);

const month = (m: string, from: string, to: string, noAnuladas: number, anuladas: number) => ({
  month: m,
  from,
  to,
  ...anulacionIndicator({ noAnuladas, anuladas }),
});

const data: IndicatorWidget = {
  asOf: '2026-03-10T15:00:00.000Z',
  filters: {
    from: '2026-02-01',
    to: '2026-03-10',
    team: null,
    agent: null,
    block: null,
    formType: null,
    ticketType: null,
    procedure: null,
  },
  applies: ['from', 'to'],
  thresholdPercent: 95,
  // 19 / 20 = 95 % and 24 / 25 = 96 %, as the server computes them (one rule: indicator.ts).
  periods: [
    month('2026-02', '2026-02-01', '2026-02-28', 19, 1),
    month('2026-03', '2026-03-01', '2026-03-10', 24, 1),
    month('2026-04', '2026-04-01', '2026-04-30', 0, 0),
  ],
  total: anulacionIndicator({ noAnuladas: 43, anuladas: 2 }),
};

it('shows each month’s indicator in words as well as colour: 95 % observado (red), 96 % aceptado (green)', () => {
  render(<IndicatorPanel data={data} onDrill={() => {}} mask />);
  const months = within(screen.getByRole('list', { name: 'Indicador por mes' })).getAllByRole('listitem');
  expect(months.map((li) => li.textContent)).toEqual([
    'feb 202695 % Observado (≤ 95 %)19 de 20 no anuladas',
    'mar 2026 (01-03 al 10-03)96 % Aceptado (> 95 %)24 de 25 no anuladas',
    'abr 2026— Sin casos cerrados',
  ]);
  expect(months[0]!.className).toContain('board-indicator__month--observado');
  expect(months[0]!.querySelector('.board-verdict')!.className).toContain('board-verdict--observado');
  expect(months[1]!.querySelector('.board-verdict')!.className).toContain('board-verdict--aceptado');
  // The table (and its exports) carries the verdict as text too.
  const table = screen.getByRole('table', { name: 'Indicador de anulaciones por mes' });
  expect(within(table).getByRole('cell', { name: 'Observado (≤ 95 %)' })).toBeTruthy();
  expect(within(table).getByRole('cell', { name: 'Aceptado (> 95 %)' })).toBeTruthy();
  expect(screen.getByText(/Todo el período/).textContent).toContain('95,6 % Aceptado (> 95 %)');
});

it('opens the cases behind a month’s figure', async () => {
  const onDrill = vi.fn();
  render(<IndicatorPanel data={data} onDrill={onDrill} mask />);
  await userEvent.click(screen.getByRole('button', { name: '19 de 20 no anuladas' }));
  expect(onDrill).toHaveBeenCalledWith({
    source: 'indicator',
    cell: { month: '2026-02' },
    title: 'Órdenes en riesgo de anulación, cerradas en feb 2026',
  });
  const table = screen.getByRole('table', { name: 'Indicador de anulaciones por mes' });
  await userEvent.click(within(table).getAllByRole('button', { name: '1' })[1]!);
  expect(onDrill).toHaveBeenLastCalledWith(
    expect.objectContaining({ source: 'indicator', cell: { month: '2026-03', outcome: 'anulada' } }),
  );
});
