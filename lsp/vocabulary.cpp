#include "lsp/vocabulary.hpp"

namespace dabiao::lsp {

const std::vector<VocabularyWord>& vocabulary() {
    static const std::vector<VocabularyWord> words = [] {
        std::vector<VocabularyWord> list;
        const auto add = [&](std::initializer_list<std::string_view> texts, Text meaning) {
            for (const auto t : texts) list.push_back({t, meaning});
        };
        const auto compare = [&](std::initializer_list<std::string_view> texts, Text meaning) {
            for (const auto t : texts) list.push_back({t, meaning, true});
        };
        // Declarations.
        add({"plan", "规划", "方案"}, {"keyword: the plan", "关键字：规划"});
        add({"region", "地区"}, {"keyword: the plan's region", "关键字：地区"});
        add({"baseline", "基线", "基线年"}, {"keyword: baseline (year)", "关键字：基线（年）"});
        add({"period", "规划期", "期间"}, {"keyword: the plan's period", "关键字：规划期"});
        add({"domain", "领域"}, {"keyword: a domain", "关键字：领域"});
        add({"lead", "牵头单位", "牵头"}, {"keyword: lead departments", "关键字：牵头单位"});
        add({"indicator", "指标"}, {"keyword: an indicator", "关键字：指标"});
        add({"input", "输入"}, {"keyword: an input", "关键字：输入"});
        add({"unit", "单位"}, {"keyword: the unit", "关键字：单位"});
        add({"higher", "越高越好"}, {"keyword: higher is better", "关键字：越高越好"});
        add({"lower", "越低越好"}, {"keyword: lower is better", "关键字：越低越好"});
        add({"stages", "阶段"}, {"keyword: ordered stages", "关键字：阶段"});
        add({"milestone", "里程碑"}, {"keyword: a milestone", "关键字：里程碑"});
        add({"parts", "分项"}, {"keyword: the parts of a paired indicator", "关键字：分项"});
        add({"fn", "函数"}, {"keyword: a function", "关键字：函数"});
        add({"import", "导入"}, {"keyword: import a file", "关键字：导入文件"});
        add({"source", "出处"}, {"keyword: targets quoted from a part of the plan", "关键字：出处"});
        add({"tolerance", "容差"}, {"keyword: the tolerance of 左右 targets (3%: of the target value; 0.5: in the unit)",
                                  "关键字：左右目标的容差（3%：目标值的百分比；0.5：以指标单位计）"});
        add({"precision", "精度"}, {"keyword: the step equality and computed targets compare at (精度 1元)",
                                  "关键字：等值和计算所得目标比较时的精度（精度 1元）"});
        add({"水平", "level"}, {"verb declaration: the verb holds a level (its 左右 is a band on both sides)",
                              "动词声明：保持水平（其“左右”为双侧区间）"});
        // Expressions and years.
        add({"and", "且", "or", "或", "not", "非", "if", "如果", "then", "则", "else", "否则", "year", "当年"},
            {"keyword: expression", "关键字：表达式"});
        add({"by", "in", "from", "since", "to", "until", "every year", "每年", "cumulative", "累计", "respectively",
             "分别"},
            {"keyword: when a target is due", "关键字：目标年份"});
        add({"全覆盖", "full", "清零", "动态清零", "zero"}, {"special value", "特殊值"});
        // Comparators.
        compare({"不低于", "不少于", "以上", "及以上"}, {"comparator: at least (≥)", "比较：不低于（≥）"});
        compare({"不高于", "不超过", "以下", "以内"}, {"comparator: at most (≤)", "比较：不高于（≤）"});
        compare({"高于", "超过"}, {"comparator: more than (>)", "比较：高于（>）"});
        compare({"低于", "少于"}, {"comparator: less than (<)", "比较：低于（<）"});
        compare({"左右", "约", "around"}, {"comparator: about (≈): at least the value minus the tolerance (lower is better: at most "
                                     "plus); both sides after a verb that holds a level (保持在) or with ±",
                                     "比较：左右（≈）：不低于目标值减容差（越低越好：不高于目标值加容差）；"
                                     "保持类动词（保持在）或写明 ± 时为双侧区间"});
        return list;
    }();
    return words;
}

const std::vector<std::string_view>& common_units() {
    static const std::vector<std::string_view> units = {"%", "‰", "人", "万人", "人次", "万人次", "个", "家",
                                                        "所", "张", "元", "万元", "亿元", "岁", "年"};
    return units;
}

}  // namespace dabiao::lsp
