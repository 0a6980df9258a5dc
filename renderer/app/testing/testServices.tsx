// Test support (never imported by shipped code): the services context with only what a test uses.
import type { ReactNode } from 'react';
import { createCallCommands, type CallRegistry } from '../../features/call';
import { dialingLineOf, type TelephonyHandle } from '../../features/line';
import type { AppServices } from '../services';
import { ServicesProvider } from '../servicesContext';

/** Renders `children` with these services; a component reaching for another one fails loudly. */
export function TestServices({
  services,
  children,
}: {
  services: Partial<AppServices>;
  children: ReactNode;
}) {
  const strict = new Proxy(services, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target))
        throw new Error(`service "${key}" not given to the test`);
      return target[key as keyof AppServices];
    },
  }) as AppServices;
  return <ServicesProvider services={strict}>{children}</ServicesProvider>;
}

/** The call commands and line control over a telephony a test started with startTelephony(). */
export function telephonyServices(
  handle: () => TelephonyHandle | null,
  registry: CallRegistry,
): Pick<AppServices, 'calls' | 'line'> {
  return {
    calls: createCallCommands(registry, () => {
      const running = handle();
      return running ? dialingLineOf(running) : null;
    }),
    line: {
      applySettings: async () => null,
      retryNow: () => handle()?.line.retryNow(),
    },
  };
}
