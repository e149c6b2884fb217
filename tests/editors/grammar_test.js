// The editor files (editors/): run by ctest with node. Checks that
//  - the TextMate grammar, the VS Code manifest and language configuration are valid JSON;
//  - every regex of the grammar (match, begin, end) compiles as a JavaScript regex with the
//    'u' flag (the patterns use only syntax that Oniguruma, VS Code's engine, reads the same way;
//    scripts/vscode-test.sh runs them in that engine itself when npm can install it);
//  - every "include" names a rule of the grammar's repository;
//  - the manifest wires the language, the grammar (its file is the grammar itself) and the
//    configuration, and the extension starts `dabiao lsp`;
//  - the grammar's rules give the expected scopes to samples: comments, pragmas, strings in
//    three quotes, years, numbers with units and %, keywords in Chinese and English, verbs,
//    comparators and operators; and every keyword of the language is highlighted.
"use strict";
const fs = require("fs");
const path = require("path");
const assert = require("assert");

const root = path.resolve(__dirname, "..", "..");
const editors = path.join(root, "editors");
const readJson = (p) => JSON.parse(fs.readFileSync(p, "utf8"));

const grammar = readJson(path.join(editors, "dabiao.tmLanguage.json"));
const manifest = readJson(path.join(editors, "vscode", "package.json"));
const languageConfiguration = readJson(path.join(editors, "vscode", "language-configuration.json"));

let regexes = 0;
const compile = (source, where) => {
  try {
    regexes += 1;
    return new RegExp(source, "u");
  } catch (e) {
    assert.fail(`${where}: ${e.message}`);
  }
};

// Every rule, with its path, and every include.
const rules = [];
const walk = (node, where) => {
  if (Array.isArray(node)) return node.forEach((n, k) => walk(n, `${where}[${k}]`));
  if (node === null || typeof node !== "object") return;
  for (const key of ["match", "begin", "end"]) {
    if (typeof node[key] === "string") rules.push({ where: `${where}.${key}`, name: node.name, key, re: compile(node[key], `${where}.${key}`) });
  }
  if (typeof node.include === "string" && node.include.startsWith("#")) {
    assert.ok(node.include.slice(1) in grammar.repository, `${where}: include ${node.include} names no rule`);
  }
  for (const [key, value] of Object.entries(node)) walk(value, `${where}.${key}`);
};
walk(grammar, "grammar");
assert.ok(regexes >= 20, `only ${regexes} regexes found`);
assert.strictEqual(grammar.scopeName, "source.dabiao");
// The language configuration's regexes as VS Code compiles them: a string without flags, an
// object with its own (the word pattern needs 'u' for characters outside the BMP such as 𠀀).
const configured = (value, where) => {
  try {
    return typeof value === "string" ? new RegExp(value, "") : new RegExp(value.pattern, value.flags);
  } catch (e) {
    assert.fail(`${where}: ${e.message}`);
  }
};
const wordPattern = configured(languageConfiguration.wordPattern, "wordPattern");
assert.strictEqual(wordPattern.exec("𠀀托位 \"名称\"")[0], "𠀀托位");
configured(languageConfiguration.indentationRules.increaseIndentPattern, "increaseIndentPattern");
configured(languageConfiguration.indentationRules.decreaseIndentPattern, "decreaseIndentPattern");

// The manifest.
const language = manifest.contributes.languages[0];
assert.strictEqual(language.id, "dabiao");
assert.deepStrictEqual(language.extensions, [".dab"]);
assert.ok(fs.existsSync(path.join(editors, "vscode", language.configuration)));
const wired = manifest.contributes.grammars[0];
assert.strictEqual(wired.scopeName, grammar.scopeName);
assert.strictEqual(fs.readFileSync(path.join(editors, "vscode", wired.path), "utf8"),
                   fs.readFileSync(path.join(editors, "dabiao.tmLanguage.json"), "utf8"));
const extension = fs.readFileSync(path.join(editors, "vscode", manifest.main), "utf8");
assert.ok(extension.includes('["lsp"]') && extension.includes("vscode-languageclient"), "extension.js starts dabiao lsp");

// What the repository's rule `name` matches in `text`: the whole match of its regex.
const repo = grammar.repository;
const matchOf = (rule, text) => {
  const m = new RegExp(rule.match, "u").exec(text);
  return m ? m[0] : null;
};
const firstPattern = (name, text) => {
  for (const rule of repo[name].patterns || [repo[name]]) {
    const found = rule.match ? matchOf(rule, text) : null;
    if (found !== null) return { rule, found };
  }
  return null;
};
const samples = [
  ["comment", "  2023: 80  # 表格数据", "# 表格数据"],
  ["comment", "// English comment", "// English comment"],
  ["year", "到2027年底 普惠托位占比", "2027年底"],
  ["year", "规划期 2023..2027", "2023..2027"],
  ["year", "  2023: 4.6", "2023"],
  ["number", "保持在 92.5% 以上", "92.5%"],
  ["number", "达到 1.08万人次", "1.08万人次"],
  ["number", "不低于 12,500", "12,500"],
  ["number", "控制在 1‰ 以下", "1‰"],
  ["keyword", "指标 托位数 \"托位数\" 单位 个", "指标"],
  ["keyword", "indicator rate unit %", "indicator"],
  ["keyword", "if x then 1 else 0", "if"],
  ["verb", "普惠托位占比稳定在90%左右", "稳定在"],
  ["comparator", "普惠托位占比不低于85%", "不低于"],
  ["comparator", "rate >= 85 by 2026", ">="],
  ["operator", "= 托位总数 / 常住人口", "/"],
];
for (const [name, text, expected] of samples) {
  const hit = firstPattern(name, text);
  assert.ok(hit, `${name} does not match ${text}`);
  assert.strictEqual(hit.found, expected, `${name} in ${text}`);
}
assert.strictEqual(firstPattern("comment", "# dabiao: allow below-baseline -- 原文").rule.name, "comment.line.pragma.dabiao");
const declared = new RegExp(repo.declaration.patterns[0].match, "u").exec("指标 𠀀托位 \"名称\"");
assert.strictEqual(declared[2], "𠀀托位");
for (const [open, text] of [["\"", "\"a\\\"b\""], ["“", "“““浙里惠民保”投保率”"], ["「", "「开展试点」"]]) {
  const rule = repo.string.patterns.find((p) => p.begin === open);
  assert.ok(rule && new RegExp(rule.begin, "u").test(text) && new RegExp(rule.end, "u").test(text.slice(1)), open);
}
// Every keyword of the language is one of the keyword rules' words.
const keywords = require("./keywords");
for (const k of keywords) {
  const hit = repo.keyword.patterns.some((p) => matchOf(p, ` ${k} `) === k);
  assert.ok(hit, `keyword ${k} is not highlighted`);
}
console.log(`editors: ${regexes} regexes compile, ${samples.length} samples and ${keywords.length} keywords match`);
