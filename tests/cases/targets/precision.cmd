check {dab} --data {json} --as-of 2026
check {dab} --data {json} --as-of 2026 --lang en --format json
explain {dab} --data {json} --indicator 边缘标准 --year 2023
explain {dab} --data {json} --indicator 边缘标准 --year 2025 --lang en
explain {dab} --data {json} --indicator 覆盖率 --year 2023
explain {dab} --data {json} --indicator 补助 --year 2023 --lang en
explain {dab} --data {json} --indicator 满意度 --year 2024
