// The language server: connection, capabilities and handler wiring. Analysis lives in the engine;
// this file only connects documents to it and findings to diagnostics.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './lsp/uri';
import { analyze } from './engine/engine';
import type { Severity } from '../../rules/api/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));

  const validate = (document: TextDocument): void => {
    const findings = analyze({ path: uriToPath(document.uri), text: document.getText(), languageId: document.languageId });
    const diagnostics: Diagnostic[] = findings.map((f) => ({
      range: f.range,
      severity: SEVERITY[f.priority.level],
      source: 'guardline',
      code: f.ruleId,
      message: f.message,
    }));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  };
  documents.onDidOpen((event) => validate(event.document));
  documents.onDidChangeContent((event) => validate(event.document));
  documents.onDidClose((event) => void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startServer();
