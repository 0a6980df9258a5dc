/**
 * Protocolo de Bloqueos ZB (seed 002): a ZB pop-up form opens the case; the social-media (RRSS)
 * supervisor and the Jefe de Servicio check the emergency notice (aviso EME), coordinate the visit,
 * monitor the notice and, when it closes, ask Mesa de Clientes to lift the block.
 *
 * Beyond the seed's text: the step "Desbloqueo en sistema" lets Mesa de Clientes confirm the block
 * was lifted (or send it back for missing data), so the contact center sees the result; and the
 * deadlines of steps 1 and 3, which the seed leaves open, are one business day.
 */
import { avisoNumber, date, note, phone, text } from './fields';
import type { ProcedureDefinition } from './types';

const RRSS = ['supervisor_rrss', 'jefe_servicio'] as const;

const CUSTOMER_LINES = [
  'Cliente: {{customerCode}} {{customerName}}',
  'RUT: {{rut}}',
  'Dirección: {{customerAddress}}',
  'Región: {{customerRegion}}',
];

export const ZB_PROCEDURE: ProcedureDefinition = {
  id: 'zb',
  code: 'ZB',
  title: 'Protocolo de bloqueos ZB',
  summary:
    'Clientes granel con bloqueo ZB (inactivo) que llamaron al contact center: verificar el aviso EME, coordinar la visita, monitorear el aviso y pedir el desbloqueo.',
  subject: { field: 'customerCode', label: 'Cliente' },
  openings: [
    {
      id: 'formulario_zb',
      label: 'Formulario ZB del contact center',
      source: 'form',
      formIds: ['inactivo'],
      fields: [],
      target: { step: 'verificar_aviso' },
    },
  ],
  steps: {
    verificar_aviso: {
      id: 'verificar_aviso',
      ref: 'Paso 1',
      title: 'Verificar el aviso EME en la Web Despacho',
      roles: RRSS,
      instructions: [
        'Verifique en la Web Despacho si se creó el aviso de emergencia (EME) por el bloqueo del cliente.',
        'Si ya fue creado, confirme que en su campo de observaciones esté coordinada la visita con el cliente (debió ingresarse al crearlo).',
        'Si no está creado, llame al cliente para coordinar la visita.',
        'Cliente de regiones: al registrar el aviso se envía el correo de respaldo a Despacho Emergencia, con copia a Contact Center, C.C. Emergencia y Supervisores Abastible.',
      ],
      deadline: { kind: 'businessDays', days: 1 },
      actions: [
        {
          id: 'aviso_con_visita',
          label: 'El aviso existe y tiene la visita coordinada',
          fields: [avisoNumber()],
          target: { step: 'monitorear_aviso' },
          mails: [{ template: 'respaldo_regional', when: 'regionalCustomer' }],
        },
        {
          id: 'aviso_sin_visita',
          label: 'El aviso existe, pero sin la visita coordinada',
          fields: [avisoNumber()],
          target: { step: 'coordinar_visita' },
        },
        {
          id: 'sin_aviso',
          label: 'No hay aviso: llamar al cliente',
          fields: [],
          target: { step: 'coordinar_visita' },
        },
      ],
    },
    coordinar_visita: {
      id: 'coordinar_visita',
      ref: 'Paso 1',
      title: 'Llamar al cliente y coordinar la visita',
      roles: RRSS,
      instructions: [
        'Llame al cliente para coordinar la visita: qué día puede ir el técnico a realizar la inspección, una referencia del lugar y dos números de contacto.',
        'Registre toda la información en el aviso EME (créelo si no existe) y aquí, con el número del aviso.',
        'Si no logra contacto: no cree el aviso. Se envía un correo de respaldo al cliente (si tiene correo) y no se gestiona el desbloqueo.',
      ],
      deadline: { kind: 'businessDays', days: 1 },
      actions: [
        {
          id: 'visita_coordinada',
          label: 'Visita coordinada y registrada en el aviso',
          fields: [
            date('visitDate', 'Día de la visita', { notInPast: true, prefill: 'preferredDate' }),
            text('placeReference', 'Referencia del lugar', { maxLength: 200, prefill: 'addressReference' }),
            phone('phone1', 'Teléfono de contacto 1', { prefill: 'contactPhone' }),
            phone('phone2', 'Teléfono de contacto 2', { prefill: 'altPhone' }),
            avisoNumber(),
          ],
          checks: [
            {
              kind: 'distinct',
              fields: ['phone1', 'phone2'],
              message: 'Los dos teléfonos de contacto deben ser distintos.',
            },
          ],
          target: { step: 'monitorear_aviso' },
          mails: [{ template: 'respaldo_regional', when: 'regionalCustomer' }],
        },
        {
          id: 'sin_contacto',
          label: 'No se logra contacto con el cliente',
          fields: [
            note('contactAttempts', 'Intentos de contacto (día, hora y número)'),
            {
              name: 'customerEmail',
              label: 'Correo del cliente',
              kind: 'email',
              required: false,
              maxLength: 254,
              prefill: 'customerEmail',
              hint: 'Déjelo vacío si el cliente no tiene correo: el caso lo registra.',
            },
          ],
          target: { end: 'sin_gestion' },
          mails: [
            {
              template: 'respaldo_cliente',
              when: 'customerHasEmail',
              otherwiseNote: 'El cliente no tiene correo: no se envió el respaldo.',
            },
          ],
        },
      ],
    },
    monitorear_aviso: {
      id: 'monitorear_aviso',
      ref: 'Paso 2',
      title: 'Monitorear el aviso',
      roles: RRSS,
      instructions: [
        'Monitoree el estado del aviso en la Web Despacho: lo normal es que se cierre en 2 a 3 días.',
        'Registre cada actualización. Si pasan más de 3 días hábiles sin actualización, consulte a C.C. Emergencia con el correo preparado.',
        'Cuando el aviso se cierre, registre el resultado del cierre.',
      ],
      deadline: { kind: 'businessDays', days: 3 },
      overdueHint:
        'Más de 3 días hábiles sin actualización del aviso: consulte a C.C. Emergencia con el correo preparado.',
      actions: [
        {
          id: 'actualizacion',
          label: 'Registrar actualización del aviso',
          fields: [note('updateNote', 'Qué cambió en la Web Despacho')],
          target: { stay: true },
        },
        {
          id: 'consultar_cc_emergencia',
          label: 'Consultar a C.C. Emergencia',
          fields: [note('question', 'Comentario para C.C. Emergencia', { required: false, maxLength: 1000 })],
          target: { stay: true },
          mails: [{ template: 'consulta_cc_emergencia' }],
        },
        {
          id: 'cerrado_apto',
          label: 'Aviso cerrado: instalación apta',
          fields: [avisoNumber(), note('closureData', 'Datos del cierre del aviso (pegue el aviso EME)')],
          target: { step: 'desbloqueo_mesa' },
          mails: [{ template: 'desbloqueo' }],
        },
        {
          id: 'cerrado_no_apto',
          label: 'Aviso cerrado: instalación no apta',
          fields: [
            note('closureState', 'Estado del cierre del aviso'),
            text('decidedBy', 'Quién decide cómo sigue el cliente'),
          ],
          target: { end: 'no_apto' },
        },
      ],
    },
    desbloqueo_mesa: {
      id: 'desbloqueo_mesa',
      ref: 'Paso 3',
      title: 'Desbloqueo en el sistema',
      roles: ['mesa_clientes'],
      instructions: [
        'Se pidió el desbloqueo por correo: el cliente fue visitado y la instalación está OK (aviso EME en el caso).',
        'Desbloquee al cliente en el sistema y confírmelo aquí: el contact center verá que ya puede tomar pedidos.',
      ],
      deadline: { kind: 'businessDays', days: 1 },
      actions: [
        {
          id: 'desbloqueado',
          label: 'Cliente desbloqueado',
          fields: [note('unblockNote', 'Comentario', { required: false, maxLength: 1000 })],
          target: { end: 'desbloqueado' },
        },
        {
          id: 'falta_informacion',
          label: 'Falta información para desbloquear',
          fields: [note('missingInfo', 'Qué falta')],
          target: { step: 'monitorear_aviso' },
        },
      ],
    },
  },
  endStates: {
    desbloqueado: { id: 'desbloqueado', label: 'Desbloqueado', tone: 'positive' },
    no_apto: { id: 'no_apto', label: 'Instalación no apta', tone: 'negative' },
    sin_gestion: {
      id: 'sin_gestion',
      label: 'Sin contacto: no se gestiona el desbloqueo',
      tone: 'neutral',
    },
  },
  mails: {
    respaldo_regional: {
      id: 'respaldo_regional',
      title: 'Respaldo del aviso EME (cliente de regiones)',
      to: [{ mailbox: 'despacho_emergencia' }],
      cc: [
        { mailbox: 'contact_center' },
        { mailbox: 'cc_emergencia' },
        { mailbox: 'supervisores_abastible' },
      ],
      subject: 'Respaldo aviso EME {{avisoNumber}} — Cliente {{customerCode}} con bloqueo ZB (regiones)',
      body: [
        'Respaldo de la creación del aviso de emergencia para un cliente de regiones con bloqueo ZB.',
        '',
        'Aviso EME: {{avisoNumber}}',
        ...CUSTOMER_LINES,
        'Visita: {{visitDate}}',
        'Referencia del lugar: {{placeReference}}',
        'Teléfonos de contacto: {{phone1}} / {{phone2}}',
        '',
        'Caso {{caseNumber}} — registrado por {{actorName}}.',
      ],
    },
    respaldo_cliente: {
      id: 'respaldo_cliente',
      title: 'Respaldo al cliente sin contacto',
      to: [{ caseField: 'customerEmail' }],
      cc: [{ mailbox: 'contact_center' }],
      subject: 'Abastible: no logramos contactarlo por el bloqueo de su cuenta {{customerCode}}',
      body: [
        'Estimado(a) {{customerName}}:',
        '',
        'Para coordinar la visita técnica que permite desbloquear su cuenta granel {{customerCode}}, intentamos comunicarnos con usted sin éxito:',
        '{{contactAttempts}}',
        '',
        'Cuando pueda, llame al contact center y mencione el caso {{caseNumber}}.',
        '',
        'Saludos cordiales,',
        'Contact Center Abastible',
      ],
    },
    consulta_cc_emergencia: {
      id: 'consulta_cc_emergencia',
      title: 'Consulta a C.C. Emergencia por aviso sin actualización',
      to: [{ mailbox: 'cc_emergencia' }],
      cc: [{ mailbox: 'contact_center' }],
      subject:
        'Consulta aviso EME {{avisoNumber}} sin actualización — Cliente {{customerCode}} con bloqueo ZB',
      body: [
        'El aviso EME {{avisoNumber}} no tiene actualización en la Web Despacho desde {{stepEnteredAt}}.',
        'Lo normal es un cierre en 2 a 3 días: ¿pueden indicarnos su estado?',
        '',
        ...CUSTOMER_LINES,
        'Visita coordinada: {{visitDate}}',
        '{{question}}',
        '',
        'Caso {{caseNumber}} — consulta de {{actorName}}.',
      ],
    },
    desbloqueo: {
      id: 'desbloqueo',
      title: 'Solicitud de desbloqueo a Mesa de Clientes',
      to: [{ mailbox: 'mesa_clientes' }],
      cc: [{ mailbox: 'contact_center' }, { mailbox: 'supervisores_abastible' }],
      subject: 'Desbloqueo Cliente {{customerCode}} con bloqueo ZB',
      body: [
        'Se solicita el desbloqueo del cliente {{customerCode}} {{customerName}}: el cliente fue visitado y la instalación se encuentra OK.',
        '',
        'Aviso EME N° {{avisoNumber}}',
        '{{closureData}}',
        '',
        ...CUSTOMER_LINES,
        '',
        'Caso {{caseNumber}} — solicitado por {{actorName}}.',
      ],
    },
  },
};
