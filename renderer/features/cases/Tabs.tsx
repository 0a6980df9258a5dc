import { useId, useRef, type ReactNode } from 'react';

interface Props {
  label: string;
  tabs: ReadonlyArray<{ id: string; label: string }>;
  current: string;
  onChange: (id: string) => void;
  children: ReactNode;
}

/** WAI-ARIA tabs: Tab reaches the selected one, arrows/Home/End move between them. */
export function Tabs({ label, tabs, current, onChange, children }: Props) {
  const prefix = useId();
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const move = (index: number) => {
    const next = (index + tabs.length) % tabs.length;
    onChange(tabs[next]!.id);
    buttons.current[next]?.focus();
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs__list">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${prefix}-${tab.id}`}
            aria-selected={tab.id === current}
            aria-controls={`${prefix}-panel`}
            tabIndex={tab.id === current ? 0 : -1}
            onClick={() => onChange(tab.id)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight') move(index + 1);
              else if (event.key === 'ArrowLeft') move(index - 1);
              else if (event.key === 'Home') move(0);
              else if (event.key === 'End') move(tabs.length - 1);
              else return;
              event.preventDefault();
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${prefix}-panel`}
        aria-labelledby={`${prefix}-${current}`}
        className="tabs__panel"
      >
        {children}
      </div>
    </div>
  );
}
