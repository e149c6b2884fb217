// The small integer ids the checker gives a program's declarations; every later stage refers to
// them by id, never by name.
#pragma once

#include <cstdint>

namespace dabiao {

using IndicatorId = std::uint32_t;
using DomainId = std::uint32_t;
using LeadId = std::uint32_t;
using FunctionId = std::uint32_t;
using TagId = std::uint32_t;  // a tag (标签 约束性): Program::tags

}  // namespace dabiao
