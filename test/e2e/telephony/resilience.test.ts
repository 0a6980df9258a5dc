import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  callItem,
  incomingCount,
  launchBrowser,
  lineText,
  nextIncoming,
  openLine,
  openParty,
  partyCallState,
  stopLine,
  stopParty,
  waitForLine,
  waitForPartyCall,
  hangupLeftovers,
} from './helpers';
import { killSippCalls } from './rig';
import { placeSippCalls } from './sippLoad';

/**
 * The agent's line under the things that happen during a shift: ringing heard through the speakers,
 * a second call while talking (call waiting), and the WebSocket to the PBX dropping mid-call.
 * Customers are WebRTC phones (Chromium + sip.js): they take the re-INVITEs of hold and of the
 * line's recovery, which sipp's scripted customers cannot.
 */

let browser: Browser;
let context: BrowserContext;
let agent: Page;
let customerA: Page;
let customerB: Page;
const timings: Record<string, number> = {};

beforeAll(async () => {
  ({ browser, context } = await launchBrowser());
  agent = await openLine(context, { uri: 'sip:1001@companion.test', password: 'secret' });
  [customerA, customerB] = await Promise.all([
    // Registered: "Devolver llamada" must reach this phone.
    openParty(browser, { uri: 'sip:+56944556677@companion.test', register: true }),
    // A second customer, through the trunk account like a carrier's gateway.
    openParty(browser, { uri: 'sip:+56955555555@companion.test', authUser: 'trunk' }),
  ]);
  await waitForLine(agent, 'En línea');
});

afterEach(async () => {
  if (agent) await hangupLeftovers(agent);
});

afterAll(async () => {
  console.log('resilience e2e timings', timings);
  killSippCalls();
  for (const p of [customerA, customerB]) if (p) await stopParty(p);
  if (agent) await stopLine(agent);
  await browser?.close();
});

type Ring = { playing: boolean; volume: number; time: number } | null;
const ring = (): Promise<Ring> => agent.evaluate(() => window.telephonyTest.ring());

async function partyCalls(party: Page): Promise<{ seenId: string; partyCallId: string }> {
  const already = await incomingCount(agent);
  const partyCallId = await party.evaluate(() => window.party.call('sip:1001@companion.test'));
  const seen = await nextIncoming(agent, already);
  return { seenId: seen.callId, partyCallId };
}

async function answer(callId: string): Promise<void> {
  const item = callItem(agent, callId);
  await item.getByRole('button', { name: 'Contestar' }).click();
  await item.locator('[data-call-phase="active"]').waitFor({ timeout: 15_000 });
}

async function packets(): Promise<number> {
  return agent.evaluate(() => window.telephonyTest.audioPacketsReceived());
}

/** Media keeps arriving: more than `atLeast` new audio packets within a few seconds. */
async function expectMediaFlowing(atLeast = 20): Promise<void> {
  const before = await packets();
  await expect.poll(async () => (await packets()) - before, { timeout: 10_000 }).toBeGreaterThan(atLeast);
}

