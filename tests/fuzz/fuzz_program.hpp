// The fixed rule program of the data-file fuzzers (fuzz_json, fuzz_csv): a small valid plan with
// an indicator of every kind the data reader treats differently — %, ‰, 人, 万人 (unit
// conversion), lower-is-better, around, cumulative, staged and milestone, paired parts, an
// input, derived indicators (built-ins, a user function, x[year - 1]) and a source block.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "tests/fuzz/fuzz_common.hpp"

namespace dabiao::fuzz {

inline constexpr const char* kProgramName = "fuzz_program.dab";

inline constexpr const char* kProgramText =
    R"dab(# fuzz_json's fixed program: one indicator of every kind the data reader distinguishes.
规划 "模糊测试" {
  地区 洞头区
  基线年 2022
  规划期 2023..2027
}

领域 幼有善育（牵头单位：区卫生健康局）{
  指标 普惠托位占比 "普惠托位占比" 单位 % {
    基线 75
    2023: 80  2024: 80  2025: 80  2026: 85  2027: > 85
  }
  指标 失业率 "城镇调查失业率" 单位 % 越低越好 { 基线 4.7  2023..2027: < 5 }
  指标 缺陷发生率 "严重致残出生缺陷发生率" 单位 ‰ 越低越好 { 基线 0.9 }
  到2027年 缺陷发生率 控制在 1‰以下
  指标 保障率 "困难群众医疗费用综合保障率" 单位 % { 基线 88 }
  到2027年 保障率 稳定在 90%左右
}

领域 劳有所得 牵头单位 区人力社保局、区医保分局 {
  指标 新增就业 "城镇新增就业人数" 单位 人 { 基线 1932  2023..2027: 1300 }
  到2027年 累计 新增就业 达到 6500人
  指标 培训人数 "开展职业技能培训人数" 单位 万人 { 基线 0.5  2023: 0.6  2027: 1.08万人 }
  输入 应参保人数 "长护险应参保人数" 单位 万人
  指标 长护险 "长护险居民参保覆盖" 单位 万人 全覆盖 = 应参保人数 { 2024: 全覆盖 }
  指标 能级工资协商 "能级工资集体协商" 阶段 未开展 < 开展试点 < 全覆盖 { 基线 "未开展"  2025: 开展试点  2027: 全覆盖 }
  指标 医院能力 "医院达到县级医院医疗服务能力推荐标准" 里程碑 { 基线 未达成  2025: 达成 }
  指标 老年友好 "老年友好镇街、村社" 单位 个 分项 镇街 "老年友好镇街"、村社 "老年友好村社" {
    基线 1(3)
    2023: 2(8)  2024: 4(14)  2025: 6(20)  2026: 7(25)  2027: 7(30)
  }
  出处 "二(五)" {
    到2027年 老年友好.村社 达到 32个以上
  }
  输入 常住人口 "常住人口" 单位 万人
  输入 托位 "托位数" 单位 个
  指标 每千人托位 "每千人口托位数" 单位 个/千人 = 每千(托位, 常住人口) { 2025: 5.5  2027: > 5.55 }
  指标 参保率 "长护险参保率" 单位 % = 占比(长护险, 应参保人数) { 2027: >= 95 }
  指标 就业增量 "新增就业变化" 单位 人 = 新增就业 - 前一年(新增就业) { 2024..2027: >= 0 }
  指标 培训累计 "培训累计" 单位 万人 = 累计(培训人数, 2023) { 2027: >= 3 }
}

函数 前一年(x) = x[year - 1]
)dab";

// The program, checked once. Its spans refer to FileId 0: every SourceMap a data fuzzer
// builds registers kProgramText first, so that its file 0 is the same text.
struct FixedProgram {
    SourceMap sources;
    Program program;
};

inline const FixedProgram& fixed_program() {
    static const FixedProgram* fixed = [] {
        auto* f = new FixedProgram;
        Diagnostics diags;
        const FileId file = f->sources.add(kProgramName, kProgramText);
        const ast::Module module = grammar::parse_module(f->sources, file, diags);
        f->program = check({&module}, f->sources, diags);
        if (diags.has_errors() || f->program.indicators.empty()) {
            std::fputs(render_diagnostics(diags, f->sources, {Lang::en, false}).c_str(), stderr);
            std::abort();  // the harness itself is broken
        }
        return f;
    }();
    return *fixed;
}

// A fresh SourceMap whose file 0 is the program's text (spans of the program stay valid).
inline std::unique_ptr<SourceMap> sources_with_program() {
    auto sources = std::make_unique<SourceMap>();
    sources->add(kProgramName, kProgramText);
    return sources;
}

}  // namespace dabiao::fuzz
