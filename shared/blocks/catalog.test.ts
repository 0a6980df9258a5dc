import { describe, expect, it } from 'vitest';
import { FORMS } from '../forms/fields';
import { AREAS } from './areas';
import {
  BLOCK_CATALOG,
  REPLACED_CODE_SCRIPT,
  TELECOBRANZAS_BLOCK,
  TELECOBRANZAS_NUMBER,
  openOrderScript,
  unknownCodeScript,
} from './catalog';

const requiredFields = (formId: keyof typeof FORMS) =>
  FORMS[formId].fields.filter((f) => f.required).map((f) => f.name);

describe('block catalog (seed 000)', () => {
  it('has an entry for every block of the seed besides Z1, whose pop-up is the collections one', () => {
    expect(Object.keys(BLOCK_CATALOG).sort()).toEqual(['Z0', 'Z3', 'Z4', 'Z5', 'Z9', 'ZA', 'ZB']);
    expect(TELECOBRANZAS_BLOCK.key).toBe('TC');
  });

  it('gives every block a Spanish script, an existing area and an existing form (except Z3)', () => {
    for (const def of [...Object.values(BLOCK_CATALOG), TELECOBRANZAS_BLOCK]) {
      expect(def.script.length, def.key).toBeGreaterThan(0);
      expect(AREAS[def.area], def.key).toBeDefined();
      if (def.form) expect(FORMS[def.form], def.key).toBeDefined();
    }
  });

  it('Z3 is the only block with no form: the agent searches instead', () => {
    const withoutForm = [...Object.values(BLOCK_CATALOG), TELECOBRANZAS_BLOCK]
      .filter((d) => d.form === null)
      .map((d) => d.key);
    expect(withoutForm).toEqual(['Z3']);
    expect(BLOCK_CATALOG.Z3.kind).toBe('search');
    expect(BLOCK_CATALOG.Z3.script.join(' ')).toMatch(/NO SE LLENA EL POP-UP/);
    expect(BLOCK_CATALOG.Z3.script.join(' ')).toMatch(/comuna y número/);
  });

  it('collections: both options of the seed, the form recommended, transfer to 26939901', () => {
    const script = TELECOBRANZAS_BLOCK.script.join('\n');
    expect(TELECOBRANZAS_NUMBER).toBe('26939901');
    expect(script).toMatch(/1\. Tomar los datos/);
    expect(script).toMatch(/recomendada/);
    expect(script).toMatch(/2\. Transferir la llamada .*26939901/);
    expect(script).toMatch(/ya le tomaron los datos, informe al supervisor/);
    expect(TELECOBRANZAS_BLOCK.area).toBe('telecobranzas');
  });

  it('Z4 is a «Problema de bloqueo» ticket with name, e-mail and phone required, checked against the history first', () => {
    expect(BLOCK_CATALOG.Z4.kind).toBe('ticket');
    expect(BLOCK_CATALOG.Z4.form).toBe('ticketBloqueo');
    expect(requiredFields('ticketBloqueo')).toEqual(
      expect.arrayContaining(['contactName', 'contactEmail', 'contactPhone']),
    );
    expect(BLOCK_CATALOG.Z4.script.join(' ')).toMatch(/Problema de bloqueo/);
    expect(BLOCK_CATALOG.Z4.script.join(' ')).toMatch(/NO SE CREA UNO NUEVO/);
    expect(BLOCK_CATALOG.Z4.script.join(' ')).toMatch(/escale con el supervisor/);
  });

  it('routes each block to the area the seed names', () => {
    expect(BLOCK_CATALOG.Z0.area).toBe('instalaciones');
    expect(BLOCK_CATALOG.ZA.area).toBe('instalaciones');
    expect(BLOCK_CATALOG.Z5.area).toBe('integridad');
    expect(AREAS.integridad.name).toBe('Subgerencia de Integridad de Instalaciones');
    expect(BLOCK_CATALOG.Z9.area).toBe('visitas');
    expect(BLOCK_CATALOG.Z9.script.join(' ')).toMatch(/visita a corto plazo/);
    expect(BLOCK_CATALOG.ZB.area).toBe('rrss');
    expect(AREAS.rrss.name).toMatch(/RRSS.*Jefe de Servicio/);
  });

  it('ZB asks for two contact phones and a reference of the place', () => {
    expect(requiredFields('inactivo')).toEqual(
      expect.arrayContaining(['contactPhone', 'altPhone', 'addressReference']),
    );
  });

  it('has the replaced-code, unknown-code and open-order messages in Spanish', () => {
    expect(REPLACED_CODE_SCRIPT.join(' ')).toMatch(/no se puede utilizar.*reemplazado/);
    expect(REPLACED_CODE_SCRIPT.join(' ')).toMatch(/informe al supervisor/);
    expect(unknownCodeScript('Z7').join(' ')).toMatch(/«Z7» no está en el catálogo.*supervisor/);
    expect(openOrderScript('PED-1029', 'En ruta')[0]).toBe(
      'El cliente ya tiene un pedido ingresado: PED-1029, estado «En ruta».',
    );
  });
});
