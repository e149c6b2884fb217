// Every keyword of the language (syntax/rules.hpp), in English and Chinese: the grammar must
// highlight each (tests/editors/grammar_test.js with JavaScript regexes, vscode_test.js with VS
// Code's own TextMate engine).
"use strict";
module.exports = ["plan", "规划", "方案", "region", "地区", "baseline", "基线年", "基线", "period", "规划期", "期间",
  "domain", "领域", "lead", "牵头单位", "牵头", "indicator", "指标", "input", "输入", "unit", "单位", "higher",
  "越高越好", "lower", "越低越好", "stages", "阶段", "milestone", "里程碑", "parts", "分项", "fn", "函数", "import",
  "导入", "source", "出处", "and", "且", "or", "或", "not", "非", "if", "如果", "then", "则", "else", "否则", "year", "当年",
  "cumulative", "累计", "respectively", "分别"];
