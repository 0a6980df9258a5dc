import { GUIDANCE, type Guidance } from './guidance';

/**
 * Seed 001, the post-sale typology (Asunto → item → sub-item), as data: every leaf in the seed's
 * words (typos corrected: "fuera de normal" → "fuera de norma", "razon" → "razón") and what the agent
 * does with it: a ticket (with its form) or guidance (no ticket; where the case goes instead).
 *
 * Ids are explicit and stable: the server keys its ticket types by them, so correcting a label
 * never makes a new type. Never reuse or change an id; retire a leaf by removing it.
 */

/** The forms a post-sale ticket is captured with (shared/forms). */
export type PostSaleFormId = 'postventa' | 'postventaMotivo';

/** Insistence on an earlier ticket (seed 001, "No conforme con atención de requerimiento"). */
export type Insistence = 'fuera-de-plazo' | 'inconformidad';

export type LeafOutcome =
  | {
      kind: 'ticket';
      form: PostSaleFormId;
      /**
       * Business days from creation to the promised resolution date. PLACEHOLDERS: today's 2/5/10
       * calendar days of migration 002 read as business days, until the back office gives the real
       * ones; an admin edits them on the server (PUT /admin/ticket-types/:id) without a migration.
       */
      defaultDueBusinessDays: number;
      /** The ticket must name the customer's earlier ticket it insists on. */
      insistence?: Insistence;
      /** Walk the seed's steps first; a ticket only when they do not apply (trasvasije.ts). */
      walkthrough?: 'trasvasije';
    }
  | { kind: 'guidance'; guidance: Guidance };

interface Node {
  id: string;
  label: string;
  /** The seed's explanation of the item, shown with it. */
  note?: string;
  children?: Node[];
  outcome?: LeafOutcome;
}

export interface Asunto {
  id: string;
  label: string;
  items: Node[];
}

export interface TypologyLeaf {
  /** "asunto.item[.subitem]", stable. */
  id: string;
  asunto: string;
  item: string;
  /** null when the item itself is the leaf (e.g. "Otros (Servicio)"). */
  subitem: string | null;
  /** The leaf's own words: the sub-item, or the item when it has none. */
  label: string;
  note: string | null;
  outcome: LeafOutcome;
}

const ticket = (
  id: string,
  label: string,
  days: number,
  extra: Partial<Extract<LeafOutcome, { kind: 'ticket' }>> = {},
): Node => ({
  id,
  label,
  outcome: { kind: 'ticket', form: 'postventa', defaultDueBusinessDays: days, ...extra },
});

const guidance = (id: string, label: string, text: Guidance, note?: string): Node => ({
  id,
  label,
  ...(note ? { note } : {}),
  outcome: { kind: 'guidance', guidance: text },
});

const item = (id: string, label: string, children: Node[], note?: string): Node => ({
  id,
  label,
  children,
  ...(note ? { note } : {}),
});

// Placeholder due days, per the groups of migration 002 (see LeafOutcome.defaultDueBusinessDays).
const SERVICIO = 5;
const PAGOS = 5;
const PROYECTO = 10;
const FUGA = 2;
const DISTRIBUIDORA = 10;

