import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { PROCEDURES, ZB_PROCEDURE } from '.';
import { bpmnIds, procedureToBpmn } from './bpmn';

describe('procedure → BPMN 2.0', () => {
  it.each(Object.values(PROCEDURES))(
    '$id is valid BPMN with a task per step and an end event per end state',
    async (definition) => {
      const { rootElement, warnings } = await new BpmnModdle().fromXML(procedureToBpmn(definition));
      expect(warnings).toEqual([]);
      const process = (
        rootElement as unknown as {
          rootElements: Array<{ flowElements: Array<{ $type: string; id: string; name?: string }> }>;
        }
      ).rootElements[0]!;
      const byType = (type: string) => process.flowElements.filter((e) => e.$type === type).map((e) => e.id);
      expect(byType('bpmn:UserTask').sort()).toEqual(Object.keys(definition.steps).map(bpmnIds.step).sort());
      expect(byType('bpmn:EndEvent').sort()).toEqual(
        Object.keys(definition.endStates).map(bpmnIds.end).sort(),
      );
      expect(byType('bpmn:StartEvent')).toHaveLength(definition.openings.length);
    },
  );

  it('names branches by their action, marks the ones that send mail, and loops updates back', () => {
    const xml = procedureToBpmn(ZB_PROCEDURE);
    expect(xml).toContain('name="Aviso cerrado: instalación apta ✉"');
    expect(xml).toContain(
      `sourceRef="${bpmnIds.gateway('monitorear_aviso')}" targetRef="${bpmnIds.step('monitorear_aviso')}" name="Registrar actualización del aviso / Consultar a C.C. Emergencia ✉"`,
    );
    expect(xml).toContain(
      '<bpmn:userTask id="Paso_verificar_aviso" name="Verificar el aviso EME en la Web Despacho"><bpmn:documentation>Paso 1. Lo atiende: Supervisor de RRSS / Jefe de Servicio.</bpmn:documentation>',
    );
  });
});
