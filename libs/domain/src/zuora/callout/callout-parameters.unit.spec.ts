import { calloutParametersFrom, hasCalloutParameters } from './callout-parameters';

describe('calloutParametersFrom', () => {
  it('reads the recognised names in any case and ignores the others', () => {
    expect(
      calloutParametersFrom(
        Object.entries({
          subscriptionnumber: 'A-S00000271',
          OrderNumber: ' O-00000271 ',
          ORDERACTIONTYPE: 'UpdateProduct',
          Source: 'zuora',
          CreatedById: '8ad0823f',
          AccountNumber: 'A00000271',
        }),
      ),
    ).toEqual({
      ok: true,
      parameters: {
        subscriptionNumber: 'A-S00000271',
        orderNumber: 'O-00000271',
        orderActionType: 'UpdateProduct',
        source: 'zuora',
        createdById: '8ad0823f',
      },
    });
  });

  it('treats empty and null values as absent', () => {
    const result = calloutParametersFrom([
      ['Source', ''],
      ['OrderNumber', null],
      ['CreatedById', '   '],
    ]);
    expect(result).toEqual({ ok: true, parameters: {} });
    expect(result.ok && hasCalloutParameters(result.parameters)).toBe(false);
  });

  it('takes numbers as text', () => {
    expect(calloutParametersFrom([['OrderNumber', 271]])).toEqual({
      ok: true,
      parameters: { orderNumber: '271' },
    });
  });

  it('accepts the same value given twice', () => {
    expect(
      calloutParametersFrom([
        ['Source', 'shop'],
        ['source', 'shop'],
      ]),
    ).toEqual({ ok: true, parameters: { source: 'shop' } });
  });

  it.each<[string, [string, unknown][], string]>([
    [
      'an object value',
      [['OrderNumber', { value: 'O-1' }]],
      'parameter OrderNumber must be a text value',
    ],
    [
      'two different values',
      [
        ['Source', 'shop'],
        ['SOURCE', 'zuora'],
      ],
      'parameter SOURCE is given twice with different values',
    ],
    [
      'a value that is too long',
      [['CreatedById', 'x'.repeat(256)]],
      'parameter CreatedById is longer than 255 characters',
    ],
  ])('rejects %s', (_case, entries, error) => {
    expect(calloutParametersFrom(entries)).toEqual({ ok: false, error });
  });

  it("ignores names of Object's own members, which are not parameters either", () => {
    const result = calloutParametersFrom([
      ['__proto__', 'x'],
      ['constructor', 'y'],
      ['hasOwnProperty', 'z'],
    ]);
    expect(result).toEqual({ ok: true, parameters: {} });
    expect(result.ok && Object.keys(result.parameters)).toEqual([]);
  });

  it('ignores unknown names whatever their value', () => {
    expect(calloutParametersFrom([['Extra', { nested: true }]])).toEqual({
      ok: true,
      parameters: {},
    });
  });
});
