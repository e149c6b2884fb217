// `dabiao lsp`: a Language Server over standard input and output (docs/tools.md). Diagnostics
// from the same checker and linter as `dabiao check` and `dabiao lint`, run on the editor's
// unsaved text; hover, go to definition, completion, formatting (`dabiao fmt`) and document
// symbols. Positions are UTF-16 code units, as the protocol counts them.
#pragma once

#include <iosfwd>
#include <string>

#include "base/diagnostics.hpp"
#include "syntax/loader.hpp"

namespace dabiao::lsp {

struct LspOptions {
    LoadOptions load;
    Lang lang = Lang::zh;  // of the messages; the client may choose with initializationOptions {"lang": "en"}
};

// Serves one client until it sends `exit` or the input ends. Returns the exit code the protocol
// asks for: 0 when `shutdown` came before, 1 otherwise.
int run_lsp(const LspOptions& options, std::istream& in, std::ostream& out);

// file:///home/a/%E8%A7%84%E5%88%99.dab ↔ /home/a/规则.dab (other schemes: an empty path).
std::string uri_to_path(const std::string& uri);
std::string path_to_uri(const std::string& path);

}  // namespace dabiao::lsp
