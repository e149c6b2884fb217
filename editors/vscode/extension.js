// The dabiao extension: the grammar and language configuration come from package.json; this
// starts `dabiao lsp` as the language server for .dab files.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("dabiao");
  const args = ["lsp"];
  if (config.get("stdlib")) args.push("--stdlib", config.get("stdlib"));
  const server = { command: config.get("path") || "dabiao", args };
  client = new LanguageClient(
    "dabiao",
    "dabiao",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "dabiao" }, { scheme: "untitled", language: "dabiao" }],
      initializationOptions: { lang: config.get("lang") || "zh" },
    }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
