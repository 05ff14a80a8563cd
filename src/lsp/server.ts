// `transcript-lint --lsp`: a language server over stdio, thin over the library's Linter. Open transcripts are
// linted on open and on every change; config and pack changes reload the rules and lint them again.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type NotificationMessage,
  type ResponseMessage,
  type WorkspaceFolder,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeReadError, fatalResult } from '../engine/linter.js';
import { formatBytes } from '../io/read-file.js';
import { packageVersion } from '../runner/build-id.js';
import { CODE_ACTION_KINDS, codeActions } from './code-actions.js';
import { configIssueDiagnostics, configProblemDiagnostic, ruleLink, SOURCE, toDiagnostic } from './diagnostics.js';
import { FileWatch } from './file-watch.js';
import { isInside } from '../runner/walk.js';
import { FolderLinters, type BaseOptions } from './folders.js';
import { TolerantMessageReader } from './message-reader.js';
import { hover } from './hover.js';
import type { LintedDocument } from './linted-document.js';
import { DocumentPositions } from './positions.js';

/** Quiet time after a keystroke or a file event before linting (typing comes in bursts, saves in steps). */
const CHANGE_DELAY_MS = 50;
const RELOAD_DELAY_MS = 100;

/** What the files a client watches for us look like: configs, packs (any YAML), ignore files. */
const WATCHED_GLOBS = ['**/transcript-lint.yaml', '**/.transcript-lint.yaml', '**/*.{yaml,yml}', '**/.transcript-lintignore'];

/** The file a URI names on this machine; undefined for other schemes and for file: URIs that name no path here. */
function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    // Another host (file://server/share/…), an encoded "/" or a bad escape: the document is linted by its text alone.
    return undefined;
  }
}

/** How a document without a path here is named in its messages: its URI's path, or the URI as sent when it is none. */
function shownName(uri: string): string {
  // A bare name or an empty string (no URI, but what some clients send) made the lint fail as an internal error.
  return URL.canParse(uri) ? new URL(uri).pathname : uri;
}

function workspaceFolderPaths(params: InitializeParams): string[] {
  const folders: WorkspaceFolder[] = params.workspaceFolders ?? [];
  const paths = folders.map((f) => filePathOf(f.uri)).filter((p): p is string => p !== undefined);
  const root = params.rootUri ? filePathOf(params.rootUri) : params.rootPath ?? undefined;
  return paths.length ? paths : root ? [root] : [];
}