export const TYPOLOGY: Asunto[] = [
  {
    id: 'servicio',
    label: 'Servicio',
    items: [
      item(
        'problemas-instalacion',
        'Problemas con instalación',
        [
          ticket('fuera-norma-informado', 'Instalación fuera de norma, cliente informado', SERVICIO),
          ticket('fuera-norma-no-informado', 'Instalación fuera de norma, cliente no informado', SERVICIO),
          guidance('marcador-pegado', 'Marcador de % pegado', GUIDANCE.marcadorPegado),
        ],
        'Cliente informa que la instalación del tanque presenta inconvenientes de cualquier tipo, puede estar fuera de norma.',
      ),
      guidance('cotizacion-tanque', 'Cotización de tanque', GUIDANCE.cotizacionTanque),
      item('mala-atencion-terreno', 'Mala atención personal de terreno', [
        ticket('por-trato', 'Por trato', SERVICIO),
        ticket('por-informacion', 'Por información', SERVICIO),
      ]),
      guidance('retiro-tanque', 'Retiro de tanque', GUIDANCE.retiroTanque),
      ticket('precio-fecha-entrega', 'No respetan precio de fecha de entrega', SERVICIO),
      item('tipo-camion', 'Solicita entrega en tipo de camión X', [
        ticket('no-corresponde-cambio', 'No corresponde cambio', SERVICIO),
        ticket('camion-modificado', 'Camión modificado', SERVICIO),
      ]),
      item('problema-bloqueo', 'Problema de bloqueo', [
        ticket('fuera-de-norma', 'Fuera de norma', SERVICIO),
        ticket('pagos-pendientes', 'Pagos pendientes', SERVICIO),
        ticket('duplicidad', 'Duplicidad', SERVICIO),
        // The seed lists it here and also says "no ingresar postventa bajo Cambio de razón social":
        // guidance, not a ticket (decision in the README, "Post-sale typology").
        guidance('cambio-razon-social', 'Cambio de razón social', GUIDANCE.bloqueoCambioRazonSocial),
        ticket('en-certificacion', 'En proceso de certificación', SERVICIO),
        ticket('error-creacion', 'Error de creación', SERVICIO),
        ticket('sin-consumo', 'Sin consumo', SERVICIO),
        ticket('requiere-visita', 'Instalación requiere visita', SERVICIO),
      ]),
      item('abastecen-mas', 'Abastecen más de lo solicitado', [
        ticket('error-tripulacion', 'Error tripulación', SERVICIO),
        ticket('solicitud-cliente', 'Solicitud cliente', SERVICIO),
      ]),
      item('abastecen-menos', 'Abastecen menos de lo solicitado', [
        ticket('capacidad-tanque', 'Capacidad tanque', SERVICIO),
        ticket('responsabilidad-cliente', 'Responsabilidad cliente', SERVICIO),
        ticket('error-tripulacion', 'Error tripulación', SERVICIO),
        ticket('problemas-marcador', 'Problemas en marcador %', SERVICIO),
        ticket('camion-sin-gas', 'Camión sin gas', SERVICIO),
      ]),
      item('mala-atencion', 'Mala atención', [
        ticket('telefonica', 'Telefónica (mala atención telefónica/presencial)', SERVICIO),
        ticket('personal-req', 'Personal de req', SERVICIO),
      ]),
      item('atencion-emergencias', 'Mala o no atención de emergencias', [
        ticket('en-visita', 'En visita', SERVICIO),
        ticket('inconformidad-solucion', 'Por inconformidad de solución', SERVICIO),
      ]),
      item('pedido-no-registrado', 'Pedido no registrado', [
        ticket('error-ejecutivo', 'Por error de ejecutivo / Call Center', SERVICIO),
        ticket('error-sistema', 'Por error de sistema / APP - Sitio web', SERVICIO),
      ]),
      guidance('pedido-no-entregado', 'Pedido no entregado', GUIDANCE.pedidoNoEntregado),
      item('pedido-mal-registrado', 'Pedido mal registrado', [
        ticket('error-ejecutivo', 'Por error de ejecutivo / Call Center - Sitio web', SERVICIO),
        ticket('error-cliente', 'Por error de cliente / APP - Sitio web', SERVICIO),
      ]),
      guidance('danos-propiedad', 'Daños a la propiedad', GUIDANCE.danosPropiedad),
      guidance(
        'reinspeccion-tanque',
        'Proceso de reinspección de tanque (tanque vencido)',
        GUIDANCE.reinspeccionTanque,
      ),
      {
        ...ticket(
          'antecedentes-sec',
          'Problemas con entrega de antecedentes de Inscripción SEC Certificación Instalaciones',
          SERVICIO,
        ),
        note: 'Cliente indica no haber recibido documentación SEC certificando instalación.',
      },
      item(
        'no-conforme',
        'No conforme con atención de requerimiento',
        [
          ticket('fuera-de-plazo', 'Respuesta fuera de plazo', SERVICIO, { insistence: 'fuera-de-plazo' }),
          ticket('inconformidad', 'Inconformidad en la respuesta', SERVICIO, { insistence: 'inconformidad' }),
        ],
        'Insistencia del cliente sobre un requerimiento anterior ya creado: el ticket nuevo se vincula al anterior.',
      ),
      {
        ...ticket('otros', 'Otros (Servicio)', SERVICIO, { form: 'postventaMotivo' }),
        note: 'Cualquier caso no contenido en la tipología entregada relacionado con el servicio. Se debe especificar en la descripción el motivo al cual se refiere.',
      },
    ],
  },
  {
    id: 'pagos',
    label: 'Pagos',
    items: [
      item('relativos-pago', 'Relativos al pago', [
        ticket('formas-pago', 'Por formas de pago', PAGOS),
        ticket('debe-vuelto', 'Debe vuelto', PAGOS),
        ticket('debe-factura', 'Debe factura', PAGOS),
        ticket('cobros-tarjetas', 'Cobros irregulares con tarjetas', PAGOS),
        ticket('error-cobro', 'Error en cobro', PAGOS),
        ticket('inconformidad-precios', 'Inconformidad en precios', PAGOS),
        ticket('transaccion', 'No se puede realizar transacción', PAGOS),
        ticket('campanas', 'Campañas promocionales', PAGOS),
        ticket('nc-retiro-gas', 'NC pendiente por retiro de gas', PAGOS),
      ]),
      guidance('otros', 'Otros (Pagos)', GUIDANCE.otrosPagos),
      guidance('no-recibe-factura', 'No recibe factura', GUIDANCE.noRecibeFactura),
      ticket('trasvasije', 'Devolución por trasvasije de gas', PAGOS, { walkthrough: 'trasvasije' }),
    ],
  },
  {
    id: 'postventa',
    label: 'Postventa',
    items: [
      item('cambio-ubicacion', 'Cambio ubicación tanque', [
        ticket('no-factibilidad', 'No factibilidad técnica', PROYECTO),
        ticket('no-aprueba-presupuesto', 'No aprueba presupuesto', PROYECTO),
        ticket('nuevo-proyecto', 'Generación nuevo proyecto', PROYECTO),
      ]),
      guidance('cambio-razon-social', 'Cambio razón social', GUIDANCE.cambioRazonSocial),
      item('fuga', 'Atención comercial por fuga', [
        ticket('exterior', 'Fuga redes exterior', FUGA),
        ticket('interiores', 'Fuga redes interiores', FUGA),
      ]),
      item('normalizacion', 'Normalización instalación', [
        ticket('cliente', 'Normalización por parte de cliente', PROYECTO),
        ticket('abastible', 'Normalización por parte de Abastible', PROYECTO),
      ]),
      item('aereo-subterraneo', 'Cambio de tanques aéreos a subterráneos', [
        ticket('cambio', 'Cambio de tanques aéreos a subterráneos', PROYECTO),
      ]),
      item('acceso-camion', 'Problema acceso camión', [
        ticket('acceso-camion', 'Problema acceso camión', SERVICIO),
      ]),
      item('cambio-formato', 'Cambio formato tanque', [
        ticket('no-factibilidad', 'No factibilidad técnica', PROYECTO),
        ticket('no-aprueba-presupuesto', 'No aprueba presupuesto', PROYECTO),
        ticket('nuevo-proyecto', 'Generación nuevo proyecto', PROYECTO),
      ]),
    ],
  },
  {
    id: 'distribuidora',
    label: 'Cambio de Empresa Distribuidora',
    items: [
      item('cambio-distribuidora', 'Cambio de Empresa Distribuidora', [
        ticket('solicitud', 'Solicitud de cambio', DISTRIBUIDORA),
        ticket('cronogramas', 'Cronogramas', DISTRIBUIDORA),
        ticket('plazos', 'Plazos de ejecución cambios', DISTRIBUIDORA),
        ticket('trabajos', 'Trabajos efectuados', DISTRIBUIDORA),
        ticket('retiro-instalaciones', 'Retiro de instalaciones', DISTRIBUIDORA),
        ticket('senaletica', 'Restitución señalética', DISTRIBUIDORA),
        ticket('habilitacion', 'Habilitación del servicio/deuda', DISTRIBUIDORA),
        ticket('otros', 'Otros', DISTRIBUIDORA),
      ]),
    ],
  },
];

