#include "report/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "base/terminal.hpp"
#include "base/words.hpp"
#include "report/report.hpp"

namespace dabiao {

namespace {

using json = nlohmann::ordered_json;

// Best first: the share of due targets met, then more met, then fewer missed; ties share a rank.
void rank(std::vector<Standing>& list) {
    const auto key = [](const Standing& s) { return std::tuple(-s.rate(), -static_cast<long>(s.met), s.missed); };
    std::stable_sort(list.begin(), list.end(), [&](const Standing& a, const Standing& b) {
        return key(a) != key(b) ? key(a) < key(b) : a.region < b.region;
    });
    for (std::size_t k = 0; k < list.size(); ++k) {
        list[k].rank = k > 0 && key(list[k]) == key(list[k - 1]) ? list[k - 1].rank : k + 1;
    }
}

void tally(Standing& s, Status status) {
    if (status == Status::met) ++s.met;
    if (status == Status::missed) ++s.missed;
    if (status == Status::no_data) ++s.no_data;
}

Standing standing(const std::string& region, const Summary& s) {
    return Standing{region, s.met, s.missed, s.no_data};
}

std::string percent(const Standing& s) {
    return s.due() == 0 ? "—" : format_number(std::round(s.rate() * 1000) / 10) + "%";
}

json standing_json(const Standing& s) {
    return json{{"rank", s.rank},
                {"region", s.region},
                {"met", s.met},
                {"missed", s.missed},
                {"no_data", s.no_data},
                {"due", s.due()},
                {"rate", s.due() == 0 ? json(nullptr) : json(std::stod(format_number(s.rate())))}};
}

}  // namespace

Comparison compare_regions(const Program& program, const std::vector<RegionReport>& reports) {
    Comparison c;
    c.as_of = reports.empty() ? 0 : reports.front().as_of;
    c.domains.resize(program.domains.size());
    c.leads.resize(program.leads.size());
    c.indicators.resize(program.indicators.size());
    for (const RegionReport& r : reports) {
        // The whole plan, domains and lead departments: judge() has counted them already.
        c.overall.push_back(standing(r.region, r.summary));
        for (std::size_t d = 0; d < program.domains.size(); ++d)
            c.domains[d].push_back(standing(r.region, r.domains[d]));
        for (std::size_t l = 0; l < program.leads.size(); ++l) c.leads[l].push_back(standing(r.region, r.leads[l]));
        std::vector<Standing> indicators(program.indicators.size(), Standing{r.region});
        for (const Verdict& v : r.verdicts) tally(indicators[program.targets[v.target].indicator], v.status);
        for (std::size_t i = 0; i < indicators.size(); ++i) {
            if (indicators[i].due() > 0) c.indicators[i].push_back(indicators[i]);
        }
    }
    rank(c.overall);
    for (auto& d : c.domains) rank(d);
    for (auto& l : c.leads) rank(l);
    for (auto& i : c.indicators) rank(i);
    return c;
}

// The region column is at most this wide; a longer name is cut with "…".
constexpr int kMaxRegionWidth = 60;

std::string render_comparison(const Program& program, const Comparison& c, Lang lang) {
    std::string out = "\n" + phrase::regions_compared(c.as_of).in(lang) + "\n";
    std::vector<std::string> header;
    for (const Word w : {Word::col_rank, Word::col_region, Word::status_met, Word::col_due, Word::col_rate,
                         Word::status_missed, Word::status_no_data})
        header.push_back(word(w).in(lang));
    std::vector<std::vector<std::string>> rows;
    for (const Standing& s : c.overall) {
        rows.push_back({std::to_string(s.rank), text::cut_to_width(text::for_terminal(s.region), kMaxRegionWidth), std::to_string(s.met), std::to_string(s.due()), percent(s),
                        std::to_string(s.missed), std::to_string(s.no_data)});
    }
    std::vector<int> widths(header.size());
    for (std::size_t k = 0; k < header.size(); ++k) widths[k] = text::display_width(header[k]);
    for (const auto& r : rows) {
        for (std::size_t k = 0; k < r.size(); ++k) widths[k] = std::max(widths[k], text::display_width(r[k]));
    }
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string l = " ";
        for (std::size_t k = 0; k < cells.size(); ++k) l += " " + text::pad(cells[k], widths[k], k != 1);
        return l + "\n";
    };
    out += line(header);
    for (const auto& r : rows) out += line(r);

    const auto ranking = [&](const std::vector<Standing>& list) {
        std::string s;
        for (const Standing& st : list) {
            s += fmt::format("{}{}. {} {}/{}", s.empty() ? "" : "  ", st.rank, text::for_terminal(st.region), st.met, st.due());
        }
        return s;
    };
    const std::string& colon = word(Word::colon).in(lang);
    out += "\n" + word(Word::by_domain).in(lang) + "\n";
    for (std::size_t d = 0; d < program.domains.size(); ++d) {
        out += fmt::format("  {}{}{}\n", text::for_terminal(program.domains[d].name), colon, ranking(c.domains[d]));
    }
    if (!program.leads.empty()) out += "\n" + word(Word::by_lead_compared).in(lang) + "\n";
    for (std::size_t l = 0; l < program.leads.size(); ++l) {
        out += fmt::format("  {}{}{}\n", text::for_terminal(program.leads[l].name), colon, ranking(c.leads[l]));
    }
    out += "\n" + word(Word::by_indicator).in(lang) + "\n";
    for (std::size_t i = 0; i < program.indicators.size(); ++i) {
        if (c.indicators[i].empty()) continue;
        out += fmt::format("  {}{}{}\n", text::for_terminal(program.indicators[i].name), colon, ranking(c.indicators[i]));
    }
    return out;
}

json comparison_json(const Program& program, const Comparison& c) {
    const auto list = [](const std::vector<Standing>& standings) {
        json out = json::array();
        for (const Standing& s : standings) out.push_back(standing_json(s));
        return out;
    };
    json domains = json::array();
    for (std::size_t d = 0; d < program.domains.size(); ++d) {
        domains.push_back(json{{"domain", program.domains[d].name}, {"ranking", list(c.domains[d])}});
    }
    json leads = json::array();
    for (std::size_t l = 0; l < program.leads.size(); ++l) {
        leads.push_back(json{{"lead", program.leads[l].name}, {"ranking", list(c.leads[l])}});
    }
    json indicators = json::array();
    for (std::size_t i = 0; i < program.indicators.size(); ++i) {
        if (c.indicators[i].empty()) continue;
        indicators.push_back(json{{"indicator", program.indicators[i].key},
                                  {"name", program.indicators[i].name},
                                  {"ranking", list(c.indicators[i])}});
    }
    return json{{"as_of", c.as_of},
                {"overall", list(c.overall)},
                {"domains", domains},
                {"leads", leads},
                {"indicators", indicators}};
}

}  // namespace dabiao
