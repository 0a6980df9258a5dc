/**
 * What the agent does instead of a ticket (seed 001: the leaves that must NOT become a post-sale
 * ticket), in the contact centre's words. Texts only; which leaf leads here is in typology.ts.
 */
export interface ExternalLink {
  label: string;
  /** Opened only through the operator's allow-list (renderer platform `openExternal`). */
  url: string;
}

export type GuidanceChannel =
  /** Self-service portal: the customer attaches the documents there. */
  | 'sucursal-virtual'
  /** Emergency / technical-visit notice (aviso EME in Web Despacho). */
  | 'aviso-emergencia'
  /** The tank quotation web form. */
  | 'formulario-web'
  /** Managed as a delivery delay, not as a ticket. */
  | 'atraso-entrega'
  /** A typology the seed forbids: pick another one. */
  | 'no-usar';

export interface Guidance {
  channel: GuidanceChannel;
  /** One line: why no ticket and where the case goes. */
  headline: string;
  /** What the agent does, step by step. */
  doThis: string[];
  /** What to tell the customer. */
  tellCustomer: string[];
  /** Documents the customer must attach (Sucursal Virtual). */
  documents?: string[];
  links?: ExternalLink[];
}

/** The tank quotation form named by the seed. */
export const QUOTATION_FORM_URL = 'https://www.onlineencuesta.com/s/c526f7c';

/** The contact centre's wiki page for "no recibe factura" (plain http on an internal host, as the seed gives it). */
export const INVOICE_WIKI_URL =
  'http://wikicc.abastible.cl/mediawiki/index.php/Cliente_reclama_que_no_le_ha_llegado_su_factura_y_han_pasado_m%C3%A1s_de_xx_d%C3%ADas_h%C3%A1biles';

/** Seed 000's full Z3 procedure (change of legal name). */
export const Z3_WIKI_URL =
  'http://wikicc.abastible.cl/mediawiki/index.php/Bloqueo_Z3_cambio_de_raz%C3%B3n_social';

const NEEDS_DOCUMENTS = 'Requiere documentación: NO se ingresa ticket ni postventa.';
const TO_SUCURSAL = 'Derive al cliente a la Sucursal Virtual, donde podrá realizar esta gestión.';

export const GUIDANCE = {
  marcadorPegado: {
    channel: 'aviso-emergencia',
    headline: 'Marcador de % pegado no es postventa: se hace aviso de emergencia.',
    doThis: ['No ingrese ticket ni postventa.', 'Haga un aviso de emergencia (EME) para el cliente.'],
    tellCustomer: ['Se generará un aviso de emergencia para que se revise el marcador de su tanque.'],
  },
  cotizacionTanque: {
    channel: 'formulario-web',
    headline: 'Cotización de tanque: se ingresa en el formulario web, no como postventa.',
    doThis: [
      'Ingrese la solicitud en el formulario web de cotización.',
      'Ante insistencias del cliente tampoco se ingresa postventa: en el mismo formulario hay una opción para realizar esta gestión.',
    ],
    tellCustomer: ['Su solicitud de cotización queda ingresada en el formulario de cotización de tanques.'],
    links: [{ label: 'Formulario web de cotización de tanque', url: QUOTATION_FORM_URL }],
  },
  retiroTanque: {
    channel: 'sucursal-virtual',
    headline: 'Retiro de tanque: se gestiona en la Sucursal Virtual.',
    doThis: [NEEDS_DOCUMENTS, TO_SUCURSAL],
    tellCustomer: [
      'Puede solicitar el retiro del tanque en la Sucursal Virtual, adjuntando estos documentos:',
    ],
    documents: ['Certificado de dominio vigente (vigencia 90 días)', 'Copia de carnet', 'Foto de placa'],
  },
  pedidoNoEntregado: {
    channel: 'atraso-entrega',
    headline: 'Pedido no entregado: se gestiona como atraso en la entrega, no como ticket.',
    doThis: [
      'No ingrese ticket ni postventa.',
      'El cliente reclama que no se le entregó el pedido: gestiónelo mediante atraso en la entrega.',
    ],
    tellCustomer: ['Su reclamo se gestiona como atraso en la entrega de su pedido.'],
  },
  danosPropiedad: {
    channel: 'sucursal-virtual',
    headline: 'Daños a la propiedad: se gestiona en la Sucursal Virtual.',
    doThis: [NEEDS_DOCUMENTS, TO_SUCURSAL],
    tellCustomer: ['Puede ingresar el reclamo en la Sucursal Virtual, adjuntando:'],
    documents: ['Fotos del daño'],
  },
  reinspeccionTanque: {
    channel: 'sucursal-virtual',
    headline: 'Reinspección de tanque vencido: se gestiona en la Sucursal Virtual.',
    doThis: [NEEDS_DOCUMENTS, TO_SUCURSAL],
    tellCustomer: ['Puede solicitar la reinspección del tanque en la Sucursal Virtual, adjuntando:'],
    documents: ['Foto de placa'],
  },
  cambioRazonSocial: {
    channel: 'sucursal-virtual',
    headline: 'Cambio de razón social: NO se ingresa postventa; se deriva a la Sucursal Virtual.',
    doThis: [
      'No ingrese postventa bajo «Cambio de razón social»: vale para clientes granel habitacionales, comerciales e industriales.',
      'Derive al cliente a la Sucursal Virtual: allí adjunta la documentación necesaria para solicitar el cambio.',
    ],
    tellCustomer: [
      'Puede solicitar el cambio de razón social en la Sucursal Virtual, adjuntando la documentación que allí se indica.',
    ],
  },
  bloqueoCambioRazonSocial: {
    channel: 'sucursal-virtual',
    headline:
      'Bloqueo por cambio de razón social (Z3): no se ingresa ticket; el cambio se pide en la Sucursal Virtual.',
    doThis: [
      'No ingrese ticket ni postventa bajo «Cambio de razón social» (clientes granel habitacionales, comerciales e industriales).',
      'Si el cliente quiere hacer un pedido: busque otro cliente habilitado por DIRECCIÓN (comuna y número), teléfono o RUT, y tome el pedido con ese código (procedimiento del bloqueo Z3).',
      'Para el cambio mismo, derive al cliente a la Sucursal Virtual.',
    ],
    tellCustomer: [
      'El cambio de razón social se solicita en la Sucursal Virtual, adjuntando la documentación que allí se indica.',
    ],
    links: [{ label: 'Procedimiento Bloqueo Z3 (wiki)', url: Z3_WIKI_URL }],
  },
  otrosPagos: {
    channel: 'no-usar',
    headline: 'NO UTILIZAR ESTA TIPIFICACIÓN.',
    doThis: [
      'Elija la tipificación de «Relativos al pago» que corresponda.',
      'Si ninguna corresponde, consulte a su supervisor.',
    ],
    tellCustomer: [],
  },
  noRecibeFactura: {
    channel: 'sucursal-virtual',
    headline: 'No recibe factura: debe descargarla en la Sucursal Virtual. No hacer ticket postventa.',
    doThis: [
      'No ingrese ticket postventa.',
      'Indique al cliente cómo descargar la factura en la Sucursal Virtual.',
    ],
    tellCustomer: ['Puede descargar su factura en la Sucursal Virtual.'],
    links: [{ label: 'Instrucciones en la wiki: cliente no recibe su factura', url: INVOICE_WIKI_URL }],
  },
} satisfies Record<string, Guidance>;
