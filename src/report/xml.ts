// Text safe inside XML 1.0 attributes and elements: markup characters escaped, characters XML cannot hold
// (control characters, lone surrogates, U+FFFE/U+FFFF), one of which makes the whole report unreadable, written as
// U+FFFD: dropped, they made a file name another file's (a\x01b.txt read ab.txt).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlText(value: string | number): string {
  return String(value).replace(INVALID_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Text for an attribute value: as xmlText, with tab, line feed and carriage return as character references, which
 * XML readers keep (a raw one in an attribute is read as a space: a message's second line, a file name's newline).
 */
export function xmlAttribute(value: string | number): string {
  return xmlText(value).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