export class TranscriptLanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly folders: FolderLinters;
  private readonly linted = new Map<string, LintedDocument>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Files showing the problems of a config that does not load, so they can be cleared once it does. */
  private configIssueUris = new Set<string>();
  private capabilities: ClientCapabilities = {};
  private workspaceFolders: string[] = [];
  private fileWatch = new FileWatch((file) => this.fileChanged(file));
  private clientWatches = false;
  private changedFiles = new Set<string>();
  private reloadTimer: NodeJS.Timeout | undefined;

  /** `onShutdown`: told when the client asks the server to shut down. */
  constructor(private readonly connection: Connection, base: BaseOptions, onShutdown: () => void = () => undefined) {
    this.folders = new FolderLinters(base, () => this.folderLoaded());
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.initialized());
    connection.onShutdown(() => {
      onShutdown();
      this.fileWatch.close();
    });
    this.documents.onDidChangeContent(({ document }) => this.schedule(document.uri));
    this.documents.onDidClose(({ document }) => this.close(document.uri));
    connection.onCodeAction(({ textDocument, range, context }) => {
      const linted = this.current(textDocument.uri);
      return linted ? codeActions(linted, range, context.only, context.triggerKind) : [];
    });
    connection.onHover(({ textDocument, position }) => {
      const linted = this.current(textDocument.uri);
      const markdown = this.capabilities.textDocument?.hover?.contentFormat?.includes('markdown') ?? false;
      return linted ? hover(linted, position, markdown) : null;
    });
    connection.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) {
        const file = filePathOf(change.uri);
        if (file) this.fileChanged(file);
      }
    });
    this.documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    this.setWorkspaceFolders(workspaceFolderPaths(params));
    this.clientWatches = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SOURCE, version: packageVersion() },
    };
  }

  private initialized(): void {
    if (this.clientWatches) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    if (this.capabilities.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = new Set(removed.map((f) => filePathOf(f.uri)));
        const kept = this.workspaceFolders.filter((p) => !gone.has(p));
        this.setWorkspaceFolders([...kept, ...added.map((f) => filePathOf(f.uri)).filter((p): p is string => p !== undefined)]);
        this.lintAll();
      });
    }
  }

  private setWorkspaceFolders(paths: string[]): void {
    this.workspaceFolders = paths;
    this.folders.setWorkspaceFolders(paths);
  }

  /**
   * The lint of a document's current text. Asked between an edit and its lint (an editor's fix-all on save follows
   * the last keystroke at once), it lints now: the last lint's fixes stand at the offsets of the text before the edit.
   */
  private current(uri: string): LintedDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const linted = this.linted.get(uri);
    if (linted?.version === document.version) return linted;
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.lint(document);
    const fresh = this.linted.get(uri);
    return fresh?.version === document.version ? fresh : undefined;
  }

  private schedule(uri: string, delay = CHANGE_DELAY_MS): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      const document = this.documents.get(uri);
      if (document) this.lint(document);
    }, this.linted.has(uri) ? delay : 0));
  }

  private lint(document: TextDocument): void {
    try {
      const linted = this.lintDocument(document);
      this.linted.set(document.uri, linted);
      const { error } = linted.folder;
      const diagnostics = error ? [configProblemDiagnostic(error)] : linted.found.map((f) => f.diagnostic);
      void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    } catch (err) {
      // A bug must not take the server down with it: say so in the client's log and keep serving.
      this.connection.console.error(`transcript-lint: internal error while linting ${document.uri} (please report it): ${err instanceof Error ? err.stack : String(err)}`);
    }
  }

  private lintDocument(document: TextDocument): LintedDocument {
    const file = filePathOf(document.uri);
    const folder = this.folders.get(this.folders.workingFolder(file));
    const positions = new DocumentPositions(document);
    const linted: LintedDocument = { document, version: document.version, file, folder, positions, found: [] };
    if (folder.linter && !this.folders.ignores(folder, file)) {
      const { linter, cwd } = folder;
      const shownPath = file ? relative(cwd, file) || file : shownName(document.uri);
      const text = document.getText();
      // --max-file-size, as for a file: linting a document of 100 MB took 20 s after every keystroke, and ~30× its
      // size in memory, the server's whole heap for a larger one.
      const { maxBytes = Infinity } = linter.readOptions;
      const size = text.length > maxBytes / 3 ? Buffer.byteLength(text) : 0;
      const result = size > maxBytes
        ? fatalResult(shownPath, `${describeReadError(Object.assign(new Error(`the document is larger than ${formatBytes(maxBytes)} (${formatBytes(size)})`), { code: 'EFBIG' }))} (in the server's arguments)`)
        : linter.lintText(text, shownPath);
      linted.found = result.messages.map((message) => ({ message, diagnostic: toDiagnostic(message, positions, (ruleId) => ruleLink(linter, cwd, ruleId)) }));
      if (!result.fatalErrorCount) Object.assign(linted, { result, lint: (changed: string) => linter.lintText(changed, shownPath), flagsWords: (id: string) => linter.flagsWords(id) });
    }
    return linted;
  }

  private close(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.linted.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private lintAll(): void {
    for (const document of this.documents.all()) this.lint(document);
  }

  /** After a folder's config was (re)loaded: show its problems, watch what it was read from. */
  private folderLoaded(): void {
    this.publishConfigIssues();
    this.watchDependencies();
  }

  /** The problems of every config that does not load, on the config and pack files; cleared once they load. */
  private publishConfigIssues(): void {
    const now = new Map<string, Diagnostic[]>();
    for (const folder of this.folders.all()) {
      if (!folder.error) continue;
      for (const [uri, diagnostics] of configIssueDiagnostics(folder.error, folder.cwd)) now.set(uri, [...(now.get(uri) ?? []), ...diagnostics]);
    }
    for (const uri of this.configIssueUris) if (!now.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of now) void this.connection.sendDiagnostics({ uri, diagnostics });
    this.configIssueUris = new Set(now.keys());
  }

  /** Watch what the client does not watch for us: everything, or what lies outside the workspace folders. */
  private watchDependencies(): void {
    const files = this.folders.all().flatMap((f) => [...f.dependencies]);
    const coveredByClient = (file: string): boolean => this.clientWatches && this.workspaceFolders.some((folder) => isInside(file, folder));
    this.fileWatch.set(files.filter((f) => !coveredByClient(f)));
  }

  private fileChanged(file: string): void {
    this.changedFiles.add(file);
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      const changed = this.changedFiles;
      this.changedFiles = new Set();
      if (!this.folders.forget(changed).length) return;
      this.lintAll();
      this.folderLoaded();
    }, RELOAD_DELAY_MS);
  }
}

/** Run the server on stdin/stdout until the client says exit (the connection then ends the process). */
export function runLanguageServer(base: BaseOptions = {}): Promise<number> {
  const writer = new StreamMessageWriter(process.stdout);
  // A message that cannot be read is answered (-32700, -32600) and costs only itself (see message-reader.ts).
  const reader = new TolerantMessageReader(process.stdin, ({ id, code, message }) => {
    const answer: ResponseMessage | NotificationMessage = id === undefined
      ? { jsonrpc: '2.0', method: 'window/logMessage', params: { type: MessageType.Error, message: `transcript-lint: ${message}; the notification was dropped` } }
      : { jsonrpc: '2.0', id, error: { code, message } };
    writer.write(answer).catch(() => undefined);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // The client went away: exit, 0 only after a shutdown request (as vscode-languageserver does for streams it reads).
  let shutdown = false;
  reader.onClose(() => process.exit(shutdown ? 0 : 1));
  // stdout carries the protocol: anything a library prints goes to the client's log instead.
  console.log = console.info = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  new TranscriptLanguageServer(connection, base, () => (shutdown = true));
  connection.listen();
  return new Promise<number>(() => {});
}