function flatten(): TypologyLeaf[] {
  const leaves: TypologyLeaf[] = [];
  for (const asunto of TYPOLOGY) {
    for (const node of asunto.items) {
      if (node.outcome) {
        leaves.push({
          id: `${asunto.id}.${node.id}`,
          asunto: asunto.label,
          item: node.label,
          subitem: null,
          label: node.label,
          note: node.note ?? null,
          outcome: node.outcome,
        });
      }
      for (const child of node.children ?? []) {
        if (!child.outcome) throw new Error(`typology: ${node.id}.${child.id} has no outcome`);
        leaves.push({
          id: `${asunto.id}.${node.id}.${child.id}`,
          asunto: asunto.label,
          item: node.label,
          subitem: child.label,
          label: child.label,
          note: child.note ?? node.note ?? null,
          outcome: child.outcome,
        });
      }
    }
  }
  return leaves;
}

/** Every leaf, in the seed's order. */
export const LEAVES: readonly TypologyLeaf[] = flatten();

const BY_ID = new Map(LEAVES.map((leaf) => [leaf.id, leaf]));

export function leafById(id: string): TypologyLeaf | undefined {
  return BY_ID.get(id);
}

export type TicketLeaf = TypologyLeaf & { outcome: Extract<LeafOutcome, { kind: 'ticket' }> };
export type GuidanceLeaf = TypologyLeaf & { outcome: Extract<LeafOutcome, { kind: 'guidance' }> };

export function isTicketLeaf(leaf: TypologyLeaf): leaf is TicketLeaf {
  return leaf.outcome.kind === 'ticket';
}

/** The leaves that become tickets: the server's ticket types are exactly these. */
export const TICKET_LEAVES: readonly TicketLeaf[] = LEAVES.filter(isTicketLeaf);

/** "Servicio › Problema de bloqueo › Fuera de norma" */
export function leafPath(leaf: Pick<TypologyLeaf, 'asunto' | 'item' | 'subitem'>): string {
  return [leaf.asunto, leaf.item, leaf.subitem].filter(Boolean).join(' › ');
}

/** The Z4 pop-up's ticket (seed 000): «Problema de bloqueo», fuera de norma. */
export const BLOCK_PROBLEM_LEAF_ID = 'servicio.problema-bloqueo.fuera-de-norma';
