// The visitor helper for std::visit over the AST and IR variants:
//   std::visit(overloaded{[](const A&) {...}, [](const B&) {...}}, node);
#pragma once

namespace dabiao {

template <class... Ts>
struct overloaded : Ts... {
    using Ts::operator()...;
};

// Spelled out for compilers without C++20's deduction for aggregates (clang before 17).
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace dabiao
