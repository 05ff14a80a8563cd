// A real LSP client for the tests: spawns `transcript-lint --lsp` and speaks JSON-RPC to it over stdio through
// vscode-languageserver-protocol's connection, as an editor does. Nothing of the server is imported.
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { BIN } from '../helpers.js';

export const uriOf = (file: string): string => pathToFileURL(file).href;

/** What an editor that supports everything the server offers tells it. */
export const FULL_CLIENT: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
    synchronization: { didSave: true },
  },
  workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  general: { positionEncodings: ['utf-16'] },
};

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly registrations: Registration[] = [];
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: (() => void)[] = [];
  private stderr = '';
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.waiters.splice(0).forEach((check) => check());
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    this.connection.listen();
  }

  /** Start the server from `cwd` with extra command-line arguments. */
  static start(cwd: string, args: string[] = []): LspClient {
    return new LspClient(spawn(process.execPath, [BIN, '--lsp', ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  initialize(workspaceFolders: string[], capabilities: ClientCapabilities = FULL_CLIENT): Promise<InitializeResult> {
    return this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: workspaceFolders[0] ? uriOf(workspaceFolders[0]) : null,
      workspaceFolders: workspaceFolders.map((folder, i) => ({ uri: uriOf(folder), name: `folder${i}` })),
      capabilities,
    }) as Promise<InitializeResult>;
  }

  /** initialize + initialized. */
  async ready(workspaceFolders: string[], capabilities: ClientCapabilities = FULL_CLIENT): Promise<InitializeResult> {
    const result = await this.initialize(workspaceFolders, capabilities);
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(file: string, text: string, languageId = 'plaintext'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId, version: 1, text } });
  }

  /**
   * The next diagnostics published for `uri` after the first `after` ones of that uri (0: the first ever) that
   * satisfy `ready`; fails after `timeoutMs` saying what did come.
   */
  diagnostics(uri: string, ready: (params: PublishDiagnosticsParams) => boolean = () => true, after = 0, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.published.filter((p) => p.uri === uri).map((p) => `v${p.version}: ${p.diagnostics.map((d) => d.message).join(' | ')}`);
        reject(new Error(`no diagnostics as expected for ${uri}; published: ${seen.join('\n') || 'none'}; server stderr: ${this.stderr}`));
      }, timeoutMs);
      const check = (): void => {
        const found = this.published.filter((p) => p.uri === uri).slice(after).find(ready);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** How many diagnostics notifications came for `uri` so far. */
  publishedCount(uri: string): number {
    return this.published.filter((p) => p.uri === uri).length;
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}
