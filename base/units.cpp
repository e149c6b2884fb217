#include "base/units.hpp"

#include <fmt/format.h>
#include <cmath>

namespace dabiao {

namespace {

void add_dims(std::map<std::string, int>& into, const std::map<std::string, int>& from, int sign) {
    for (const auto& [base, exp] : from) {
        const int e = into[base] + sign * exp;
        if (e == 0) {
            into.erase(base);
        } else {
            into[base] = e;
        }
    }
}

// One side of a unit: an optional 万/亿 magnitude, then the base ("万人" → 人, 4).
std::pair<std::string, int> parse_atom(std::string_view atom) {
    for (const auto& [prefix, scale] : {std::pair{std::string_view("万"), 4}, std::pair{std::string_view("亿"), 8},
                                        std::pair{std::string_view("千"), 3}, std::pair{std::string_view("百"), 2}}) {
        // 千/百 only as "per thousand people" style denominators (千人, 百户); 万/亿 anywhere.
        if (atom.size() > prefix.size() && atom.starts_with(prefix)) {
            if (scale < 4 && atom.substr(prefix.size()) != "人" && atom.substr(prefix.size()) != "户") continue;
            return {std::string(atom.substr(prefix.size())), scale};
        }
    }
    return {std::string(atom), 0};
}

}  // namespace

bool Unit::is_percent() const {
    return dims.size() == 1 && dims.begin()->first == "%" && dims.begin()->second == 1;
}
bool Unit::is_permille() const {
    return dims.size() == 1 && dims.begin()->first == "‰" && dims.begin()->second == 1;
}

std::string Unit::name() const {
    if (!text.empty()) return text;
    if (dims.empty()) return scale == 0 ? "" : fmt::format("×10^{}", scale);
    std::string num;
    std::string den;
    for (const auto& [base, exp] : dims) {
        std::string& side = exp > 0 ? num : den;
        const int n = exp > 0 ? exp : -exp;
        side += (side.empty() ? "" : "·") + base + (n > 1 ? fmt::format("^{}", n) : "");
    }
    std::string prefix = scale == 4 ? "万" : scale == 8 ? "亿" : scale == 0 ? "" : fmt::format("10^{}·", scale);
    if (num.empty()) num = "1";
    return den.empty() ? prefix + num : prefix + num + "/" + den;
}

Unit parse_unit(std::string_view text) {
    Unit u;
    u.text = std::string(text);
    if (text.empty()) return u;
    if (text == "%" || text == "％") {
        u.dims["%"] = 1;
        u.text = "%";
        return u;
    }
    if (text == "‰") {
        u.dims["‰"] = 1;
        return u;
    }
    const auto slash = text.find('/');
    const auto [num, num_scale] = parse_atom(text.substr(0, slash));
    u.dims[num] = 1;
    u.scale = num_scale;
    if (slash != std::string_view::npos) {
        const auto [den, den_scale] = parse_atom(text.substr(slash + 1));
        add_dims(u.dims, {{den, 1}}, -1);
        u.scale -= den_scale;
    }
    return u;
}

bool same_dimension(const Unit& a, const Unit& b) {
    return a.dims == b.dims;
}

double conversion_factor(const Unit& from, const Unit& to) {
    return std::pow(10.0, from.scale - to.scale);
}

Unit multiply(const Unit& a, const Unit& b) {
    Unit u;
    u.dims = a.dims;
    add_dims(u.dims, b.dims, 1);
    u.scale = a.scale + b.scale;
    return u;
}

Unit divide(const Unit& a, const Unit& b) {
    Unit u;
    u.dims = a.dims;
    add_dims(u.dims, b.dims, -1);
    u.scale = a.scale - b.scale;
    return u;
}

std::string format_number(double v) {
    // Binary noise such as 2.9e-15 left by a subtraction is zero.
    if (std::abs(v) < 1e-9) return "0";
    // Beyond 1e15 a double has no decimals to round; v * 1e4 would overflow above ~1.8e304.
    if (std::abs(v) >= 1e15 || !std::isfinite(v)) return fmt::format("{}", v);
    // Four decimals for ordinary magnitudes, six significant digits for small fractions:
    // enough for every value a plan states, without noise such as 0.020000000000000462.
    const double rounded = std::abs(v) >= 1 ? std::round(v * 1e4) / 1e4 : std::stod(fmt::format("{:.6g}", v));
    return fmt::format("{}", rounded);
}

std::string format_with_unit(double v, const Unit& unit) {
    // A large count in a base unit reads as Chinese reports write it: 1000万人, 1.2亿元, not
    // 10000000人. Units that carry a magnitude already (万人), rates and compound units keep the number.
    const bool count = unit.scale == 0 && !unit.is_percent() && !unit.is_permille() &&
                       (unit.dims.empty() || (unit.dims.size() == 1 && unit.dims.begin()->second == 1));
    if (count && std::abs(v) >= 1e8 && std::abs(v) < 1e15) return format_number(v / 1e8) + "亿" + unit.name();
    if (count && std::abs(v) >= 1e5 && std::abs(v) < 1e15) return format_number(v / 1e4) + "万" + unit.name();
    return format_number(v) + unit.name();
}

}  // namespace dabiao
