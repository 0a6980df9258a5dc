import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  callItem,
  incomingCount,
  launchBrowser,
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

/**
 * Transfers that really reach the other party: every party is a Chromium page running sip.js with
 * real WebRTC media through rtpengine. The customer is a WebRTC phone that follows REFER as a
 * transferee does (sipp cannot place the new call itself).
 */

const CUSTOMER = 'sip:+56944556677@companion.test';
const CASE_ID = 'CASE-2026-0042';

let browser: Browser;
let context: BrowserContext;
let agent: Page;
let desk: Page;
let consultTarget: Page;
let customer: Page;
const timings: Record<string, number> = {};

beforeAll(async () => {
  ({ browser, context } = await launchBrowser());
  agent = await openLine(context, {
    uri: 'sip:1001@companion.test',
    password: 'secret',
    caseId: CASE_ID,
    // sip.js transferees send no NOTIFY: the customer's BYE (or this wait) settles the transfer.
    transferNotifyTimeoutMs: '15000',
  });
  [desk, consultTarget, customer] = await Promise.all([
    openParty(browser, { uri: 'sip:26939901@companion.test', register: true, autoAnswer: true }),
    openParty(browser, { uri: 'sip:2000@companion.test', register: true, autoAnswer: true }),
    openParty(browser, { uri: CUSTOMER }),
  ]);
  await waitForLine(agent, 'En línea');
});

afterEach(async () => {
  if (agent) await hangupLeftovers(agent);
});

afterAll(async () => {
  console.log('transfer e2e timings', timings);
  for (const p of [desk, consultTarget, customer]) if (p) await stopParty(p);
  if (agent) await stopLine(agent);
  await browser?.close();
});

/** The WebRTC customer calls the agent, who answers; returns the agent's call id and the customer's. */
async function customerCallsAndAgentAnswers(): Promise<{ callId: string; customerCallId: string }> {
  const already = await incomingCount(agent);
  const customerCallId = await customer.evaluate(() => window.party.call('sip:1001@companion.test'));
  const seen = await nextIncoming(agent, already);
  expect(seen.callerId).toMatchObject({ number: '+56944556677', numberSource: 'from' });
  const item = callItem(agent, seen.callId);
  await item.getByRole('button', { name: 'Contestar' }).click();
  await item.locator('[data-call-phase="active"]').waitFor({ timeout: 15_000 });
  await expect.poll(() => partyCallState(customer, customerCallId), { timeout: 10_000 }).toBe('Established');
  return { callId: seen.callId, customerCallId };
}

async function audioPackets(p: Page, callId: string): Promise<number> {
  return p.evaluate((id) => window.party.audioPacketsReceived(id), callId);
}

