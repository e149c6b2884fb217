check {dab} --data {json}
check {dab} --data {json} --format json --lang en
explain {dab} --data {json} --indicator 普惠托位占比 --year 2024 --region 洞头区
sql {dab} --dialect sqlite
