check {dab} --data {dir}/merge.json --data {dir}/merge.csv --lang en
