// What every panel of the board shares: its props, the period it speaks of, its figure tiles.
import type { WidgetData } from './boardApi';
import type { DrillRequest } from './columns';
import { formatDay } from './format';

export interface PanelProps<W extends keyof WidgetData> {
  data: WidgetData[W];
  onDrill: (request: DrillRequest) => void;
  mask: boolean;
}

/** "del 01-02 al 10-03" */
export function period(data: { filters: { from: string; to: string } }): string {
  return `del ${formatDay(data.filters.from)} al ${formatDay(data.filters.to)}`;
}

export function Kpis({ items }: { items: Array<{ label: string; value: string; drill?: () => void }> }) {
  return (
    <dl className="board-kpis">
      {items.map((item) => (
        <div key={item.label} className="board-kpi">
          <dt>{item.label}</dt>
          <dd>
            {item.drill ? (
              <button type="button" className="board-num board-num--big" onClick={item.drill}>
                {item.value}
              </button>
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
