check {dab} --data {json}
check {dab} --data {json} --lang en
check {dab} --data {json} --format json
explain {dab} --data {json} --indicator 收入 --year 2025
explain {dab} --data {json} --indicator 失业率 --year 2025 --lang en
