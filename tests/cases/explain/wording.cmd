check {dab}
check {dab} --lang en
explain {dab} --data {json} --indicator 综合保障率 --year 2024
explain {dab} --data {json} --indicator 综合保障率 --year 2024 --lang en
explain {dab} --data {json} --indicator 托位数 --year 2026 --as-of 2024
explain {dab} --data {json} --indicator 托位数 --year 2026 --as-of 2024 --lang en
check {dab} --data {dir}/wording_regions.json --as-of 2024 --lang en
