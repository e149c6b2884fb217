explain {dab} --data {json} --indicator 普惠托位占比 --year 2024
explain {dab} --data {json} --indicator 普惠托位占比 --year 2024 --lang en
explain {dab} --data {json} --indicator 普惠托位占比 --year 2024 --format json
explain {dab} --data {json} --indicator 每千人口托位数 --year 2024
explain {dab} --data {json} --indicator 每千人口托位数 --year 2024 --lang en
explain {dab} --data {json} --indicator 每千人口托位数 --year 2024 --format json
explain {dab} --data {json} --indicator 城镇新增就业人数 --year 2024
explain {dab} --data {json} --indicator 新增就业 --year 2024 --lang en
explain {dab} --data {json} --indicator 新增就业 --year 2024 --format json
explain {dab} --data {json} --indicator 普惠托位占比 --year 2026
explain {dab} --data {json} --indicator 普惠托位占比 --year 2026 --lang en
explain {dab} --data {json} --indicator 普惠托位占比 --year 2026 --format json
explain {dab} --data {json} --indicator 普惠托位 --year 2024
explain {dab} --data {json} --indicator 普惠托位 --year 2024 --lang en
