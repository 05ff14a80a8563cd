// The parameters of the messages this server handles, checked before a handler sees them: a client that sends a
// hover without a position, or a document whose text is a number, gets -32602 "Invalid params" saying which field
// is wrong (a notification, which cannot be answered, is dropped with that said in the client's log), where the
// handler failed on it with a TypeError — answered as an internal error of the server, or, for a document, reported
// as a bug of transcript-lint ("please report it").

type Check = (value: unknown, at: string) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (value, at) => (typeof value === 'string' ? undefined : `${at} must be a string`);
const integer: Check = (value, at) => (Number.isInteger(value) ? undefined : `${at} must be a whole number`);
const optional = (check: Check): Check => (value, at) => (value === undefined ? undefined : check(value, at));

function object(fields: Record<string, Check>): Check {
  return (value, at) => {
    if (!isObject(value)) return `${at} must be an object`;
    for (const [key, check] of Object.entries(fields)) {
      const wrong = check(value[key], `${at}.${key}`);
      if (wrong) return wrong;
    }
    return undefined;
  };
}

function array(item: Check): Check {
  return (value, at) => {
    if (!Array.isArray(value)) return `${at} must be an array`;
    for (let i = 0; i < value.length; i++) {
      const wrong = item(value[i], `${at}[${i}]`);
      if (wrong) return wrong;
    }
    return undefined;
  };
}

const position = object({ line: integer, character: integer });
const range = object({ start: position, end: position });
const documentId = object({ uri: string });
const folder = object({ uri: string, name: string });

/** The params each handled method needs; methods not listed are left to their handlers. */
const PARAMS: Record<string, Check> = {
  initialize: object({ capabilities: object({}) }),
  'textDocument/didOpen': object({ textDocument: object({ uri: string, languageId: string, version: integer, text: string }) }),
  'textDocument/didChange': object({
    textDocument: object({ uri: string, version: integer }),
    contentChanges: array(object({ text: string, range: optional(range) })),
  }),
  'textDocument/didClose': object({ textDocument: documentId }),
  'textDocument/didSave': object({ textDocument: documentId }),
  'textDocument/hover': object({ textDocument: documentId, position }),
  'textDocument/codeAction': object({ textDocument: documentId, range, context: object({ diagnostics: array(object({ range })), only: optional(array(string)) }) }),
  'workspace/didChangeWatchedFiles': object({ changes: array(object({ uri: string, type: integer })) }),
  'workspace/didChangeWorkspaceFolders': object({ event: object({ added: array(folder), removed: array(folder) }) }),
};

/** What is wrong with a message's params, for the methods this server handles; undefined when nothing is. */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = Object.hasOwn(PARAMS, method) ? PARAMS[method] : undefined;
  return check?.(params, 'params');
}
