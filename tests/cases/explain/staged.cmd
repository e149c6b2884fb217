explain {dab} --data {json} --indicator 工资协商 --year 2025
explain {dab} --data {json} --indicator 工资协商 --year 2025 --format json
check {dab} --data {json} --format json
