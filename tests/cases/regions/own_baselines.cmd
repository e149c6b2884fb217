check {dab} --data {json} --as-of 2024
check {dab} --data {json} --as-of 2024 --format json --lang en
explain {dab} --data {json} --as-of 2024 --indicator 普惠托位数 --year 2027 --region 玉环市
explain {dab} --data {json} --as-of 2024 --indicator 普惠托位数 --year 2027 --region 鹿城区 --lang en
explain {dab} --data {json} --as-of 2024 --indicator 普惠托位数 --year 2027 --region 鹿城区 --format json
explain {dab} --data {json} --as-of 2024 --indicator 普惠托位数 --year 2027
