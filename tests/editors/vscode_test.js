// The VS Code extension as VS Code runs it, short of VS Code itself (scripts/vscode-test.sh
// builds the VSIX and runs this):
//   node tests/editors/vscode_test.js DABIAO.VSIX DABIAO WORK_DIR
// 1. The VSIX, unpacked as VS Code installs it: the manifest, extension.js, the language
//    configuration, vscode-languageclient, and the grammar at the manifest's path with the bytes
//    of editors/dabiao.tmLanguage.json (the symlink in editors/vscode/syntaxes was followed).
// 2. The packaged grammar in VS Code's TextMate engine (vscode-textmate on vscode-oniguruma's
//    onig.wasm): the scopes of a rule file's tokens, line after line, and every keyword.
// 3. The language configuration compiled as VS Code compiles it: words with 𠀀, indentation.
// 4. activate() of the packaged extension.js with its packaged vscode-languageclient and a stub
//    of the `vscode` module (vscode-stub.js): the client spawns DABIAO lsp, completes the
//    initialize handshake, opens a document, and hands over the server's diagnostics (a lint
//    warning with its code, and those of an imported file, under its URI and on the import's
//    line) and a hover after 𠀀 (UTF-16 positions); deactivate() stops it.
"use strict";
const fs = require("fs");
const path = require("path");
const assert = require("assert");
const Module = require("module");
const yauzl = require("yauzl");
const tm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const [vsix, dabiao, work] = process.argv.slice(2);
if (!vsix || !dabiao || !work) throw new Error("usage: node vscode_test.js DABIAO.VSIX DABIAO WORK_DIR");
const root = path.resolve(__dirname, "..", "..");

// Unpacks a VSIX into `dir`; its entry names.
const unpack = (file, dir) =>
  new Promise((resolve, reject) => {
    const names = [];
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on("error", reject);
      zip.on("end", () => resolve(names));
      zip.on("entry", (entry) => {
        names.push(entry.fileName);
        const target = path.join(dir, entry.fileName);
        if (entry.fileName.endsWith("/")) {
          fs.mkdirSync(target, { recursive: true });
          return zip.readEntry();
        }
        fs.mkdirSync(path.dirname(target), { recursive: true });
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          stream.pipe(fs.createWriteStream(target)).on("finish", () => zip.readEntry()).on("error", reject);
        });
      });
      zip.readEntry();
    });
  });

// ------------------------------------------------------------------ 1. the VSIX

async function checkPackage() {
  const dir = path.join(work, "unpacked");
  fs.rmSync(dir, { recursive: true, force: true });
  const names = await unpack(vsix, dir);
  const extension = path.join(dir, "extension");
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, "package.json"), "utf8"));
  const source = JSON.parse(fs.readFileSync(path.join(root, "editors", "vscode", "package.json"), "utf8"));
  assert.deepStrictEqual(manifest.contributes, source.contributes);
  const grammarPath = path.posix.join("extension", manifest.contributes.grammars[0].path);
  for (const name of ["extension.vsixmanifest", "extension/package.json", "extension/extension.js",
    "extension/language-configuration.json", grammarPath, "extension/node_modules/vscode-languageclient/package.json"]) {
    assert.ok(names.includes(name), `the VSIX has no ${name}`);
  }
  for (const name of names) assert.ok(!/(^|\/)(\.gitignore|package-lock\.json)$|\.vsix$/.test(name), `the VSIX has ${name}`);
  const grammar = path.join(dir, grammarPath);
  assert.ok(!fs.lstatSync(grammar).isSymbolicLink());
  assert.ok(fs.readFileSync(grammar).equals(fs.readFileSync(path.join(root, "editors", "dabiao.tmLanguage.json"))),
    "the packaged grammar is not editors/dabiao.tmLanguage.json");
  const vsixManifest = fs.readFileSync(path.join(dir, "extension.vsixmanifest"), "utf8");
  assert.ok(vsixManifest.includes(`Id="${manifest.name}"`) && vsixManifest.includes(`Publisher="${manifest.publisher}"`));
  console.log(`vscode: the VSIX has ${names.length} entries, the grammar at ${grammarPath}`);
  return { extension, manifest, grammar };
}

// ------------------------------------------------------------------ 2. the grammar in VS Code's engine

