check {dab} --data {json}
check {dab} --data {json} --lang en
check {dab} --data {dir}/nothing_matched/empty.csv
check {dab} --data {dir}/nothing_matched/no_values.json --format json
check {dab} --data {dir}/nothing_matched/year0.json
check {dab} --data {dir}/nothing_matched/year0.json --data {dir}/nothing_matched/empty.csv --data {json}
