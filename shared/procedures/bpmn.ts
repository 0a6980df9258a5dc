/**
 * A procedure as BPMN 2.0, the notation vtenext and Camunda users read: one start event per way a
 * case opens, a user task per step (the roles acting there in its documentation), an exclusive gateway where
 * a step branches (each flow named by its action; ✉ when it sends a mail; updates loop back),
 * an end event per end state. Semantic model only: the viewer lays it out (bpmn-auto-layout) and
 * marks the case's current step. Element ids are stable, derived from the definition's ids.
 */
import { roleLabels } from './roles';
import type { ProcedureDefinition } from './types';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const bpmnIds = {
  step: (id: string) => `Paso_${id}`,
  end: (id: string) => `Fin_${id}`,
  start: (id: string) => `Inicio_${id}`,
  gateway: (id: string) => `Decision_${id}`,
};

interface Flow {
  id: string;
  source: string;
  target: string;
  name?: string;
}

export function procedureToBpmn(definition: ProcedureDefinition): string {
  const nodes: string[] = [];
  const flows: Flow[] = [];
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  const flow = (source: string, target: string, name?: string) => {
    const id = `Flujo_${flows.length + 1}`;
    flows.push({ id, source, target, name });
    outgoing.set(source, [...(outgoing.get(source) ?? []), id]);
    incoming.set(target, [...(incoming.get(target) ?? []), id]);
  };

  for (const opening of definition.openings) {
    flow(bpmnIds.start(opening.id), bpmnIds.step(opening.target.step));
  }
  for (const step of Object.values(definition.steps)) {
    const from = bpmnIds.step(step.id);
    const named = step.actions.map((action) => {
      const target =
        'step' in action.target
          ? bpmnIds.step(action.target.step)
          : 'end' in action.target
            ? bpmnIds.end(action.target.end)
            : from;
      return { target, name: `${action.label}${action.mails?.length ? ' ✉' : ''}` };
    });
    // Updates that stay in the step share one loop back (one flow per target, names joined).
    const branches = [...new Set(named.map((b) => b.target))].map((target) => ({
      target,
      name: named
        .filter((b) => b.target === target)
        .map((b) => b.name)
        .join(' / '),
    }));
    if (branches.length === 1 && branches[0]!.target !== from) {
      flow(from, branches[0]!.target, branches[0]!.name);
    } else {
      const gateway = bpmnIds.gateway(step.id);
      flow(from, gateway);
      for (const branch of branches) flow(gateway, branch.target, branch.name);
    }
  }

  const refs = (id: string) =>
    [
      ...(incoming.get(id) ?? []).map((f) => `<bpmn:incoming>${f}</bpmn:incoming>`),
      ...(outgoing.get(id) ?? []).map((f) => `<bpmn:outgoing>${f}</bpmn:outgoing>`),
    ].join('');

  for (const opening of definition.openings) {
    const id = bpmnIds.start(opening.id);
    const inner = opening.source === 'form' ? '<bpmn:messageEventDefinition />' : '';
    nodes.push(
      `<bpmn:startEvent id="${id}" name="${escapeXml(opening.label)}">${refs(id)}${inner}</bpmn:startEvent>`,
    );
  }
  for (const step of Object.values(definition.steps)) {
    const id = bpmnIds.step(step.id);
    // The roles go in the task's documentation: in the name they would not fit the drawn box.
    const documentation = `<bpmn:documentation>${escapeXml(`${step.ref}. Lo atiende: ${roleLabels(step.roles)}.`)}</bpmn:documentation>`;
    nodes.push(
      `<bpmn:userTask id="${id}" name="${escapeXml(step.title)}">${documentation}${refs(id)}</bpmn:userTask>`,
    );
    const gateway = bpmnIds.gateway(step.id);
    if (outgoing.has(gateway)) {
      nodes.push(`<bpmn:exclusiveGateway id="${gateway}">${refs(gateway)}</bpmn:exclusiveGateway>`);
    }
  }
  for (const end of Object.values(definition.endStates)) {
    const id = bpmnIds.end(end.id);
    nodes.push(`<bpmn:endEvent id="${id}" name="${escapeXml(end.label)}">${refs(id)}</bpmn:endEvent>`);
  }
  const flowXml = flows.map(
    (f) =>
      `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.source}" targetRef="${f.target}"${f.name ? ` name="${escapeXml(f.name)}"` : ''} />`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definiciones_' +
      definition.id +
      '" targetNamespace="https://companion.example/procedimientos">',
    `<bpmn:process id="Proceso_${definition.id}" name="${escapeXml(`${definition.code} — ${definition.title}`)}" isExecutable="false">`,
    ...nodes,
    ...flowXml,
    '</bpmn:process>',
    '</bpmn:definitions>',
  ].join('\n');
}