// A rule file, and what its tokens are: [line, text, scope] — `text` (its first occurrence in
// the line) is exactly a run of tokens, each inside `scope`; null: plain text, in tokens without
// a scope of their own (which may hold the spaces around it too).
const document = [
  "规划 \"测试\" {",
  "  基线年 2022",
  "  规划期 2023..2027",
  "}",
  "导入 \"输入.dab\"",
  "领域 幼有善育（牵头单位：区卫生健康局）{",
  "  指标 𠀀托位 \"𠀀每千人口托位数\" 单位 个 {",
  "    2023: 4.6  2025: 5  # 表格数据",
  "  }",
  "  到2027年底 普惠托位占比不低于85%",
  "  普惠托位占比稳定在90%左右  # dabiao: allow below-baseline -- 原文",
  "  达到 1.08万人次，不少于 12,500 个，控制在 1‰ 以下",
  "  ““浙里惠民保”投保率”达到 「开展试点」 \"a\\\"b\" 之后",
  "  \"没有结束的字符串",
  "  indicator rate \"rate\" unit % = total / people",
  "  rate >= 85 by 2026 // English comment",
  "  函数 增长(a, b) = if a > b then a * b else 0",
  "}",
];
const expected = [
  [0, "规划", "keyword.other.dabiao"],
  [0, "\"测试\"", "string.quoted.double.dabiao"],
  [0, "{", "punctuation.section.block.dabiao"],
  [1, "基线年", "keyword.other.dabiao"],
  [1, "2022", "constant.numeric.dabiao"],
  [2, "2023..2027", "constant.numeric.year.dabiao"],
  [4, "导入", "keyword.other.dabiao"],
  [4, "\"输入.dab\"", "string.quoted.double.dabiao"],
  [5, "领域", "keyword.declaration.dabiao"],
  [5, "幼有善育", "entity.name.namespace.domain.dabiao"],
  [5, "牵头单位", "keyword.other.dabiao"],
  [5, "（", "punctuation.section.parens.dabiao"],
  [5, "区卫生健康局", null],
  [6, "指标", "keyword.declaration.dabiao"],
  [6, "𠀀托位", "entity.name.variable.indicator.dabiao"],
  [6, "\"𠀀每千人口托位数\"", "string.quoted.double.dabiao"],
  [6, "单位", "keyword.other.dabiao"],
  [7, "2023", "constant.numeric.year.dabiao"],
  [7, ":", "punctuation.separator.dabiao"],
  [7, "4.6", "constant.numeric.dabiao"],
  [7, "# 表格数据", "comment.line.number-sign.dabiao"],
  [9, "到", "keyword.control.dabiao"],
  [9, "2027年底", "constant.numeric.year.dabiao"],
  [9, "普惠托位占比", null],
  [9, "不低于", "keyword.operator.comparison.dabiao"],
  [9, "85%", "constant.numeric.dabiao"],
  [10, "稳定在", "keyword.operator.verb.dabiao"],
  [10, "90%", "constant.numeric.dabiao"],
  [10, "左右", "keyword.operator.comparison.dabiao"],
  [10, "# dabiao: allow below-baseline -- 原文", "comment.line.pragma.dabiao"],
  [11, "达到", "keyword.operator.verb.dabiao"],
  [11, "1.08万人次", "constant.numeric.dabiao"],
  [11, "，", "punctuation.separator.dabiao"],
  [11, "不少于", "keyword.operator.comparison.dabiao"],
  [11, "12,500", "constant.numeric.dabiao"],
  [11, "控制在", "keyword.operator.verb.dabiao"],
  [11, "1‰", "constant.numeric.dabiao"],
  [11, "以下", "keyword.operator.comparison.dabiao"],
  [12, "““浙里惠民保”投保率”", "string.quoted.other.chinese.dabiao"],
  [12, "达到", "keyword.operator.verb.dabiao"],
  [12, "「开展试点」", "string.quoted.other.corner.dabiao"],
  [12, "\\\"", "constant.character.escape.dabiao"],
  [12, "之后", null],
  [13, "\"没有结束的字符串", "string.quoted.double.dabiao"],
  [14, "indicator", "keyword.declaration.dabiao"],
  [14, "rate", "entity.name.variable.indicator.dabiao"],
  [14, "unit", "keyword.other.dabiao"],
  [14, "=", "keyword.operator.comparison.dabiao"],
  [14, "/", "keyword.operator.arithmetic.dabiao"],
  [15, ">=", "keyword.operator.comparison.dabiao"],
  [15, "by", "keyword.control.dabiao"],
  [15, "// English comment", "comment.line.double-slash.dabiao"],
  [16, "函数", "keyword.declaration.function.dabiao"],
  [16, "增长", "entity.name.function.dabiao"],
  [16, "if", "keyword.control.dabiao"],
  [16, "then", "keyword.control.dabiao"],
  [16, "*", "keyword.operator.arithmetic.dabiao"],
  [16, "else", "keyword.control.dabiao"],
  [17, "}", "punctuation.section.block.dabiao"],
];

