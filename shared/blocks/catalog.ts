import type { FormId } from '../forms/fields';
import type { AreaId } from './areas';
import type { KnownBlockCode } from './codes';

/** Telecobranzas direct line (seed 000: "fono directo: 26939901"). */
export const TELECOBRANZAS_NUMBER = '26939901';

/**
 * What the agent does with a pop-up:
 * - form: fill the form; "OK" sends it to the responsible area.
 * - ticket: check the ticket history first, then (maybe) the post-sale ticket form.
 * - search: no form (Z3 only): look for another, enabled record.
 */
export type PopupKind = 'form' | 'ticket' | 'search';

export interface BlockDefinition {
  /** Catalog key: a known code, or 'TC' for Z1 and every collections-format code. */
  key: KnownBlockCode | 'TC';
  title: string;
  kind: PopupKind;
  area: AreaId;
  form: FormId | null;
  /** Script for the agent, paragraph by paragraph (from seed 000). */
  script: string[];
}

export const TELECOBRANZAS_BLOCK: BlockDefinition = {
  key: 'TC',
  title: 'Bloqueo de Telecobranzas',
  kind: 'form',
  area: 'telecobranzas',
  form: 'telecobranzas',
  script: [
    'Informe al cliente que su pedido no se puede registrar: la cuenta tiene un bloqueo de Telecobranzas (factura pendiente o tema de crédito).',
    'Ofrezca las 2 opciones de gestión:',
    '1. Tomar los datos de este formulario: la persona encargada de su cuenta lo contactará para dar una solución. Es la opción recomendada, porque el fono de Telecobranzas tiene una gran cantidad de llamadas.',
    `2. Transferir la llamada al fono directo de Telecobranzas (${TELECOBRANZAS_NUMBER}), donde lo atenderán directamente.`,
    'Al presionar OK se envía un correo automático a Telecobranzas. Si el cliente reclama que ya le tomaron los datos, informe al supervisor.',
  ],
};

export const BLOCK_CATALOG: Record<Exclude<KnownBlockCode, 'Z1'>, BlockDefinition> = {
  Z0: {
    key: 'Z0',
    title: 'Bloqueo en proceso de certificación',
    kind: 'form',
    area: 'instalaciones',
    form: 'certificacion',
    script: [
      'Cliente nuevo en proceso de certificación: el área de Instalaciones aún no registra su visto bueno, por eso no se puede tomar el pedido.',
      'Registre los datos del formulario para informar a Instalaciones que el cliente aún no está habilitado para la toma de pedidos y puedan habilitarlo.',
    ],
  },
  ZA: {
    key: 'ZA',
    title: 'Bloqueo instalación requiere visita',
    kind: 'form',
    area: 'instalaciones',
    form: 'visitaInstalacion',
    script: [
      'La instalación del cliente requiere la visita de un técnico antes de poder tomar pedidos.',
      'Registre en el formulario los datos detallados para gestionar la visita con el área de Instalaciones.',
    ],
  },
  Z3: {
    key: 'Z3',
    title: 'Bloqueo cambio de razón social',
    kind: 'search',
    area: 'supervisor',
    form: null,
    script: [
      'Cliente bloqueado por cambio de razón social. ESTE ES EL ÚNICO CASO EN QUE NO SE LLENA EL POP-UP.',
      'Busque otro cliente habilitado para la toma de pedidos por DIRECCIÓN (comuna y número); también puede aparecer por teléfono o RUT. Tome el pedido con ese código.',
    ],
  },
  Z4: {
    key: 'Z4',
    title: 'Bloqueo instalación fuera de norma',
    kind: 'ticket',
    area: 'postventa',
    form: 'ticketBloqueo',
    script: [
      'La instalación figura «fuera de norma»: un técnico en terreno debe visitarla para regularizarla. Mientras esa visita no se realice no se puede tomar el pedido, por la seguridad del cliente y de la empresa.',
      'Se crea un ticket postventa con la tipificación «Problema de bloqueo», con los datos mínimos: nombre, correo y teléfono.',
      'Antes de crear el ticket se revisa el historial del cliente: si ya tiene un ticket con esa tipificación, NO SE CREA UNO NUEVO; informe la fecha de resolución e indique que debe esperar. Si la fecha ya está vencida y no tiene respuesta, escale con el supervisor.',
    ],
  },
  Z5: {
    key: 'Z5',
    title: 'Bloqueo por tanque retirado',
    kind: 'form',
    area: 'integridad',
    form: 'tanqueRetirado',
    script: [
      'Cliente en proceso de cambio y retiro de tanque que no ha sido contactado.',
      'Registre los datos para derivar el caso a la Subgerencia de Integridad de Instalaciones (gestión a nivel nacional).',
    ],
  },
  Z9: {
    key: 'Z9',
    title: 'Bloqueo sin consumo',
    kind: 'form',
    area: 'visitas',
    form: 'sinConsumo',
    script: [
      'El cliente no ha cumplido el consumo mínimo estipulado en su contrato granel.',
      'Registre los datos para generar una visita a corto plazo y regularizar la situación del cliente.',
    ],
  },
  ZB: {
    key: 'ZB',
    title: 'Bloqueo ZB cliente inactivo',
    kind: 'form',
    area: 'rrss',
    form: 'inactivo',
    script: [
      'Cliente inactivo (ZB): no se puede tomar el pedido hasta que una visita técnica confirme que la instalación está apta.',
      'Registre los datos del formulario: se enviará un correo automático al supervisor de RRSS y al Jefe de Servicio, quienes coordinarán la visita. Pida una referencia del lugar y dos números de contacto.',
    ],
  },
};

export const REPLACED_CODE_SCRIPT = [
  'Este código no se puede utilizar: está bloqueado en sistema porque debió ser reemplazado por un código nuevo.',
  'Busque el código nuevo por RUT, dirección o búsqueda ampliada. Si no lo encuentra, informe al supervisor.',
];

export function unknownCodeScript(code: string): string[] {
  return [
    `El código de bloqueo «${code}» no está en el catálogo de Companion: no tome el pedido.`,
    'Informe al supervisor para que indique cómo gestionarlo.',
  ];
}

export function openOrderScript(orderId: string, status: string): string[] {
  return [
    `El cliente ya tiene un pedido ingresado: ${orderId}, estado «${status}».`,
    'Entregue al cliente la información del estado del pedido y presione OK. Si presiona Cancelar, se vuelve a levantar la toma de datos para el correo a Telecobranzas.',
  ];
}
