import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { layoutProcess } from 'bpmn-auto-layout';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';
import { bpmnIds, procedureToBpmn } from '../../../shared/procedures/bpmn';
import type { ProcedureDefinition } from '../../../shared/procedures';
import './bpmn.css';

interface Props {
  definition: ProcedureDefinition;
  /** Where the case is: its current step, or the end state it reached. */
  current: { step: string | null; endState: string | null };
  /** Steps the case went through (from its history). */
  visited: readonly string[];
}

interface Canvas {
  addMarker(element: string, marker: string): void;
  zoom(level: 'fit-viewport', center?: 'auto'): void;
}

/**
 * The procedure drawn in BPMN 2.0 (bpmn-js viewer, laid out by bpmn-auto-layout from the
 * definition), the case's current step marked. Loaded only when a user opens the diagram: the
 * viewer and its layout are a separate chunk, never part of the agent desk.
 */
export default function BpmnView({ definition, current, visited }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let cancelled = false;
    void (async () => {
      try {
        const xml = await layoutProcess(procedureToBpmn(definition));
        if (cancelled) return;
        await viewer.importXML(xml);
        const canvas = viewer.get<Canvas>('canvas');
        for (const step of visited)
          if (definition.steps[step]) canvas.addMarker(bpmnIds.step(step), 'case-visited');
        if (current.step) canvas.addMarker(bpmnIds.step(current.step), 'case-current');
        if (current.endState) canvas.addMarker(bpmnIds.end(current.endState), 'case-current');
        canvas.zoom('fit-viewport', 'auto');
      } catch (cause) {
        if (!cancelled)
          setError(
            `No se pudo dibujar el diagrama (${cause instanceof Error ? cause.message : String(cause)}).`,
          );
      }
    })();
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [definition, current.step, current.endState, visited]);

  const where = current.step
    ? `paso actual: ${definition.steps[current.step]?.title ?? current.step}`
    : `terminado: ${current.endState ? (definition.endStates[current.endState]?.label ?? current.endState) : ''}`;
  return (
    <figure className="bpmn">
      <div
        ref={container}
        className="bpmn__canvas"
        role="group"
        aria-label={`Diagrama BPMN de «${definition.title}», ${where}`}
      />
      <figcaption className="muted small">
        BPMN 2.0 · en azul, {where}; en verde, los pasos por los que pasó el caso. Arrastre para mover, rueda
        para acercar.
      </figcaption>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </figure>
  );
}
