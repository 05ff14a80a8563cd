// Text safe inside XML 1.0 attributes and elements: markup characters escaped, characters XML cannot hold
// (control characters, lone surrogates, U+FFFE/U+FFFF) dropped, since one of them makes the whole report unreadable.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlText(value: string | number): string {
  return String(value).replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
