import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { parseCalloutBody } from './callout-body.parser';

const xml = (body: string, contentType = 'application/xml') =>
  parseCalloutBody({ body, contentType, hasContent: body !== '' });

describe('parseCalloutBody', () => {
  it('reads the legacy XML parameters, in order, as text', () => {
    expect(
      xml(
        '<?xml version="1.0" encoding="UTF-8"?>\n<callout>\n' +
          '  <parameter name="SubscriptionNumber">A-S00000271</parameter>\n' +
          '  <parameter name="OrderNumber"> 00271 </parameter>\n' +
          '  <parameter name="Source"></parameter>\n' +
          '  <parameter name="CreatedById"/>\n' +
          '  <parameter name="Note">Tom &amp; Jerry</parameter>\n' +
          '</callout>',
        'text/xml; charset=utf-8',
      ),
    ).toEqual([
      ['SubscriptionNumber', 'A-S00000271'],
      ['OrderNumber', '00271'],
      ['Source', ''],
      ['CreatedById', ''],
      ['Note', 'Tom & Jerry'],
    ]);
  });

  it('reads one parameter, and none', () => {
    expect(xml('<callout><parameter name="Source">shop</parameter></callout>')).toEqual([
      ['Source', 'shop'],
    ]);
    expect(xml('<callout/>')).toEqual([]);
    expect(xml('')).toEqual([]);
  });

  it.each([
    ['malformed XML', '<callout><parameter name="A">x</callout>', 'not well-formed XML'],
    ['text that is not XML', 'SubscriptionNumber=A-S1', 'not well-formed XML'],
    ['another root', '<notification/>', 'one <callout> root element (found <notification>)'],
    ['a DOCTYPE', '<!DOCTYPE callout [<!ENTITY a "b">]><callout/>', 'DOCTYPE'],
    [
      'a parameter with no name',
      '<callout><parameter>x</parameter></callout>',
      'number 1 has no name',
    ],
    [
      'a parameter with markup inside',
      '<callout><parameter name="Source"><b>shop</b></parameter></callout>',
      'Source must hold text only',
    ],
    [
      'over 100 nested elements',
      `<callout>${'<a>'.repeat(120)}${'</a>'.repeat(120)}</callout>`,
      'Maximum nested tags exceeded',
    ],
    ['a <constructor> element', '<callout><constructor>x</constructor></callout>', 'refused'],
    ['a <__proto__> element', '<callout><__proto__>x</__proto__></callout>', 'refused'],
  ])('rejects %s with 400', (_case, body, message) => {
    expect(() => xml(body)).toThrow(BadRequestException);
    expect(() => xml(body)).toThrow(message);
  });

  it('takes the entries of a JSON object', () => {
    expect(
      parseCalloutBody({
        body: { OrderNumber: 'O-1', Source: null },
        contentType: 'application/json',
        hasContent: true,
      }),
    ).toEqual([
      ['OrderNumber', 'O-1'],
      ['Source', null],
    ]);
  });

  it('rejects a JSON array', () => {
    expect(() =>
      parseCalloutBody({ body: [], contentType: 'application/json', hasContent: true }),
    ).toThrow('must be a JSON object');
  });

  it('has nothing for an empty request, and refuses a body it cannot read', () => {
    expect(
      parseCalloutBody({ body: undefined, contentType: undefined, hasContent: false }),
    ).toEqual([]);
    expect(() =>
      parseCalloutBody({ body: undefined, contentType: 'text/plain', hasContent: true }),
    ).toThrow(UnsupportedMediaTypeException);
  });
});
