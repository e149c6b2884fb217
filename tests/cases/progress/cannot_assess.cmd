check {dab} --data {json} --as-of 2023
check {dab} --data {json} --as-of 2023 --lang en
explain {dab} --data {json} --as-of 2023 --indicator 无基线 --year 2024
explain {dab} --data {json} --as-of 2023 --indicator 只有基线年 --year 2024 --lang en
