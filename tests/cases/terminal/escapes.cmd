check {dab} --data {json} --lang en
explain {dab} --data {json} --indicator link --year 2023 --lang en
check {dab} --data {dir}/escapes_regions.json --lang en