async function checkGrammar(grammarFile, scopeName) {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scope) =>
      scope === scopeName ? tm.parseRawGrammar(fs.readFileSync(grammarFile, "utf8"), grammarFile) : null,
  });
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `the engine does not load ${scopeName}`);

  let stack = tm.INITIAL;
  const lines = document.map((line) => {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
    stack = ruleStack;
    return tokens;
  });
  for (const [line, text, scope] of expected) {
    const where = `line ${line + 1} "${document[line]}", ${text}`;
    const start = document[line].indexOf(text);
    assert.ok(start >= 0, `${where}: not in the line`);
    const end = start + text.length;
    const run = lines[line].filter((t) => t.startIndex < end && t.endIndex > start);
    const exact = run.length > 0 && run[0].startIndex === start && run[run.length - 1].endIndex === end;
    assert.ok(exact || (scope === null && run.length > 0),
      `${where}: tokens ${JSON.stringify(run.map((t) => document[line].slice(t.startIndex, t.endIndex)))}`);
    for (const t of run) {
      const innermost = t.scopes.length > 1 ? t.scopes[t.scopes.length - 1] : null;
      const inside = scope === null ? innermost === null : t.scopes.includes(scope);
      assert.ok(inside, `${where}: ${document[line].slice(t.startIndex, t.endIndex)} has ${t.scopes.join(" ")}, not ${scope}`);
    }
  }
  // Every keyword, alone between spaces, is one token with a keyword scope.
  const keywords = require("./keywords");
  for (const k of keywords) {
    const { tokens } = grammar.tokenizeLine(` ${k} `, tm.INITIAL);
    const token = tokens.find((t) => t.startIndex === 1);
    assert.ok(token && token.endIndex === 1 + k.length && token.scopes.some((s) => s.startsWith("keyword.")),
      `keyword ${k}: ${JSON.stringify(tokens)}`);
  }
  console.log(`vscode: ${expected.length} tokens of ${document.length} lines and ${keywords.length} keywords in vscode-textmate ${require("vscode-textmate/package.json").version} on Oniguruma`);
}

// ------------------------------------------------------------------ 3. the language configuration

// As VS Code reads it (languageConfigurationExtensionPoint: a string is compiled without flags,
// an object with its own; the editor's word search adds 'g' and keeps 'u').
function checkLanguageConfiguration(file) {
  const conf = JSON.parse(fs.readFileSync(file, "utf8"));
  const parse = (value) => (typeof value === "string" ? new RegExp(value, "") : new RegExp(value.pattern, value.flags));
  const word = parse(conf.wordPattern);
  const words = (text) => text.match(new RegExp(word.source, "g" + (word.unicode ? "u" : "")));
  assert.deepStrictEqual(words("  指标 𠀀托位 \"𠀀每千人口托位数\" 单位 个 {"), ["指标", "𠀀托位", "𠀀每千人口托位数", "单位", "个"]);
  assert.deepStrictEqual(words("rate_2 >= 85%，普惠托位占比"), ["rate_2", "普惠托位占比"]);
  const increase = parse(conf.indentationRules.increaseIndentPattern);
  const decrease = parse(conf.indentationRules.decreaseIndentPattern);
  assert.ok(increase.test("领域 幼有善育 {") && increase.test("指标 托位 ｛") && !increase.test("指标 托位 { 2023: 1 }"));
  assert.ok(decrease.test("  }") && decrease.test("｝") && !decrease.test("  2023: 1"));
  for (const pair of conf.autoClosingPairs) {
    assert.ok((pair.notIn || []).every((n) => n === "string" || n === "comment"), JSON.stringify(pair));
  }
  console.log("vscode: the language configuration compiles as VS Code compiles it");
}

// ------------------------------------------------------------------ 4. activate()

