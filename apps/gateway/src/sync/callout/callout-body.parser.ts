import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Media types of the legacy callout body; main.ts reads them as text for this parser. */
export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'];

/** Largest callout body accepted; Zuora's parameters take a few hundred bytes. */
export const CALLOUT_BODY_LIMIT = '100kb';

export interface CalloutBody {
  /** The request body as Express's parsers left it: an object (JSON), a string (XML), or nothing. */
  body: unknown;
  contentType: string | undefined;
  /** Whether the request carried a body at all (`Content-Length` > 0 or chunked). */
  hasContent: boolean;
}

/** A parameter as the body named it, before subsync picks the names it knows. */
export type NamedValue = readonly [name: string, value: unknown];

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  ignoreDeclaration: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (tagName) => tagName === 'parameter',
});

/**
 * The name/value pairs of a callout body: a JSON object, or the legacy
 * `<callout><parameter name="…">…</parameter></callout>`. An empty body has none.
 */
export function parseCalloutBody({ body, contentType, hasContent }: CalloutBody): NamedValue[] {
  if (isXml(contentType)) return typeof body === 'string' ? parseXml(body) : [];
  if (isPlainObject(body)) return Object.entries(body);
  if (Array.isArray(body)) {
    throw new BadRequestException('The callout parameters must be a JSON object, not an array');
  }
  if (body === undefined && hasContent) {
    throw new UnsupportedMediaTypeException(
      `A callout body must be JSON (application/json) or XML (application/xml, text/xml), not ${contentType ?? 'untyped'}`,
    );
  }
  return [];
}

function parseXml(text: string): NamedValue[] {
  if (text.trim() === '') return [];
  // Document type declarations are what entity-expansion attacks ride on; callouts never send one.
  if (/<!DOCTYPE/i.test(text)) {
    throw new BadRequestException('The callout XML must not contain a DOCTYPE declaration');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new BadRequestException(
      `The callout body is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  }
  let document: Record<string, unknown>;
  try {
    document = xml.parse(text) as Record<string, unknown>;
  } catch (error) {
    // The parser's own limits: nesting depth, and names such as __proto__ or constructor.
    const reason = error instanceof Error ? error.message : String(error);
    throw new BadRequestException(`The callout XML is refused: ${reason.slice(0, 200)}`);
  }
  const roots = Object.keys(document);
  if (roots.length !== 1 || roots[0] !== 'callout') {
    throw new BadRequestException(
      `The callout XML must have one <callout> root element (found ${roots.map((r) => `<${r}>`).join(', ') || 'none'})`,
    );
  }
  const callout = document['callout'];
  if (!isPlainObject(callout)) return [];
  const parameters = callout['parameter'];
  if (!Array.isArray(parameters)) return [];
  return parameters.map(parameterOf);
}

function parameterOf(element: unknown, index: number): NamedValue {
  // `<parameter>text</parameter>` with no attribute parses to a bare string: it has no name.
  const fields = isPlainObject(element) ? element : {};
  const name = fields['@_name'];
  if (typeof name !== 'string' || name.trim() === '') {
    throw new BadRequestException(`Callout <parameter> number ${index + 1} has no name attribute`);
  }
  const value = fields['#text'];
  const children = Object.keys(fields).filter((key) => key !== '#text' && !key.startsWith('@_'));
  if (children.length > 0 || (value !== undefined && typeof value !== 'string')) {
    throw new BadRequestException(`Callout parameter ${name} must hold text only`);
  }
  return [name, value ?? ''];
}

function isXml(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType !== undefined && XML_MEDIA_TYPES.includes(mediaType);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