describe('ringing, call waiting and a dropped connection', () => {
  it('rings through the speakers while a call rings, and stops on answer', async () => {
    const { seenId, partyCallId } = await partyCalls(customerA);
    await expect.poll(async () => (await ring())?.playing, { timeout: 5000 }).toBe(true);
    const first = (await ring())!;
    expect(first.volume).toBe(1);
    // Really playing: the tone advances.
    await expect.poll(async () => (await ring())!.time).toBeGreaterThan(first.time);

    await answer(seenId);
    expect((await ring())?.playing).toBe(false);
    await expectMediaFlowing();
    await customerA.evaluate((id) => window.party.hangup(id), partyCallId);
    await callItem(agent, seenId).locator('[data-call-phase="ended"]').waitFor({ timeout: 10_000 });
  });

  it('call waiting: a second call is shown and rings softly; answering it holds the first', async () => {
    const a = await partyCalls(customerA);
    await answer(a.seenId);
    const b = await partyCalls(customerB);
    const itemA = callItem(agent, a.seenId);
    const itemB = callItem(agent, b.seenId);
    await itemB.getByText('Llamada en espera: contestar pone en espera la actual').waitFor();
    expect(await itemB.locator('.caller').textContent()).toBe('+56955555555');
    await expect.poll(async () => (await ring())?.playing).toBe(true);
    expect((await ring())?.volume).toBe(0.3);

    const answerAt = Date.now();
    await itemB.getByRole('button', { name: 'Contestar' }).click();
    await itemB.locator('[data-call-phase="active"]').waitFor({ timeout: 15_000 });
    timings['Contestar 2nd call → first held, second active (ms)'] = Date.now() - answerAt;
    expect(await itemA.locator('[data-call-phase]').first().getAttribute('data-call-phase')).toBe('held');
    expect((await ring())?.playing).toBe(false);
    await expectMediaFlowing();

    // Done with B: back to A.
    await itemB.getByRole('button', { name: 'Colgar' }).click();
    await itemA.getByRole('button', { name: 'Retomar' }).click();
    await itemA.locator('[data-call-phase="active"]').waitFor({ timeout: 10_000 });
    await expectMediaFlowing();
    await itemA.getByRole('button', { name: 'Colgar' }).click();
    await expect.poll(() => partyCallState(customerA, a.partyCallId)).toBe('Terminated');
    await expect.poll(() => partyCallState(customerB, b.partyCallId)).toBe('Terminated');
  });

  it('WebSocket dropped mid-call: the line comes back, the call goes on and says so, and still ends normally', async () => {
    const { seenId, partyCallId } = await partyCalls(customerA);
    await answer(seenId);
    const item = callItem(agent, seenId);

    const droppedAt = Date.now();
    await agent.evaluate(() => window.telephonyTest.dropConnection());
    await waitForLine(agent, 'En línea', 15_000);
    await item
      .getByText('Se recuperó la conexión con la central; la llamada sigue.')
      .waitFor({ timeout: 15_000 });
    timings['WebSocket dropped → line back and call confirmed (ms)'] = Date.now() - droppedAt;
    const states = await agent.evaluate(() => window.telephonyTest.lineStates);
    expect(states.slice(-3)).toEqual(['offline', 'connecting', 'online']);
    await expectMediaFlowing();

    // The customer's BYE reaches the app over the new connection (the re-INVITE told him where we are).
    await customerA.evaluate((id) => window.party.hangup(id), partyCallId);
    await item.locator('[data-call-phase="ended"]').waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('Llamada contestada');
  });

  it('WebSocket down while the customer hangs up: once back, the call says it ended while offline', async () => {
    const { seenId, partyCallId } = await partyCalls(customerA);
    await answer(seenId);
    const item = callItem(agent, seenId);

    await agent.evaluate(() => {
      window.telephonyTest.refuseConnections(true);
      window.telephonyTest.dropConnection();
    });
    await waitForLine(agent, /^Sin conexión — reintentando en \d+ s$/, 10_000);
    await item.getByText('Sin conexión con la central').waitFor();
    expect(await item.textContent()).toContain(
      'Se perdió la conexión con la central; la llamada puede cortarse.',
    );

    await customerA.evaluate((id) => window.party.hangup(id), partyCallId);
    await expect.poll(() => partyCallState(customerA, partyCallId)).toBe('Terminated');
    expect(await item.locator('[data-call-phase]').first().getAttribute('data-call-phase')).toBe('active');

    await agent.evaluate(() => window.telephonyTest.refuseConnections(false));
    await waitForLine(agent, 'En línea', 15_000);
    await item.locator('[data-call-phase="ended"]').waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toContain(
      'La llamada terminó mientras no había conexión con la central.',
    );
    expect(await item.textContent()).toContain('Llamada contestada');
  });

  it('invents no call for what rang while the line was down', async () => {
    const logBefore = (await agent.evaluate(() => window.telephonyTest.callLog())).length;
    const incomingBefore = await incomingCount(agent);
    await agent.evaluate(() => {
      window.telephonyTest.refuseConnections(true);
      window.telephonyTest.dropConnection();
    });
    await waitForLine(agent, /^Sin conexión/, 10_000);

    const lost = await customerB.evaluate(() => window.party.call('sip:1001@companion.test'));
    // The PBX cannot reach the agent: the caller's attempt fails there.
    await expect.poll(() => partyCallState(customerB, lost), { timeout: 15_000 }).toBe('Terminated');

    await agent.evaluate(() => window.telephonyTest.refuseConnections(false));
    await waitForLine(agent, 'En línea', 15_000);
    expect(await incomingCount(agent)).toBe(incomingBefore);
    expect((await agent.evaluate(() => window.telephonyTest.callLog())).length).toBe(logBefore);
    expect(await lineText(agent)).toBe('En línea');
  });

  it('a missed call is listed under Perdidas, and "Devolver llamada" rings the customer back', async () => {
    const { seenId, partyCallId } = await partyCalls(customerA);
    await customerA.evaluate((id) => window.party.hangup(id), partyCallId);
    await callItem(agent, seenId).getByText('Llamada perdida').waitFor({ timeout: 10_000 });
    const missed = agent.getByRole('region', { name: 'Perdidas' }).locator(`li[data-call-id="${seenId}"]`);
    await missed.waitFor();
    expect(await missed.textContent()).toContain('+56944556677');

    const incomingBefore = await customerA.evaluate(
      () => window.party.calls.filter((c) => c.direction === 'incoming').length,
    );
    await missed.getByRole('button', { name: 'Devolver llamada' }).click();
    const callBack = await waitForPartyCall(customerA, { direction: 'incoming', index: incomingBefore });
    expect(callBack.headers['from']).toContain('sip:1001@companion.test');
    await missed.getByText(/Devuelta \d\d:\d\d/).waitFor();

    await customerA.evaluate((id) => window.party.answer(id), callBack.id);
    const log = () => agent.evaluate(() => window.telephonyTest.callLog());
    const outgoing = (await log()).find((e) => e.direction === 'outgoing' && e.number === '+56944556677');
    expect(outgoing).toBeDefined();
    const item = callItem(agent, outgoing!.id);
    await item.locator('[data-call-phase="active"]').waitFor({ timeout: 15_000 });
    await expectMediaFlowing();
    await item.getByRole('button', { name: 'Colgar' }).click();
    await item.locator('[data-call-phase="ended"]').waitFor();
    expect((await log()).find((e) => e.id === outgoing!.id)).toMatchObject({ outcome: 'answered' });
  });

  it('a burst of callers (sipp): every call pops with its number, and each unanswered one is "perdida"', async () => {
    const callers = ['+56944556677', '+56951234567', '+56223456789', '+56987654321', '+56911111111'];
    const already = await incomingCount(agent);
    const burst = placeSippCalls({ callers, ratePerSecond: 5, ringMs: 1500 });
    await agent.waitForFunction((n) => window.telephonyTest.incoming.length >= n, already + callers.length, {
      timeout: 20_000,
    });
    const seen = await agent.evaluate((n) => window.telephonyTest.incoming.slice(n), already);
    expect(seen.map((c) => c.callerId.number)).toEqual(callers);
    const { code, output } = await burst.done;
    expect(code, output).toBe(0);
    const log = await agent.evaluate(() => window.telephonyTest.callLog());
    for (const call of seen) {
      expect(log.find((e) => e.id === call.callId)).toMatchObject({
        outcome: 'missed',
        number: call.callerId.number,
      });
    }
  });
});