describe('transfers that reach the other party', () => {
  it('blind transfer: the Telecobranzas desk gets the customer, with the case id; the agent leg ends', async () => {
    const { callId, customerCallId } = await customerCallsAndAgentAnswers();
    const item = callItem(agent, callId);
    const deskCallsBefore = (await desk.evaluate(() => window.party.calls.length)) ?? 0;

    const transferAt = Date.now();
    await item.getByRole('button', { name: 'Transferir a Telecobranzas' }).click();

    const deskCall = await waitForPartyCall(desk, { direction: 'incoming', index: deskCallsBefore });
    timings['Transferir → INVITE at the desk (ms)'] = Date.now() - transferAt;
    expect(deskCall.headers['x-companion-case']).toBe(CASE_ID);
    expect(deskCall.headers['from']).toContain('+56944556677');
    expect(deskCall.headers['referred-by']).toContain('sip:1001@companion.test');
    expect(await customer.evaluate(() => window.party.refers.at(-1))).toBe(
      `sip:26939901@companion.test?X-Companion-Case=${CASE_ID}`,
    );

    await item.locator('[data-call-phase="ended"]').waitFor({ timeout: 15_000 });
    timings['Transferir → agent leg ended (ms)'] = Date.now() - transferAt;
    expect(await item.textContent()).toContain('Llamada transferida a Telecobranzas');
    await expect.poll(() => partyCallState(customer, customerCallId)).toBe('Terminated');

    // Customer and desk now talk, media through rtpengine.
    const customerToDesk = await waitForPartyCall(customer, { referred: true, state: 'Established' });
    await expect.poll(() => audioPackets(desk, deskCall.id), { timeout: 10_000 }).toBeGreaterThan(20);

    const log = await agent.evaluate(() => window.telephonyTest.callLog());
    expect(log.find((e) => e.id === callId)).toMatchObject({
      outcome: 'transferred-telecobranzas',
      transferTarget: '26939901',
      number: '+56944556677',
    });
    await customer.evaluate((id) => window.party.hangup(id), customerToDesk.id);
  });

  it('attended transfer: consult 2000 with the customer on hold, then complete (REFER with Replaces)', async () => {
    const { callId, customerCallId } = await customerCallsAndAgentAnswers();
    const item = callItem(agent, callId);
    const targetCallsBefore = await consultTarget.evaluate(() => window.party.calls.length);

    await item.getByRole('button', { name: 'Consultar…' }).click();
    await item.getByRole('textbox', { name: 'Número a consultar' }).fill('2000');
    const consultAt = Date.now();
    await item.getByRole('button', { name: 'Llamar' }).click();
    await item.getByText(/En consulta con 2000/).waitFor({ timeout: 15_000 });
    timings['Llamar → talking to the consult target, customer held (ms)'] = Date.now() - consultAt;
    expect(await item.locator('[data-call-phase]').first().getAttribute('data-call-phase')).toBe('held');
    const consultLeg = await waitForPartyCall(consultTarget, {
      direction: 'incoming',
      index: targetCallsBefore,
    });

    const completeAt = Date.now();
    await item.getByRole('button', { name: 'Completar transferencia' }).click();
    // The customer calls 2000 with Replaces; 2000 swaps our consult leg for the customer.
    const replacing = await waitForPartyCall(consultTarget, {
      direction: 'incoming',
      index: targetCallsBefore + 1,
    });
    expect(replacing.replaced).toBe(consultLeg.id);
    expect(replacing.headers['replaces']).toMatch(/;to-tag=.+;from-tag=.+/);
    expect(replacing.headers['from']).toContain('+56944556677');
    await expect
      .poll(() => partyCallState(consultTarget, replacing.id), { timeout: 10_000 })
      .toBe('Established');
    await expect.poll(() => partyCallState(consultTarget, consultLeg.id)).toBe('Terminated');

    await item.locator('[data-call-phase="ended"]').waitFor({ timeout: 15_000 });
    timings['Completar → customer with 2000, agent legs ended (ms)'] = Date.now() - completeAt;
    expect(await item.textContent()).toContain('Llamada transferida a 2000');
    await expect.poll(() => partyCallState(customer, customerCallId)).toBe('Terminated');
    await expect
      .poll(() => audioPackets(consultTarget, replacing.id), { timeout: 10_000 })
      .toBeGreaterThan(20);
    const consultCall = (await agent.evaluate(() => window.telephonyTest.callLog())).find(
      (e) => e.consultFor === callId,
    );
    expect(consultCall).toMatchObject({ direction: 'outgoing', label: '2000', outcome: 'answered' });
    await consultTarget.evaluate((id) => window.party.hangup(id), replacing.id);
  });

  it('attended transfer cancelled: back to the customer, the consult call ends and the customer is heard again', async () => {
    const { callId, customerCallId } = await customerCallsAndAgentAnswers();
    const item = callItem(agent, callId);
    const targetCallsBefore = await consultTarget.evaluate(() => window.party.calls.length);

    await item.getByRole('button', { name: 'Consultar…' }).click();
    await item.getByRole('textbox', { name: 'Número a consultar' }).fill('2000');
    await item.getByRole('button', { name: 'Llamar' }).click();
    await item.getByText(/En consulta con 2000/).waitFor({ timeout: 15_000 });
    const consultLeg = await waitForPartyCall(consultTarget, {
      direction: 'incoming',
      index: targetCallsBefore,
    });

    await item.getByRole('button', { name: 'Volver al cliente' }).click();
    await item.getByRole('button', { name: 'En espera' }).waitFor({ timeout: 10_000 });
    expect(await item.locator('[data-call-phase]').first().getAttribute('data-call-phase')).toBe('active');
    await expect.poll(() => partyCallState(consultTarget, consultLeg.id)).toBe('Terminated');
    // Media flows again from the customer to the agent.
    const before = await agent.evaluate(() => window.telephonyTest.audioPacketsReceived());
    await expect
      .poll(async () => (await agent.evaluate(() => window.telephonyTest.audioPacketsReceived())) - before, {
        timeout: 10_000,
      })
      .toBeGreaterThan(20);

    await item.getByRole('button', { name: 'Colgar' }).click();
    await item.locator('[data-call-phase="ended"]').waitFor();
    expect(await item.textContent()).toContain('Llamada contestada');
    await expect.poll(() => partyCallState(customer, customerCallId)).toBe('Terminated');
  });
});
