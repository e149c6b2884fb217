// Units of measure. A unit is a product of named bases with exponents and a power-of-ten
// scale: 万人 = 人 × 10^4, 台/万人 = 台 · 人^-1 × 10^-4. "%" and "‰" are bases of their own,
// so mixing them is an error rather than a silent factor of ten.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace dabiao {

struct Unit {
    std::map<std::string, int> dims;  // base → exponent
    int scale = 0;                    // power of ten
    std::string text;                 // as declared ("万人"); empty for computed units

    bool dimensionless() const { return dims.empty(); }
    bool is_percent() const;
    bool is_permille() const;
    // The unit as people write it: the declared text, or e.g. "个/人" for a computed unit.
    std::string name() const;
    friend bool operator==(const Unit& a, const Unit& b) { return a.dims == b.dims && a.scale == b.scale; }
};

// "万人" → 人×10^4; "%"; "‰"; "台/万人"; "" → dimensionless.
Unit parse_unit(std::string_view text);

// Same bases with the same exponents: values convert by a power of ten.
bool same_dimension(const Unit& a, const Unit& b);
// Factor that turns a value in `from` into `to` (same dimension required): 1 万人 = 10000 人.
double conversion_factor(const Unit& from, const Unit& to);

Unit multiply(const Unit& a, const Unit& b);
Unit divide(const Unit& a, const Unit& b);

// A value as reports and messages show it: binary noise rounded away ("0.1", not
// "0.10000000000000001"), and with its unit ("85%", "1.08万人次" is shown as 10800人次).
std::string format_number(double v);
std::string format_with_unit(double v, const Unit& unit);

}  // namespace dabiao
