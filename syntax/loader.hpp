// Reading rule files: the prelude from the standard library, the file given on the command
// line, and everything they import (relative paths; cycles are errors naming the cycle).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "syntax/ast.hpp"
#include "base/diagnostics.hpp"

namespace dabiao {

// Files larger than this are refused with an error instead of being read into memory.
inline constexpr std::size_t kMaxRuleFileBytes = 16 * 1024 * 1024;
// Imports nested deeper than this (a imports b imports c …) are refused: loading is recursive.
inline constexpr std::size_t kMaxImportDepth = 1000;
// How long a read from a pipe waits for its writer before it gives up.
inline constexpr int kPipeWaitSeconds = 10;

struct LoadOptions {
    std::optional<std::string> stdlib_dir;  // --stdlib; else $DABIAO_STDLIB; else the built-in locations
    bool prelude = true;
    // Texts that stand in for files on disk, by canonical path (std::filesystem::weakly_canonical):
    // the language server's open documents, whose unsaved text is what the analyst sees.
    const std::map<std::string, std::string>* overlay = nullptr;
    // --rules-root: rules from someone other than the operator. Every import must be a relative
    // path that resolves (symlinks followed) to a regular file inside this folder.
    std::optional<std::string> rules_root;
};

// The modules of a program in load order: prelude, then each import before its importer.
std::vector<ast::Module> load_program(const std::string& path, const LoadOptions& options, SourceMap& sources,
                                      Diagnostics& diags);

// Reads a whole file; on failure adds an error naming the file and returns nothing.
std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes, Diagnostics& diags);

// Where the prelude was found (for `dabiao --version` and error messages).
std::optional<std::string> find_stdlib(const LoadOptions& options);

}  // namespace dabiao