async function checkActivation(extension) {
  const stub = path.join(__dirname, "vscode-stub.js");
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === "vscode" ? stub : resolve.call(this, request, ...rest);
  };
  const vscode = require("vscode");
  const { state, textDocument } = vscode.stub;
  state.settings["dabiao.path"] = dabiao;
  state.settings["dabiao.lang"] = "en";

  // A rule file whose target is below its baseline (a lint warning), with 𠀀 before the hovered
  // name, importing (from a folder named with 𠀀) a file with a warning of its own.
  const rules = path.join(work, "规则 一.dab");
  const text = [
    "规划 \"测试\" {",
    "  地区 测试区",
    "  基线年 2022",
    "  规划期 2023..2025",
    "}",
    "指标 𠀀托位 \"𠀀每千人口托位数\" 单位 个 {",
    "  基线 9",
    "  2023: 4",
    "}",
    "导入 \"𠀀人口/人口.dab\"",
    "",
  ].join("\n");
  fs.writeFileSync(rules, text);
  const imported = path.join(work, "𠀀人口", "人口.dab");
  fs.mkdirSync(path.dirname(imported), { recursive: true });
  fs.writeFileSync(imported, "指标 老人 \"老年人口\" 单位 万人 {\n  基线 9\n  2023: 4\n}\n");
  const doc = textDocument(rules, "dabiao", text);
  state.documents.push(doc);
  const uri = doc.uri.toString();
  const importedUri = vscode.Uri.file(imported).toString();

  // Both files' diagnostics, handed over within 20 seconds.
  const diagnosed = new Promise((done) => state.onDiagnostics.event(() => {
    if (state.diagnostics.has(uri) && state.diagnostics.has(importedUri)) done();
  }));
  const client = require(path.join(extension, "extension.js"));
  const context = { subscriptions: [] };
  await client.activate(context);
  assert.strictEqual(context.subscriptions.length, 1);
  await Promise.race([diagnosed, new Promise((_, fail) => setTimeout(() => fail(new Error(
    `no diagnostics for both files in 20 s: ${JSON.stringify([...state.diagnostics.keys()])}`)), 20000))]);

  const diagnostics = state.diagnostics.get(uri);
  assert.strictEqual(diagnostics.length, 2, JSON.stringify(diagnostics));
  const [warning, summary] = diagnostics;
  assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
  assert.strictEqual(warning.code, "below-baseline");
  assert.strictEqual(warning.source, "dabiao");
  assert.deepStrictEqual([warning.range.start.line, warning.range.start.character], [7, 2]);
  assert.ok(warning.message.startsWith("[below-baseline] the target of '𠀀托位' for 2023"), warning.message);
  // On the import's path (line 9, after 导入 and a space; 𠀀 is two units): the imported file's warning.
  assert.strictEqual(summary.severity, vscode.DiagnosticSeverity.Warning);
  assert.deepStrictEqual([summary.range.start.line, summary.range.start.character, summary.range.end.character], [9, 3, 16]);
  assert.ok(summary.message.startsWith("the imported file 𠀀人口/人口.dab has 1 warning\n"), summary.message);
  assert.strictEqual(summary.relatedInformation.length, 1);
  assert.strictEqual(summary.relatedInformation[0].location.uri.fsPath, imported);
  assert.deepStrictEqual([summary.relatedInformation[0].location.range.start.line], [2]);
  const there = state.diagnostics.get(importedUri);
  assert.strictEqual(there.length, 1, JSON.stringify(there));
  assert.strictEqual(there[0].code, "below-baseline");
  assert.deepStrictEqual([there[0].range.start.line, there[0].range.start.character], [2, 2]);

  // Hover through the client's provider: UTF-16 character 4 is inside 𠀀托位 (𠀀 is two units).
  const source = new vscode.CancellationTokenSource();
  const hover = await state.providers.hover.provideHover(doc, new vscode.Position(5, 4), source.token);
  assert.ok(hover.contents[0].value.includes("𠀀每千人口托位数"), JSON.stringify(hover));
  assert.deepStrictEqual([hover.range.start.character, hover.range.end.character], [3, 7]);

  await client.deactivate();
  assert.deepStrictEqual(state.shown, []);
  assert.ok(!state.log.some((line) => line.includes("[Error")), state.log.join("\n"));
  console.log(`vscode: activate() started ${dabiao} lsp through vscode-languageclient ` +
    `${require(path.join(extension, "node_modules", "vscode-languageclient", "package.json")).version}: ` +
    "initialize, diagnostics, hover, shutdown");
}

(async () => {
  const { extension, manifest, grammar } = await checkPackage();
  await checkGrammar(grammar, manifest.contributes.grammars[0].scopeName);
  checkLanguageConfiguration(path.join(extension, manifest.contributes.languages[0].configuration));
  await checkActivation(extension);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
