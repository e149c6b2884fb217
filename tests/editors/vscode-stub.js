// A stand-in for the `vscode` module, only as large as what extension.js and the real
// vscode-languageclient (8.x, node) touch while they start the server, open a document, hand its
// diagnostics over, answer a hover and stop (tests/editors/vscode_test.js). Each namespace is strict: touching anything else throws, naming it, so a
// newer client that needs more fails loudly instead of running against a silent no-op.
"use strict";

class Disposable {
  constructor(onDispose) { this._onDispose = onDispose; }
  dispose() {
    if (this._onDispose) this._onDispose();
    this._onDispose = undefined;
  }
}

class EventEmitter {
  constructor() {
    this._listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this._listeners.add(bound);
      const d = new Disposable(() => this._listeners.delete(bound));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(value) { for (const l of [...this._listeners]) l(value); }
  dispose() { this._listeners.clear(); }
}

class Position {
  constructor(line, character) { this.line = line; this.character = character; }
}

class Range {
  constructor(a, b, c, d) {
    [this.start, this.end] = a instanceof Position ? [a, b] : [new Position(a, b), new Position(c, d)];
  }
}

class Location {
  constructor(uri, where) {
    this.uri = uri;
    this.range = where instanceof Position ? new Range(where, where) : where;
  }
}

// file: and untitled: URIs, enough for the protocol's conversions both ways.
class Uri {
  constructor(scheme, path) { this.scheme = scheme; this.path = path; }
  static file(p) { return new Uri("file", p); }
  static parse(text) {
    const colon = text.indexOf(":");
    const scheme = text.slice(0, colon);
    const rest = text.slice(colon + 1);
    return new Uri(scheme, decodeURIComponent(scheme === "file" ? rest.replace(/^\/\/[^/]*/, "") : rest));
  }
  get fsPath() { return this.path; }
  toString() {
    if (this.scheme !== "file") return `${this.scheme}:${this.path}`;
    return "file://" + this.path.split("/").map(encodeURIComponent).join("/");
  }
  toJSON() { return this.toString(); }
}

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };

class Diagnostic {
  constructor(range, message, severity = DiagnosticSeverity.Error) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

class DiagnosticRelatedInformation {
  constructor(location, message) { this.location = location; this.message = message; }
}

class MarkdownString {
  constructor(value = "") { this.value = value; }
}

class Hover {
  constructor(contents, range) {
    this.contents = Array.isArray(contents) ? contents : [contents];
    this.range = range;
  }
}

class CancellationError extends Error {}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    this._emitter = emitter;
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this._emitter.fire();
  }
  dispose() { this._emitter.dispose(); }
}

// Classes the client extends when it loads; never constructed on the path tested here.
class CompletionItem {}
class CodeLens {}
class DocumentLink {}
class InlayHint {}
class SymbolInformation {}
class TypeHierarchyItem {}
class CallHierarchyItem {}
class CodeAction {}

// The kinds the protocol converter maps when it loads.
class CodeActionKind {
  constructor(value) { this.value = value; }
}
for (const [key, value] of Object.entries({ Empty: "", QuickFix: "quickfix", Refactor: "refactor",
  RefactorExtract: "refactor.extract", RefactorInline: "refactor.inline", RefactorRewrite: "refactor.rewrite",
  Source: "source", SourceOrganizeImports: "source.organizeImports" })) CodeActionKind[key] = new CodeActionKind(value);

// An event of the editor that never fires in the test.
const quietEvent = () => new EventEmitter().event;

// A namespace whose unknown members throw, except the editor's events (onDid…, onWill…), which
// the client subscribes to by the dozen and which stay quiet here.
const strict = (name, members) =>
  new Proxy(members, {
    get(target, key) {
      if (key in target || typeof key === "symbol" || key === "then") return target[key];
      if (/^on(Did|Will)[A-Z]/.test(key)) return (target[key] = quietEvent());
      throw new Error(`vscode stub: ${name}.${String(key)} is not provided`);
    },
  });

// What the test sets and reads: the settings, the open documents, the diagnostics handed over,
// and the messages the client shows or logs.
const state = {
  settings: {},
  documents: [],
  diagnostics: new Map(),  // uri string → Diagnostic[]
  onDiagnostics: new EventEmitter(),
  providers: {},
  shown: [],
  log: [],
};

const configuration = (section) =>
  strict(`configuration(${section})`, {
    get: (key, fallback) => {
      const value = state.settings[section ? `${section}.${key}` : key];
      return value === undefined ? fallback : value;
    },
  });

const outputChannel = (name) =>
  strict(`outputChannel(${name})`, {
    name,
    append: (text) => state.log.push(text),
    appendLine: (text) => state.log.push(text),
  });

const matches = (filter, document) =>
  (!filter.language || filter.language === document.languageId) && (!filter.scheme || filter.scheme === document.uri.scheme);

const workspace = strict("workspace", {
  workspaceFolders: undefined,
  get textDocuments() { return state.documents; },
  getConfiguration: configuration,
});

// The providers the client registers for the server's capabilities, by what they provide.
const provider = (kind) => (selector, p) => {
  state.providers[kind] = p;
  return new Disposable(() => delete state.providers[kind]);
};

const languages = strict("languages", {
  registerCompletionItemProvider: provider("completion"),
  registerHoverProvider: provider("hover"),
  registerDefinitionProvider: provider("definition"),
  registerDocumentFormattingEditProvider: provider("formatting"),
  registerDocumentSymbolProvider: provider("documentSymbol"),
  match: (selector, document) =>
    (Array.isArray(selector) ? selector : [selector]).some((f) => (typeof f === "string" ? f === document.languageId : matches(f, document))) ? 10 : 0,
  createDiagnosticCollection: (name) =>
    strict(`diagnosticCollection(${name})`, {
      name,
      set: (uri, list) => {
        state.diagnostics.set(uri.toString(), list || []);
        state.onDiagnostics.fire(uri.toString());
      },
      dispose: () => {},
    }),
});

const window = strict("window", {
  createOutputChannel: outputChannel,
  showErrorMessage: (message) => { state.shown.push(["error", message]); return Promise.resolve(undefined); },
  showWarningMessage: (message) => { state.shown.push(["warning", message]); return Promise.resolve(undefined); },
  showInformationMessage: (message) => { state.shown.push(["information", message]); return Promise.resolve(undefined); },
});

const env = strict("env", { appName: "vscode-stub", language: "en" });

// A document as the editor holds it.
const textDocument = (path, languageId, text) => ({
  uri: Uri.file(path),
  fileName: path,
  languageId,
  version: 1,
  isUntitled: false,
  getText: () => text,
});

module.exports = strict("vscode", {
  version: "1.75.0",
  Disposable,
  EventEmitter,
  Position,
  Range,
  Location,
  Uri,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticRelatedInformation,
  MarkdownString,
  Hover,
  CancellationError,
  CancellationTokenSource,
  CompletionItem,
  CodeLens,
  DocumentLink,
  InlayHint,
  SymbolInformation,
  TypeHierarchyItem,
  CallHierarchyItem,
  CodeAction,
  CodeActionKind,
  workspace,
  languages,
  window,
  env,
  stub: { state, textDocument },
});
