import { describe, expect, it, vi } from 'vitest';
import { CollectionsTransfer, type CollectionsFormQueued } from './collectionsTransfer';

function setup() {
  const calls = { transfer: vi.fn(async () => ({ ok: true }) as const) };
  const collections = new CollectionsTransfer({ calls, telecobranzasNumber: () => '26930000' });
  return { calls, collections };
}

const queued = (result: CollectionsFormQueued) => async (): Promise<CollectionsFormQueued> => result;

describe('collections transfer (the pop window\'s "Transferir a Telecobranzas")', () => {
  it('queues the offered form first and carries its id as the case, to the configured number', async () => {
    const { calls, collections } = setup();
    collections.offer('c1', queued({ ok: true, entryId: 'form-1' }));
    expect(await collections.transfer('c1')).toEqual({ ok: true });
    expect(calls.transfer).toHaveBeenCalledWith('c1', '26930000', { caseId: 'form-1' });
  });

  it('does not transfer when the form could not be queued, and says why', async () => {
    const { calls, collections } = setup();
    collections.offer('c1', queued({ ok: false, reason: 'not-saved' }));
    expect(await collections.transfer('c1')).toEqual({
      ok: false,
      reason: 'no se pudo guardar el formulario de Telecobranzas; revíselo en «Abrir ficha»',
    });
    expect(calls.transfer).not.toHaveBeenCalled();
  });

  it("another call's form is not used: that transfer is a plain one", async () => {
    const { calls, collections } = setup();
    collections.offer('c2', queued({ ok: true, entryId: 'form-2' }));
    await collections.transfer('c1');
    expect(calls.transfer).toHaveBeenCalledWith('c1', '26930000', { caseId: null });
  });

  it('tells its listeners when a form comes and goes; an old withdrawal leaves a newer offer in place', () => {
    const { collections } = setup();
    const changed = vi.fn();
    collections.subscribe(changed);
    const withdrawFirst = collections.offer('c1', queued({ ok: true, entryId: 'a' }));
    const withdrawSecond = collections.offer('c1', queued({ ok: true, entryId: 'b' }));
    withdrawFirst();
    expect(collections.callsWithForm()).toEqual(['c1']);
    withdrawSecond();
    expect(collections.callsWithForm()).toEqual([]);
    expect(changed).toHaveBeenCalledTimes(3);
  });
});
